package org.ctims.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ctims.roster.oneroster.OneRosterParser;
import org.ctims.roster.oneroster.OneRosterRecord;
import org.junit.jupiter.api.Test;

/** CSV binding columns map to the same records as the REST JSON an SIS sends over Kafka. */
class CsvRowsTests {

    final OneRosterParser parser = new OneRosterParser();

    static Map<String, String> row(String... pairs) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }

    @Test
    void aUserGetsStnFromUserIdsGradesAsAListAndRolesFromRolesCsv() {
        var json = CsvRows.toJson("users.csv", row("sourcedId", "u-1", "dateLastModified", "2019-01-01T00:00:00Z",
                "userIds", "{FED:19051},{STN:1234567890}", "grades", "11,12", "givenName", "Jo", "status", ""),
                List.of(Map.of("role", "student", "roleType", "primary", "orgSourcedId", "org-1")));
        OneRosterRecord.User user = (OneRosterRecord.User) parser.parse("s", "oneroster.user", json);
        assertThat(user.stn()).isEqualTo("1234567890");
        assertThat(user.grade()).isEqualTo(11);
        assertThat(user.roles()).containsExactly("student");
        assertThat(user.header().deleted()).isFalse();
    }

    @Test
    void aClassGetsSchoolTermsAndSubjectsFromItsColumns() {
        var json = CsvRows.toJson("classes.csv", row("sourcedId", "c-1", "dateLastModified", "2019-01-01T00:00:00Z",
                "title", "Intro", "schoolSourcedId", "org-1", "termSourcedIds", "t-1,t-2", "subjects", "Health Science,Biology"),
                List.of());
        OneRosterRecord.Clazz clazz = (OneRosterRecord.Clazz) parser.parse("s", "oneroster.class", json);
        assertThat(clazz.schoolSourcedId()).isEqualTo("org-1");
        assertThat(clazz.termSourcedId()).isEqualTo("t-1");
        assertThat(clazz.division()).isEqualTo("Health Science");
    }

    @Test
    void anEnrollmentGetsItsReferencesFromTheSourcedIdColumns() {
        var json = CsvRows.toJson("enrollments.csv", row("sourcedId", "e-1", "dateLastModified", "2019-01-01T00:00:00Z",
                "classSourcedId", "c-1", "schoolSourcedId", "org-1", "userSourcedId", "u-1", "role", "student", "primary", "false"),
                List.of());
        assertThat(parser.parse("s", "oneroster.enrollment", json)).isInstanceOfSatisfying(OneRosterRecord.Enrollment.class, e -> {
            assertThat(e.userSourcedId()).isEqualTo("u-1");
            assertThat(e.classSourcedId()).isEqualTo("c-1");
            assertThat(e.schoolSourcedId()).isEqualTo("org-1");
            assertThat(e.primary()).isFalse();
        });
    }
}
