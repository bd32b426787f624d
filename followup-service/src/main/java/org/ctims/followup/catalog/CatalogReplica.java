package org.ctims.followup.catalog;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import org.ctims.followup.report.AssessmentList;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The local replica of the catalog, read by the report rules: a save never calls the certification service. */
@Component
public class CatalogReplica {

    private final JdbcClient jdbc;

    CatalogReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The Approved Assessment List and clusters of {@code schoolYear}, read on demand. */
    public AssessmentList forYear(String schoolYear) {
        return new AssessmentList() {
            @Override
            public Optional<ListedAssessment> assessment(String number) {
                return jdbc.sql("select number, name, clusters, retired from catalog_assessment where school_year = ? and number = ?")
                        .params(schoolYear, number)
                        .query((rs, i) -> new ListedAssessment(rs.getString("number"), rs.getString("name"),
                                codes(rs.getArray("clusters")), rs.getBoolean("retired")))
                        .optional();
            }

            @Override
            public boolean hasCluster(String code) {
                return jdbc.sql("select count(*) from catalog_cluster where school_year = ? and code = ? and not retired")
                        .params(schoolYear, code).query(Integer.class).single() > 0;
            }
        };
    }

    private static Set<String> codes(Array array) throws SQLException {
        return Set.of((String[]) array.getArray());
    }
}
