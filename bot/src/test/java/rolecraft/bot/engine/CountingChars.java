package rolecraft.bot.engine;

/** Text that counts every character read from it (and from its slices): the work a pattern does on it. */
public final class CountingChars implements CharSequence {

    private final String text;
    private final int from;
    private final int length;
    private final long[] reads;

    public CountingChars(String text) {
        this(text, 0, text.length(), new long[1]);
    }

    private CountingChars(String text, int from, int length, long[] reads) {
        this.text = text;
        this.from = from;
        this.length = length;
        this.reads = reads;
    }

    public long reads() {
        return reads[0];
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        reads[0]++;
        return text.charAt(from + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new CountingChars(text, from + start, end - start, reads);
    }

    @Override
    public String toString() {
        return text.substring(from, from + length);
    }
}
