package io.github.recordingleakagedetector.runtime.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes; anything else is an error. */
public final class CsvRecords {
    private CsvRecords() {
    }

    /** Every record, the header first. */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                int end = i + 1;
                while (true) {
                    if (end >= text.length()) {
                        throw new IllegalArgumentException("Unterminated quoted field at " + i);
                    }
                    if (text.charAt(end) == '"') {
                        if (end + 1 < text.length() && text.charAt(end + 1) == '"') {
                            field.append('"');
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    field.append(text.charAt(end++));
                }
                i = end + 1;
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    throw new IllegalArgumentException("Text after a quoted field at " + i);
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("Bare CR at " + i);
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(List.copyOf(record));
                record.clear();
                i++;
            } else if (c == '\n' || c == '"') {
                throw new IllegalArgumentException("Unquoted " + (c == '"' ? "quote" : "LF") + " at " + i);
            } else {
                field.append(c);
            }
            i++;
        }
        if (!record.isEmpty() || !field.isEmpty()) {
            throw new IllegalArgumentException("The last record does not end with CRLF");
        }
        return records;
    }

    /** The records after the header, each as a map from column name to value. */
    public static List<Map<String, String>> rows(String text) {
        List<List<String>> records = parse(text);
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() != header.size()) {
                throw new IllegalArgumentException("Record of " + record.size() + " fields under a header of "
                        + header.size() + ": " + record);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int column = 0; column < header.size(); column++) {
                row.put(header.get(column), record.get(column));
            }
            rows.add(row);
        }
        return rows;
    }
}
