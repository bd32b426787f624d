package org.ctims.report.names;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The names behind the reports' PIDs, numbers and codes, from the read models: a school's as the
 * roster gave it last ({@code roster.enrollments.v1}), a year's assessments and career clusters as
 * the catalog replica holds them ({@code certification.catalog.v1}). A retired assessment keeps its
 * name: it was on the year's list when it was recorded.
 */
@Repository
public class Names {

    private final JdbcClient jdbc;

    Names(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The school's name as the roster gave it last, if it has enrollments at all. */
    public Optional<String> school(String pid) {
        return jdbc.sql("""
                select organization_name from enrollment where organization_pid = ? and organization_name is not null
                order by event_time desc limit 1""")
                .param(pid).query(String.class).optional();
    }

    /** Number → name for the numbers of {@code year}'s list among {@code numbers}; others are left out. */
    public Map<String, String> assessments(String year, Collection<String> numbers) {
        return names("select number, name from catalog_assessment where school_year = :year and number in (:keys)", year, numbers);
    }

    /** Code → name for the codes of {@code year}'s clusters among {@code codes} that have a name. */
    public Map<String, String> clusters(String year, Collection<String> codes) {
        return names("select code, name from catalog_cluster where school_year = :year and code in (:keys) and name is not null",
                year, codes);
    }

    private Map<String, String> names(String sql, String year, Collection<String> keys) {
        Map<String, String> names = new HashMap<>();
        if (keys.isEmpty()) {
            return names;
        }
        jdbc.sql(sql).param("year", year).param("keys", keys)
                .query(rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return names;
    }
}
