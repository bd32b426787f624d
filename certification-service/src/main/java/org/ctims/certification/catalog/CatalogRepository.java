package org.ctims.certification.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The catalog tables: school years, their clusters and assessments. Bulk writes use JDBC batches
 * because an import replaces thousands of rows in one transaction.
 */
@Repository
public class CatalogRepository {

    private static final String ASSESSMENT_COLUMNS =
            "school_year, number, name, vendor, notes, clusters, published_at, retired_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CatalogRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The year's catalog version, empty if the year is unknown. */
    public Optional<Long> version(SchoolYear year) {
        return jdbc.sql("select catalog_version from school_year where year = ?").param(year.value())
                .query(Long.class).optional();
    }

    /** Locks the year's row until the transaction ends (one import of a year at a time); false if unknown. */
    public boolean lockYear(SchoolYear year) {
        return jdbc.sql("select year from school_year where year = ? for update").param(year.value())
                .query(String.class).optional().isPresent();
    }

    public void createYear(SchoolYear year) {
        jdbc.sql("insert into school_year (year) values (?)").param(year.value()).update();
    }

    public void bumpVersion(SchoolYear year) {
        jdbc.sql("update school_year set catalog_version = catalog_version + 1 where year = ?").param(year.value()).update();
    }

    /** The latest known year before {@code year}, whose clusters a new year starts with. */
    public Optional<SchoolYear> latestYearBefore(SchoolYear year) {
        return jdbc.sql("select year from school_year where year < ? order by year desc limit 1").param(year.value())
                .query(String.class).optional().map(SchoolYear::of);
    }

    public List<CareerCluster> clusters(SchoolYear year) {
        return jdbc.sql("select code, name from career_cluster where school_year = ? and retired_at is null order by code")
                .param(year.value())
                .query((rs, n) -> new CareerCluster(rs.getString("code"), rs.getString("name"))).list();
    }

    /** Every cluster the year ever had, by code: the retired ones with {@code retired = true}. */
    public List<StoredCluster> allClusters(SchoolYear year) {
        return jdbc.sql("select code, name, retired_at is not null as retired from career_cluster where school_year = ? order by code")
                .param(year.value())
                .query((rs, n) -> new StoredCluster(new CareerCluster(rs.getString("code"), rs.getString("name")),
                        rs.getBoolean("retired")))
                .list();
    }

    /** Adds the cluster to the year, or gives it a new name and takes it back from retirement. */
    public void saveCluster(SchoolYear year, CareerCluster cluster) {
        jdbc.sql("""
                        insert into career_cluster (school_year, code, name) values (?, ?, ?)
                        on conflict (school_year, code) do update set name = excluded.name, retired_at = null""")
                .params(year.value(), cluster.code(), cluster.name()).update();
    }

    public void retireCluster(SchoolYear year, String code, Instant at) {
        jdbc.sql("update career_cluster set retired_at = ? where school_year = ? and code = ?")
                .params(Timestamp.from(at), year.value(), code).update();
    }

    /** A cluster as stored, retired or not. */
    public record StoredCluster(CareerCluster cluster, boolean retired) {
    }

    /** Every assessment of the year, retired ones too, by number. */
    public List<Assessment> allAssessments(SchoolYear year) {
        return jdbc.sql("select " + ASSESSMENT_COLUMNS + " from assessment where school_year = ? order by number")
                .param(year.value()).query(CatalogRepository::assessment).list();
    }

    /** The year's current list (not retired). */
    public List<Assessment> currentAssessments(SchoolYear year) {
        return jdbc.sql("select " + ASSESSMENT_COLUMNS + " from assessment where school_year = ? and retired_at is null order by number")
                .param(year.value()).query(CatalogRepository::assessment).list();
    }

    public Optional<Assessment> assessment(SchoolYear year, String number) {
        return jdbc.sql("select " + ASSESSMENT_COLUMNS + " from assessment where school_year = ? and number = ?")
                .params(year.value(), number).query(CatalogRepository::assessment).optional();
    }

    public void insertAll(SchoolYear year, List<ListedAssessment> assessments, Instant at) {
        template.batchUpdate("""
                insert into assessment (school_year, number, name, vendor, notes, clusters, published_at)
                values (?, ?, ?, ?, ?, ?::varchar[], ?)""", assessments, 500, (ps, a) -> {
            ps.setString(1, year.value());
            ps.setString(2, a.number());
            ps.setString(3, a.name());
            ps.setString(4, a.vendor());
            ps.setString(5, a.notes());
            ps.setString(6, arrayLiteral(a.clusters()));
            ps.setTimestamp(7, Timestamp.from(at));
        });
    }

    /** New content for existing assessments; a retired one is back on the list. */
    public void updateAll(SchoolYear year, List<ListedAssessment> assessments, Instant at) {
        template.batchUpdate("""
                update assessment set name = ?, vendor = ?, notes = ?, clusters = ?::varchar[], published_at = ?, retired_at = null
                where school_year = ? and number = ?""", assessments, 500, (ps, a) -> {
            ps.setString(1, a.name());
            ps.setString(2, a.vendor());
            ps.setString(3, a.notes());
            ps.setString(4, arrayLiteral(a.clusters()));
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setString(6, year.value());
            ps.setString(7, a.number());
        });
    }

    public void retireAll(SchoolYear year, List<Assessment> assessments, Instant at) {
        template.batchUpdate("update assessment set retired_at = ? where school_year = ? and number = ?",
                assessments, 500, (ps, a) -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setString(2, year.value());
                    ps.setString(3, a.number());
                });
    }

    /** Codes are letters and digits only (checked on import), so a literal needs no quoting. */
    private static String arrayLiteral(List<String> codes) {
        return "{" + String.join(",", codes) + "}";
    }

    private static Assessment assessment(ResultSet rs, int rowNum) throws SQLException {
        Array clusters = rs.getArray("clusters");
        Timestamp retired = rs.getTimestamp("retired_at");
        return new Assessment(SchoolYear.of(rs.getString("school_year")), rs.getString("number"), rs.getString("name"),
                rs.getString("vendor"), rs.getString("notes"), Arrays.asList((String[]) clusters.getArray()),
                rs.getTimestamp("published_at").toInstant(), retired == null ? null : retired.toInstant());
    }
}
