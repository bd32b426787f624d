package org.ctims.testing.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ctims.testing.xlsx.HostileWorkbooks;

/**
 * The hostile input {@link HostileInput} sends: values for path and query parameters, JSON bodies
 * made from a valid one, and uploaded files. Built once, in memory, from nothing but code.
 */
public final class HostileCorpus {

    /** One hostile value: its name in the report and the raw text (not yet URL-encoded). */
    public record Value(String name, String text) {
    }

    /** One hostile upload: a name, the file name it is sent under, the bytes. */
    public record Upload(String name, String fileName, byte[] content) {
    }

    /** Text where an identifier, a code, a number, a date or a flag belongs. */
    public static final List<Value> PARAMETER_VALUES = List.of(
            new Value("SQL metacharacters", "1' OR '1'='1"),
            new Value("SQL statement", "1; DROP TABLE outbox; --"),
            new Value("HTML/script", "<script>alert(1)</script>"),
            new Value("path traversal", "../../etc/passwd"),
            new Value("unknown code", "ZZ-9999"),
            new Value("negative number", "-1"),
            new Value("number beyond int", "99999999999"),
            new Value("huge string", "9".repeat(4000)),
            new Value("control characters", "1\u0000\r\n2"),
            new Value("non-Latin text", "\u0661\u0662\u0663\u0664\u0665"));

    /** The percent-encoded query/path text of a value that is not UTF-8 once decoded. */
    public static final String INVALID_UTF8_ENCODED = "%C3%28%FF%FE";

    /** Free text long beyond any field's limit. */
    public static final String HUGE_TEXT = "x".repeat(100_000);

    private HostileCorpus() {
    }

    // ---- JSON bodies ----

    /** A named JSON body: bytes as sent. */
    public record JsonCase(String name, byte[] content) {
    }

    /**
     * The JSON bodies made from {@code valid}: malformed and deeply nested JSON, invalid UTF-8, a
     * body over {@code maxBodyBytes}, and for every field (nested ones too) a value of the wrong
     * type, and for every field that is not free text the hostile strings of
     * {@link #PARAMETER_VALUES} (free text fields get a string over any limit instead).
     */
    public static List<JsonCase> jsonBodies(Map<String, Object> valid, java.util.Set<String> freeText, long maxBodyBytes) {
        List<JsonCase> cases = new ArrayList<>();
        String json = Json.write(valid);
        cases.add(new JsonCase("malformed JSON", json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8)));
        cases.add(new JsonCase("not JSON at all", "<xml>not json</xml>".getBytes(StandardCharsets.UTF_8)));
        cases.add(new JsonCase("JSON nested 10,000 levels",
                ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8)));
        cases.add(new JsonCase("object nested 10,000 levels",
                ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8)));
        cases.add(new JsonCase("a JSON array instead of an object", ("[" + json + "]").getBytes(StandardCharsets.UTF_8)));
        cases.add(new JsonCase("a JSON string instead of an object", "\"text\"".getBytes(StandardCharsets.UTF_8)));
        cases.add(new JsonCase("invalid UTF-8 bytes in a string", invalidUtf8(json)));
        cases.add(new JsonCase("body over the limit", overLimit(json, maxBodyBytes)));
        for (List<Object> path : leaves(valid, new ArrayList<>())) {
            Object value = get(valid, path);
            String field = pathName(path);
            List<Object> wrong = new ArrayList<>(List.of(Map.of("x", 1), List.of(1, 2)));
            if (value instanceof Boolean || value instanceof Number) {
                wrong.add("not-a-" + (value instanceof Boolean ? "boolean" : "number"));
            }
            if (value instanceof List<?>) {
                wrong.set(1, "not-a-list");
            }
            for (Object w : wrong) {
                cases.add(new JsonCase("wrong type (" + typeName(w) + ") in " + field, Json.write(with(valid, path, w)).getBytes(StandardCharsets.UTF_8)));
            }
            if (value instanceof String) {
                String key = String.valueOf(path.get(path.size() - 1));
                if (freeText.contains(key)) {
                    cases.add(new JsonCase("huge string in " + field, Json.write(with(valid, path, HUGE_TEXT)).getBytes(StandardCharsets.UTF_8)));
                } else {
                    for (Value v : PARAMETER_VALUES) {
                        cases.add(new JsonCase(v.name() + " in " + field, Json.write(with(valid, path, v.text())).getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return cases;
    }

    private static byte[] invalidUtf8(String json) {
        int quote = json.indexOf(":\"");
        byte[] head = json.substring(0, quote + 2).getBytes(StandardCharsets.UTF_8);
        byte[] tail = json.substring(quote + 2).getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
        byte[] all = Arrays.copyOf(head, head.length + bad.length + tail.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        return all;
    }

    private static byte[] overLimit(String json, long maxBodyBytes) {
        int pad = (int) (maxBodyBytes - json.length() + 1024);
        return ("{\"padding\":\"" + "x".repeat(Math.max(pad, 0)) + "\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private static String typeName(Object value) {
        return value instanceof Map ? "object" : value instanceof List ? "array" : "string";
    }

    /** Paths (keys and list indexes) to every field of the body; a list is a field as well as its elements. */
    private static List<List<Object>> leaves(Object node, List<Object> path) {
        List<List<Object>> result = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                List<Object> child = new ArrayList<>(path);
                child.add(e.getKey());
                result.addAll(leaves(e.getValue(), child));
            }
        } else if (node instanceof List<?> list) {
            result.add(path);
            if (!list.isEmpty()) {
                List<Object> child = new ArrayList<>(path);
                child.add(0);
                if (list.get(0) instanceof Map) {
                    result.addAll(leaves(list.get(0), child));
                }
            }
        } else if (node != null) {
            result.add(path);
        }
        return result;
    }

    private static String pathName(List<Object> path) {
        StringBuilder name = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                name.append('[').append(i).append(']');
            } else {
                name.append(name.isEmpty() ? "" : ".").append(p);
            }
        }
        return name.toString();
    }

    private static Object get(Object node, List<Object> path) {
        for (Object p : path) {
            node = p instanceof Integer i ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(p);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Object with(Object node, List<Object> path, Object value) {
        if (path.isEmpty()) {
            return value;
        }
        Object head = path.get(0);
        List<Object> rest = path.subList(1, path.size());
        if (head instanceof Integer i) {
            List<Object> copy = new ArrayList<>((List<Object>) node);
            copy.set(i, with(copy.get(i), rest, value));
            return copy;
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) node);
        copy.put((String) head, with(copy.get(head), rest, value));
        return copy;
    }

    /** Enough JSON writing for test bodies (maps, lists, strings, numbers, booleans, null). */
    static final class Json {

        private Json() {
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            if (value == null || value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(first ? "" : ",");
                    first = false;
                    write(String.valueOf(e.getKey()), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(list.get(i), out);
                }
                out.append(']');
            } else {
                out.append('"');
                for (char c : value.toString().toCharArray()) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        default -> {
                            if (c < 0x20) {
                                out.append(String.format("\\u%04x", (int) c));
                            } else {
                                out.append(c);
                            }
                        }
                    }
                }
                out.append('"');
            }
        }
    }

    // ---- uploads ----

    /**
     * Files an upload endpoint must refuse: not a zip, empty, cut off, encrypted, a zip bomb inside
     * a workbook and of a CSV, an entity-expansion bomb and an external entity inside a workbook,
     * a zip entry that climbs out of its folder, and a workbook sent under a file name that does.
     */
    public static List<Upload> uploads() {
        byte[] workbook = workbook();
        List<Upload> uploads = new ArrayList<>();
        uploads.add(new Upload("not a zip, named .xlsx", "list.xlsx", "just text, not a workbook".getBytes(StandardCharsets.UTF_8)));
        uploads.add(new Upload("not a zip, named .zip", "roster.zip", "just text, not a zip".getBytes(StandardCharsets.UTF_8)));
        uploads.add(new Upload("empty file", "list.xlsx", new byte[0]));
        uploads.add(new Upload("truncated workbook", "list.xlsx", HostileWorkbooks.truncated(workbook)));
        uploads.add(new Upload("password-protected workbook", "list.xlsx", HostileWorkbooks.encrypted(workbook, "secret")));
        uploads.add(new Upload("zip bomb inside a workbook (200 MB of blanks)", "list.xlsx", HostileWorkbooks.zipBomb(workbook, 200)));
        uploads.add(new Upload("entity-expansion bomb (billion laughs) in a workbook", "list.xlsx",
                withSheet(workbook, BILLION_LAUGHS)));
        uploads.add(new Upload("external entity (file:///etc/passwd) in a workbook", "list.xlsx",
                withSheet(workbook, EXTERNAL_ENTITY)));
        uploads.add(new Upload("zip bomb of a CSV (200 MB of blanks)", "roster.zip", csvZipBomb(200)));
        uploads.add(new Upload("zip entry named ../../etc/passwd", "roster.zip", zip("../../etc/passwd",
                "root:x:0:0:root:/root:/bin/bash\n".getBytes(StandardCharsets.UTF_8))));
        uploads.add(new Upload("file name ../../etc/passwd.xlsx (a workbook without the expected columns)",
                "../../etc/passwd.xlsx", workbook));
        return uploads;
    }

    private static final String BILLION_LAUGHS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\
            <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\
            <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">\
            <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">\
            <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">\
            <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">\
            <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>""";

    private static final String EXTERNAL_ENTITY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>""";

    /** A plain workbook with one sheet and a header row nobody expects. */
    static byte[] workbook() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var row = workbook.createSheet("Sheet1").createRow(0);
            row.createCell(0).setCellValue("Unexpected");
            row.createCell(1).setCellValue("Columns");
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workbook with its first worksheet's XML replaced. */
    static byte[] withSheet(byte[] xlsx, String sheetXml) {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(xlsx));
             ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(entry.getName().equals("xl/worksheets/sheet1.xml") ? sheetXml.getBytes(StandardCharsets.UTF_8) : content);
                zip.closeEntry();
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] csvZipBomb(int megabytes) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("users.csv"));
            zip.write("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName\n"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1024 * 1024];
            Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < megabytes; i++) {
                zip.write(blanks);
            }
            zip.closeEntry();
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(String entryName, byte[] content) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
