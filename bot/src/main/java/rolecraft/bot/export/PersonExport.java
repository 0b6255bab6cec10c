package rolecraft.bot.export;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rolecraft.bot.store.Json;

/**
 * What is stored about one person (see {@code People#export}) written for them: JSON with one list of rows per
 * kind, or CSV with one line per field ({@code kind,item,field,value}: item counts the rows of a kind from 1).
 */
public final class PersonExport {

    private PersonExport() {
    }

    /** {@code {"person_id": ..., "<kind>": [rows], ...}}, indented for reading. */
    public static void json(OutputStream out, String person, Map<String, List<Map<String, Object>>> records)
            throws IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("person_id", person);
        all.putAll(records);
        Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT)
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, all);
    }

    /** One line per field of each row, kinds in the same order as the JSON; text that looks like a formula is quoted. */
    public static void csv(Writer out, Map<String, List<Map<String, Object>>> records) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        for (String column : List.of("kind", "item", "field", "value")) {
            csv.text(column);
        }
        csv.endRecord();
        for (var kind : records.entrySet()) {
            int item = 0;
            for (Map<String, Object> row : kind.getValue()) {
                item++;
                for (var field : row.entrySet()) {
                    csv.text(kind.getKey());
                    csv.text(Integer.toString(item));
                    csv.text(field.getKey());
                    Object v = field.getValue();
                    csv.cell(v == null ? null : v.toString());
                    csv.endRecord();
                }
            }
        }
        csv.flush();
    }
}
