package org.ctims.followup.imports;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of a bulk-entry file, recognised by their header (case, accents, punctuation and
 * spacing do not matter). Columns the import does not know (Student, Grade, Teacher(s) …) are
 * ignored. Certification entries are numbered column groups: {@code Assessment 1}, {@code Cluster 1},
 * {@code Result 1}, {@code Assessment 2} … as many as needed.
 */
enum BulkColumn {

    STN("STN", "stn", "state testing number"),
    VERSION("Version", "version", "report version"),
    EMAIL("Email", "email", "e mail", "email address", "e mail address"),
    DECEASED("Deceased", "deceased"),
    EDUCATION_STATUS("Education status", "education status", "education"),
    EMPLOYMENT_STATUS("Employment status", "employment status", "employment"),
    JOB_RELATED("Job related to coursework", "job related to coursework", "job related"),
    SELF_EMPLOYED("Self-employed", "self employed"),
    JOB_TITLE("Job title", "job title"),
    JOB_DUTIES("Job duties", "job duties"),
    TOOK_CERTIFICATION_TEST("Took a certification test", "took a certification test", "took certification test",
            "took a certification", "certification test"),
    ASSESSMENT("Assessment"),
    CLUSTER("Cluster"),
    RESULT("Result");

    private static final Pattern GROUP = Pattern.compile("(assessment|assessment number|cluster|career cluster|result) (\\d{1,3})");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final String header;
    private final Set<String> names;

    BulkColumn(String header, String... names) {
        this.header = header;
        this.names = Set.of(names);
    }

    /** The header the template writes (for a group column, without its number). */
    String header() {
        return header;
    }

    String header(int group) {
        return header + " " + group;
    }

    /** A recognised header: the column, and the group number of a certification column (0 otherwise). */
    record Header(BulkColumn column, int group) {
    }

    /** The column a header names, or null for one the import ignores. */
    static Header of(String text) {
        String folded = fold(text);
        Matcher m = GROUP.matcher(folded);
        if (m.matches()) {
            int group = Integer.parseInt(m.group(2));
            if (group < 1) {
                return null;
            }
            BulkColumn column = m.group(1).startsWith("assessment") ? ASSESSMENT : m.group(1).endsWith("cluster") ? CLUSTER : RESULT;
            return new Header(column, group);
        }
        for (BulkColumn column : values()) {
            if (column.names.contains(folded)) {
                return new Header(column, 0);
            }
        }
        return null;
    }

    /** Lower case, no accents, every run of punctuation or spaces one space. */
    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String unmarked = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NOT_ALNUM.matcher(unmarked.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
