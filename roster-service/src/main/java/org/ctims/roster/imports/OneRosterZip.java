package org.ctims.roster.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The CSV files of a OneRoster 1.2 zip, read with limits: at most {@value #MAX_ENTRIES} entries
 * and {@value #MAX_UNCOMPRESSED} bytes uncompressed in all (a zip bomb is refused, not unpacked).
 * Each file is a list of rows keyed by the header's column names, with their line numbers.
 */
final class OneRosterZip {

    static final int MAX_ENTRIES = 64;
    static final long MAX_UNCOMPRESSED = 512L * 1024 * 1024;

    /** A data row: its line in the file and its values by column. */
    record CsvRow(int line, Map<String, String> values) {
    }

    private final Map<String, List<CsvRow>> files;

    private OneRosterZip(Map<String, List<CsvRow>> files) {
        this.files = files;
    }

    /** @throws InvalidZipException when the upload is not a readable OneRoster CSV zip */
    static OneRosterZip read(InputStream upload) {
        Map<String, List<CsvRow>> files = new HashMap<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(upload, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new InvalidZipException("The zip has more than " + MAX_ENTRIES + " entries.");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    total += n;
                    if (total > MAX_UNCOMPRESSED) {
                        throw new InvalidZipException("The zip unpacks to more than " + MAX_UNCOMPRESSED / 1024 / 1024 + " MB.");
                    }
                    content.write(buffer, 0, n);
                }
                if (name.endsWith(".csv")) {
                    files.put(name, rows(name, content.toString(StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidZipException("The file is not a readable zip: " + e.getMessage());
        }
        if (entries == 0) {
            throw new InvalidZipException("The file is not a zip (or an empty one).");
        }
        if (!files.containsKey("manifest.csv")) {
            throw new InvalidZipException("The zip has no manifest.csv: it is not a OneRoster CSV zip.");
        }
        return new OneRosterZip(files);
    }

    private static List<CsvRow> rows(String name, String text) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text));
        CsvReader.Row header = reader.next();
        List<CsvRow> rows = new ArrayList<>();
        if (header == null) {
            return rows;
        }
        List<String> columns = header.fields().stream().map(String::trim).toList();
        CsvReader.Row row;
        try {
            while ((row = reader.next()) != null) {
                if (row.fields().size() == 1 && row.fields().get(0).isBlank()) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size() && i < row.fields().size(); i++) {
                    values.put(columns.get(i), row.fields().get(i));
                }
                rows.add(new CsvRow(row.line(), values));
            }
        } catch (IOException e) {
            throw new InvalidZipException(name + ": " + e.getMessage());
        }
        return rows;
    }

    List<CsvRow> file(String name) {
        return files.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Whether the zip holds this file (even with no rows). */
    boolean has(String name) {
        return files.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** manifest.csv as property → value (e.g. {@code file.users} → {@code bulk}). */
    Map<String, String> manifest() {
        Map<String, String> manifest = new HashMap<>();
        for (CsvRow row : file("manifest.csv")) {
            manifest.put(row.values().getOrDefault("propertyName", ""), row.values().getOrDefault("value", ""));
        }
        return manifest;
    }

}
