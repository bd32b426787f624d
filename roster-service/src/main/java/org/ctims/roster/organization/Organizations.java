package org.ctims.roster.organization;

import java.util.List;

import org.ctims.platform.security.OrganizationScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Organizations as the SIS systems sent them. When several SIS systems send the same PID, the
 * most recently modified record names it.
 */
@Repository
class Organizations {

    static final int LIMIT = 20;

    private final JdbcClient jdbc;

    Organizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<OrganizationSummary> search(String query, OrganizationScope scope) {
        String prefix = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                select pid, name from (
                    select distinct on (pid) pid, name from org
                    where status = 'active' and pid is not null
                      and (lower(name) like lower(:prefix) or pid like :prefix)
                      and (:all or pid = any(:pids))
                    order by pid, date_last_modified desc) latest
                order by lower(name), pid
                limit :limit""")
                .param("prefix", prefix).param("all", scope.all()).param("pids", scope.pidArray())
                .param("limit", LIMIT)
                .query(OrganizationSummary.class).list();
    }
}
