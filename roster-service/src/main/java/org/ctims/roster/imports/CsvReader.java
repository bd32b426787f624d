package org.ctims.roster.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated, fields optionally in double quotes (a quote inside a
 * quoted field is doubled, which may also hold commas and line breaks), CRLF or LF, a leading BOM
 * ignored. Each row comes with the line number it starts on.
 */
final class CsvReader {

    /** One row and the line number (from 1) where it starts. */
    record Row(int line, List<String> fields) {
    }

    private final Reader in;
    private int line = 1;
    private int pushedBack = -2;
    private boolean first = true;

    CsvReader(Reader in) {
        this.in = in;
    }

    /** The next row, or null at the end. */
    Row next() throws IOException {
        int c = read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("line " + start + ": a quoted field is not closed");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        pushedBack = d;
                    }
                }
                if (c != -1) {
                    line++;
                }
                fields.add(field.toString());
                return new Row(start, fields);
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }
}
