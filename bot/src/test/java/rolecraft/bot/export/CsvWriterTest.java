package rolecraft.bot.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    /** Cells that quoting, guarding or buffering could get wrong. */
    private static final List<String> TRICKY = List.of("", "plain", "two words", "a,b", "say \"hi\"", "\"",
            "line\nbreak", "cr\rhere", "ends with space ", "ends with tab\t", "\ttab first", "\rcr first", "=1+2",
            "+33 6", "-1+2", "@home", "#tag", "!bang", "\"quoted\"", " leading space", "'apostrophe", "é accents ü",
            "emoji 🙂", "nul\0inside", "\0", "x", ",", "2026-01-02T00:00:00.000Z", "a\"b,c\nd",
            "=HYPERLINK(\"http://evil\")", "long ".repeat(20_000));

    private static String commons(List<List<String>> rows) throws Exception {
        StringWriter out = new StringWriter();
        CSVPrinter p = CSVFormat.DEFAULT.print(out);
        for (List<String> row : rows) {
            p.printRecord(row);
        }
        p.flush();
        return out.toString();
    }

    @Test
    void cells_are_written_as_commons_csv_prints_them_with_formulas_guarded() throws Exception {
        List<List<String>> expected = new ArrayList<>();
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        // Each tricky value first in its row, in the middle, and last; as text and as a guarded cell.
        for (String v : TRICKY) {
            for (boolean guarded : new boolean[] {false, true}) {
                String shown = guarded ? Exporter.cell(v) : v;
                expected.add(List.of(shown, "mid", shown, shown));
                for (int i = 0; i < 4; i++) {
                    String cell = i == 1 ? "mid" : v;
                    if (guarded && i != 1) {
                        csv.cell(cell);
                    } else {
                        csv.text(cell);
                    }
                }
                csv.endRecord();
            }
        }
        csv.flush();
        assertThat(out.toString()).isEqualTo(commons(expected));
    }

    @Test
    void part_of_a_string_is_written_as_that_substring() throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        String joined = "=x|a,b||-3";
        csv.cell(joined, 0, 2);
        csv.text(joined, 3, 6);
        csv.cell(joined, 7, 7);
        csv.cell(joined, 8, 10);
        csv.endRecord();
        csv.cell(joined, 7, 7);
        csv.endRecord();
        csv.flush();
        assertThat(out.toString()).isEqualTo(commons(List.of(List.of("'=x", "a,b", "", "'-3"), List.of(""))));
    }

    private static String decimals(double value, int places) throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        csv.decimals(value, places);
        csv.flush();
        return out.toString();
    }

    @Test
    void numbers_are_written_with_fixed_decimals() throws Exception {
        assertThat(decimals(30, 1)).isEqualTo("30.0");
        assertThat(decimals(33.333, 1)).isEqualTo("33.3");
        assertThat(decimals(0.6, 2)).isEqualTo("0.60");
        assertThat(decimals(0.055, 2)).isEqualTo("0.06");
        assertThat(decimals(0.004, 2)).isEqualTo("0.00");
        assertThat(decimals(99.96, 1)).isEqualTo("100.0");
        assertThat(decimals(1234567.891, 2)).isEqualTo("1234567.89");
        assertThat(decimals(-2.5, 1)).isEqualTo("-2.5");
        assertThat(decimals(-0.001, 2)).isEqualTo("0.00");
    }

    @Test
    void a_small_buffer_writes_the_same_bytes() throws Exception {
        StringWriter large = new StringWriter();
        StringWriter small = new StringWriter();
        CsvWriter a = new CsvWriter(large);
        CsvWriter b = new CsvWriter(small, 64);
        for (String v : TRICKY) {
            for (CsvWriter csv : List.of(a, b)) {
                csv.cell(v);
                csv.text(v);
                csv.decimals(-12345678901234.56, 2);
                csv.decimals(0.05, 1);
                csv.cell(v, 0, v.length() / 2);
                csv.endRecord();
            }
        }
        a.flush();
        b.flush();
        assertThat(small.toString()).isEqualTo(large.toString()).isNotEmpty();
    }
}
