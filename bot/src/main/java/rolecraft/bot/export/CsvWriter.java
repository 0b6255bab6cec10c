package rolecraft.bot.export;

import java.io.IOException;
import java.io.Writer;

/**
 * CSV cells written byte for byte as commons-csv's default format prints them (comma, CRLF, a cell quoted only when
 * it must be), into one buffer handed to the writer in large blocks rather than a call per cell.
 */
final class CsvWriter {

    private final Writer out;
    private final char[] buf;
    private int len;
    private boolean first = true;

    CsvWriter(Writer out) {
        this(out, 1 << 16);
    }

    /** With a buffer of {@code size} chars (at least 64: a number's cell must fit). */
    CsvWriter(Writer out, int size) {
        this.out = out;
        this.buf = new char[Math.max(64, size)];
    }

    /** A cell of stored text as a spreadsheet must read it: see {@link Exporter#cell}; null is empty. */
    void cell(String value) throws IOException {
        cell(value, 0, value == null ? 0 : value.length());
    }

    /** The same for {@code s.substring(from, to)}, without making it. */
    void cell(String s, int from, int to) throws IOException {
        if (to > from && formulaStart(s.charAt(from))) {
            write(s, from, to, '\'');
        } else {
            write(s, from, to, (char) 0);
        }
    }

    /** A cell as is: a column name, a word or a number the program wrote. */
    void text(String value) throws IOException {
        write(value, 0, value.length(), (char) 0);
    }

    /** The same for {@code s.substring(from, to)}. */
    void text(String s, int from, int to) throws IOException {
        write(s, from, to, (char) 0);
    }

    /** A number with exactly {@code places} (1 or 2) decimals, as {@link Exporter#decimals} writes it. */
    void decimals(double value, int places) throws IOException {
        long scale = places == 1 ? 10 : 100;
        long n = Math.round(Math.abs(value) * scale);
        separator(24); // a sign, 19 digits, the point and 2 decimals
        if (value < 0 && n != 0) {
            buf[len++] = '-';
        }
        digits(n / scale);
        buf[len++] = '.';
        long frac = n % scale;
        if (places == 2 && frac < 10) {
            buf[len++] = '0';
        }
        digits(frac);
    }

    void endRecord() throws IOException {
        room(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
        first = true;
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    static boolean formulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /**
     * Writes {@code prefix} (unless 0) and {@code s[from, to)} as one cell, quoted when commons-csv's minimal mode
     * quotes it: empty as a record's first cell, a first character at or below '#', a comma, quote, CR or LF
     * anywhere, or a last character at or below a space.
     */
    private void write(String s, int from, int to, char prefix) throws IOException {
        if (to == from && prefix == 0) {
            boolean quote = first;
            separator(2);
            if (quote) {
                buf[len++] = '"';
                buf[len++] = '"';
            }
            return;
        }
        char start = prefix != 0 ? prefix : s.charAt(from);
        boolean quote = start <= '#' || s.charAt(to - 1) <= ' ';
        for (int i = from; i < to && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        separator(2);
        if (quote) {
            buf[len++] = '"';
        }
        if (prefix != 0) {
            buf[len++] = prefix;
        }
        if (quote) {
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    put('"');
                }
                put(c);
            }
            put('"');
        } else {
            // Copied in blocks: a long comment may be larger than the buffer.
            for (int i = from; i < to; ) {
                room(1);
                int n = Math.min(to - i, buf.length - len);
                s.getChars(i, i + n, buf, len);
                len += n;
                i += n;
            }
        }
    }

    /** Makes room for the comma before a cell, if any, and {@code n} more characters, then writes the comma. */
    private void separator(int n) throws IOException {
        room(n + 1);
        if (!first) {
            buf[len++] = ',';
        }
        first = false;
    }

    private void put(char c) throws IOException {
        if (len == buf.length) {
            drain();
        }
        buf[len++] = c;
    }

    private void room(int n) throws IOException {
        if (len + n > buf.length) {
            drain();
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }

    private void digits(long v) {
        int count = 1;
        for (long rest = v / 10; rest > 0; rest /= 10) {
            count++;
        }
        for (int i = len + count - 1; i >= len; i--) {
            buf[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        len += count;
    }
}
