package org.ctims.certification.imports;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.ctims.certification.catalog.SchoolYear;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of committed imports: who, when, which file, what it changed. */
@Repository
class ImportLog {

    static final String COMMITTED = "COMMITTED";

    private final JdbcClient jdbc;

    ImportLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long record(SchoolYear year, String fileName, String user, String userName, Instant at, int rowsRead,
                CatalogChanges changes) {
        return jdbc.sql("""
                        insert into catalog_import (school_year, file_name, imported_by, imported_by_name, imported_at,
                                                    status, rows_read, added, changed, retired, unchanged)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(year.value(), fileName, user, userName, Timestamp.from(at), COMMITTED, rowsRead,
                        changes.added().size(), changes.changed().size(), changes.retired().size(), changes.unchanged())
                .query(Long.class).single();
    }

    /** Newest first; only {@code year}'s when given. */
    List<CatalogImportView> list(SchoolYear year, int limit) {
        return jdbc.sql("""
                        select id, school_year, file_name, imported_by, imported_by_name, imported_at, status,
                               rows_read, added, changed, retired, unchanged
                        from catalog_import where (cast(? as varchar) is null or school_year = ?)
                        order by imported_at desc, id desc limit ?""")
                .params(year == null ? null : year.value(), year == null ? null : year.value(), limit)
                .query((rs, n) -> new CatalogImportView(rs.getLong("id"), rs.getString("school_year"),
                        rs.getString("file_name"), rs.getString("imported_by"), rs.getString("imported_by_name"),
                        rs.getTimestamp("imported_at").toInstant(), rs.getString("status"), rs.getInt("rows_read"),
                        rs.getInt("added"), rs.getInt("changed"), rs.getInt("retired"), rs.getInt("unchanged")))
                .list();
    }
}
