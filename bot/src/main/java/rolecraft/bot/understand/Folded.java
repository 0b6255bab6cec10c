package rolecraft.bot.understand;

/**
 * A message as the readers match it, without copying it: blanks at either end left out, letters in lower case, a
 * typographic apostrophe read as a plain one. Each character is read from the message when a pattern asks for it,
 * so the work of reading a message can be counted on the message itself.
 */
final class Folded implements CharSequence {

    private final CharSequence text;
    private final int from;
    private final int to;

    private Folded(CharSequence text, int from, int to) {
        this.text = text;
        this.from = from;
        this.to = to;
    }

    /** {@code message} without its blanks at either end, folded. */
    static Folded of(CharSequence message) {
        if (message instanceof Folded f) {
            return f;
        }
        int from = 0;
        int to = message.length();
        while (from < to && Character.isWhitespace(message.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(message.charAt(to - 1))) {
            to--;
        }
        return new Folded(message, from, to);
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        char c = text.charAt(from + index);
        return c == '\u2019' ? '\'' : Character.toLowerCase(c);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new Folded(text, from + start, from + end);
    }

    /** Whether the message holds {@code c}. */
    boolean has(char c) {
        for (int i = 0; i < length(); i++) {
            if (charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(length());
        for (int i = 0; i < length(); i++) {
            out.append(charAt(i));
        }
        return out.toString();
    }
}
