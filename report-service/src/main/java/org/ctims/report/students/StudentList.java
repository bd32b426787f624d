package org.ctims.report.students;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.ctims.platform.security.OrganizationScope;
import org.ctims.report.export.ReportDocument;
import org.ctims.report.export.XlsxWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every student of a year with their report, one row per student and organization (the students
 * the summaries count: an active enrollment that year), for state data officers and school
 * administrators. The rows are read through a database cursor while the workbook is written, so a
 * statewide export of a million rows needs no more memory than one of a hundred.
 */
@Component
public class StudentList {

    /** The query's text, in the service's resources so that the benchmark's COPY baseline runs the same one. */
    public static final String QUERY_RESOURCE = "sql/student-list.sql";

    private static final String QUERY = read(QUERY_RESOURCE);

    static final List<String> HEADER = List.of("PID", "School", "STN", "Family name", "Given name", "Birth date", "Grade",
            "Teacher(s)", "Follow-up applies", "Follow-up complete", "Deceased", "Education status", "Employment status",
            "Took a certification test", "Certifications taken", "Certifications passed", "Certifications",
            "Certificate complete", "Last saved by", "Last saved at");

    private static final int FETCH_SIZE = 1000;

    private final NamedParameterJdbcTemplate cursor;
    private final TransactionTemplate readOnly;

    StudentList(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH_SIZE); // with auto-commit off, PostgreSQL then reads through a cursor
        this.cursor = new NamedParameterJdbcTemplate(jdbc);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The query with the scope's condition, and its parameters. */
    public static String query(OrganizationScope scope) {
        return QUERY.formatted(scope.all() ? "" : "and e.organization_pid = any(string_to_array(:pids, ','))");
    }

    /**
     * What an export contained, for its audit entry.
     *
     * @param stns the STN of every row, in order; empty for an export of every organization (up to a
     *        million rows: the entry names the scope and the count instead)
     */
    record Listed(List<String> stns, int rows) {
    }

    /**
     * Writes the year's students in {@code scope} as .xlsx, reading them while it writes.
     * {@code beforeSending} gets what was read once the last row is, before the workbook (written
     * to {@code out} only when complete) sends its first byte.
     */
    void writeXlsx(String year, OrganizationScope scope, OutputStream out, Consumer<Listed> beforeSending) {
        MapSqlParameterSource params = new MapSqlParameterSource("year", year)
                .addValue("pids", String.join(",", scope.pids()));
        readOnly.executeWithoutResult(status -> {
            try (Stream<List<Object>> rows = cursor.queryForStream(query(scope), params, (rs, i) -> row(rs))) {
                ReportDocument document = ReportDocument.builder("Students and their reports, " + year, fileName(year, scope))
                        .about("School year", year)
                        .about("Organizations", scope.all() ? "all" : String.join(", ", scope.pids()))
                        .build()
                        .with(new ReportDocument.Table("Students", HEADER, listing(rows.iterator(), !scope.all(), beforeSending)));
                new XlsxWriter().write(document, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The rows as they are read, noting their STNs and count; once exhausted, tells {@code done}. */
    private static Iterable<List<Object>> listing(Iterator<List<Object>> rows, boolean keepStns, Consumer<Listed> done) {
        List<String> stns = new ArrayList<>();
        int[] count = {0};
        boolean[] told = {false};
        Iterator<List<Object>> noted = new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = rows.hasNext();
                if (!more && !told[0]) {
                    told[0] = true;
                    done.accept(new Listed(stns, count[0]));
                }
                return more;
            }

            @Override
            public List<Object> next() {
                List<Object> row = rows.next();
                count[0]++;
                if (keepStns) {
                    stns.add((String) row.get(2));
                }
                return row;
            }
        };
        return () -> noted;
    }

    static String fileName(String year, OrganizationScope scope) {
        return "students-" + year + (scope.all() ? "" : scope.pids().size() == 1 ? "-" + scope.pids().iterator().next() : "-schools");
    }

    private static String read(String resource) {
        try (var in = StudentList.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> row(ResultSet rs) throws SQLException {
        Timestamp saved = rs.getTimestamp("saved_at");
        Object birth = rs.getObject("birth_date");
        return ReportDocument.row(rs.getString("organization_pid"), rs.getString("organization_name"), rs.getString("stn"),
                rs.getString("family_name"), rs.getString("given_name"), birth == null ? null : birth.toString(),
                (Integer) rs.getObject("grade"), rs.getString("teachers"), yesNo(rs.getBoolean("applies")),
                rs.getBoolean("applies") ? yesNo(rs.getBoolean("follow_up_complete")) : null,
                yesNo(rs.getBoolean("deceased")), rs.getString("education_status"), rs.getString("employment_status"),
                rs.getObject("took_certification_test") == null ? null : yesNo(rs.getBoolean("took_certification_test")),
                rs.getLong("taken"), rs.getLong("passed"), rs.getString("entries"),
                yesNo(rs.getBoolean("certificate_complete")), rs.getString("saved_by"),
                saved == null ? null : saved.toInstant().toString());
    }

    private static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }
}
