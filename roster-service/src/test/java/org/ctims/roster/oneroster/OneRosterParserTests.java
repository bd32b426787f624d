package org.ctims.roster.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ctims.roster.OneRosterRecords.cteClass;
import static org.ctims.roster.OneRosterRecords.demographic;
import static org.ctims.roster.OneRosterRecords.enrollment;
import static org.ctims.roster.OneRosterRecords.roleRecord;
import static org.ctims.roster.OneRosterRecords.school;
import static org.ctims.roster.OneRosterRecords.schoolYear;
import static org.ctims.roster.OneRosterRecords.student;
import static org.ctims.roster.OneRosterRecords.teacher;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ctims.platform.events.RejectedEventException;
import org.ctims.roster.OneRosterRecords;
import org.ctims.roster.OneRosterRecords.Builder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OneRosterParserTests {

    static final String SIS = "/sis/district-7";
    final OneRosterParser parser = new OneRosterParser();

    OneRosterRecord parse(Builder builder) {
        return parser.parse(SIS, builder.ceType(), builder.bytes());
    }

    InvalidRecordException rejection(Builder builder) {
        return rejection(builder.ceType(), builder.bytes());
    }

    InvalidRecordException rejection(String ceType, byte[] payload) {
        try {
            parser.parse(SIS, ceType, payload);
        } catch (InvalidRecordException e) {
            return e;
        }
        throw new AssertionError("The record was accepted");
    }

    @Test
    void everyRecordCarriesTheSisItsSourcedIdStatusAndDateLastModified() {
        RecordHeader header = parse(school("org-1", "10001", "Sample High School")).header();
        assertThat(header).isEqualTo(new RecordHeader(SIS, RecordType.ORG, "org-1", RecordStatus.ACTIVE,
                OneRosterRecords.MODIFIED));
        assertThat(header.key()).isEqualTo("org:org-1");
    }

    @Test
    void anOrgsIdentifierIsItsPid() {
        assertThat(parse(school("org-1", "10001", "Sample High School")))
                .isEqualTo(new OneRosterRecord.Org(header(RecordType.ORG, "org-1"), "Sample High School", "school", "10001", null));
    }

    @Test
    void aDistrictNeedsNoPidButASchoolDoes() {
        assertThat(((OneRosterRecord.Org) parse(school("d-1", "1", "District").with("type", "district").without("identifier"))).pid())
                .isNull();
        assertThat(rejection(school("org-1", "10001", "Sample").without("identifier")).reason()).contains("PID");
        assertThat(rejection(school("org-1", "S-10001", "Sample")).reason()).contains("must be digits");
    }

    @Test
    void aSessionsSchoolYearIsWrittenWithBothYears() {
        OneRosterRecord.AcademicSession session = (OneRosterRecord.AcademicSession) parse(schoolYear("sy-1", 2019));
        assertThat(session.schoolYear()).isEqualTo("2018-2019");
        assertThat(session.startDate()).isEqualTo(LocalDate.of(2018, 8, 15));
        assertThat(rejection(schoolYear("sy-1", 2019).with("schoolYear", "19")).reason()).contains("schoolYear");
    }

    @Test
    void aStudentsStnComesFromUserIdsOfTypeStnElseFromUserMasterIdentifier() {
        OneRosterRecord.User fromUserIds = (OneRosterRecord.User) parse(student("u-1", "1234567890", "org-1")
                .with("userMasterIdentifier", "9999999999"));
        assertThat(fromUserIds.stn()).isEqualTo("1234567890");

        OneRosterRecord.User fromMaster = (OneRosterRecord.User) parse(student("u-1", "x", "org-1")
                .userIds(Map.of("FED", "19051")).with("userMasterIdentifier", "0123456789"));
        assertThat(fromMaster.stn()).isEqualTo("0123456789");
        assertThat(fromMaster.roles()).containsExactly("student");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "12345678901", "12345abcde", "1234 56789"})
    void aStudentsStnMustBeExactlyTenDigits(String stn) {
        InvalidRecordException e = rejection(student("u-1", stn, "org-1"));
        assertThat(e.reason()).contains("exactly 10 digits").contains(stn);
        assertThat(e).isInstanceOf(RejectedEventException.class);
        assertThat(e.schoolSourcedId()).as("the rejection is shown to the student's school").isEqualTo("org-1");
    }

    @Test
    void aStudentWithoutAnyStnIsRejected() {
        assertThat(rejection(student("u-1", "1", "org-1").userIds(Map.of())).reason()).contains("needs an STN");
    }

    @Test
    void theGradeIsTheFirstNumericGrade() {
        assertThat(((OneRosterRecord.User) parse(student("u-1", "1234567890", "o").grades("09"))).grade()).isEqualTo(9);
        assertThat(((OneRosterRecord.User) parse(student("u-1", "1234567890", "o").grades("UG", "12"))).grade()).isEqualTo(12);
        assertThat(((OneRosterRecord.User) parse(student("u-1", "1234567890", "o").grades())).grade()).isNull();
    }

    @Test
    void aTeacherIsIdentifiedByTheStaffIdInIdentifierElseByTheLowerCasedEmail() {
        OneRosterRecord.User teacher = (OneRosterRecord.User) parse(teacher("t-1", "700001", "org-1"));
        assertThat(teacher.staffId()).isEqualTo("700001");
        assertThat(teacher.roles()).containsExactly("teacher");
        OneRosterRecord.User byEmail = (OneRosterRecord.User) parse(teacher("t-1", "x", "org-1").without("identifier")
                .with("email", "Alice.Adams@School.ORG"));
        assertThat(byEmail.staffId()).isEqualTo("alice.adams@school.org");
    }

    @Test
    void oneRosterOnePointOneUsersWithASingleRoleAreUnderstood() {
        OneRosterRecord.User user = (OneRosterRecord.User) parse(student("u-1", "1234567890", "o").without("roles")
                .with("role", "student"));
        assertThat(user.roles()).containsExactly("student");
    }

    @Test
    void aClassesDivisionIsItsFirstSubjectElseItsTitle() {
        OneRosterRecord.Clazz clazz = (OneRosterRecord.Clazz) parse(cteClass("c-1", "org-1", "sy-1", "Business and Marketing"));
        assertThat(clazz).isEqualTo(new OneRosterRecord.Clazz(header(RecordType.CLASS, "c-1"), "Business and Marketing I",
                "org-1", "course-c-1", "sy-1", "Business and Marketing"));
        OneRosterRecord.Clazz untitled = (OneRosterRecord.Clazz) parse(cteClass("c-1", "org-1", "sy-1", "x").subjects()
                .with("title", "Health Science"));
        assertThat(untitled.division()).isEqualTo("Health Science");
    }

    @Test
    void aClassNeedsASchoolAndATerm() {
        assertThat(rejection(cteClass("c-1", "org-1", "sy-1", "B").without("school")).reason()).contains("school");
        assertThat(rejection(cteClass("c-1", "org-1", "sy-1", "B").without("terms")).reason()).contains("term");
    }

    @Test
    void anEnrollmentLinksUserClassAndSchoolWithARole() {
        assertThat(parse(enrollment("e-1", "u-1", "c-1", "org-1", "student"))).isEqualTo(new OneRosterRecord.Enrollment(
                header(RecordType.ENROLLMENT, "e-1"), "u-1", "c-1", "org-1", "student", false, null, null));
        assertThat(((OneRosterRecord.Enrollment) parse(enrollment("e-2", "t-1", "c-1", "org-1", "teacher")
                .with("primary", "true"))).primary()).isTrue();
        assertThat(rejection(enrollment("e-1", "u-1", "c-1", "org-1", "student").without("user")).reason()).contains("user");
    }

    @Test
    void demographicsGiveBirthDateAndSex() {
        assertThat(parse(demographic("u-1", "2001-02-03", "female"))).isEqualTo(new OneRosterRecord.Demographic(
                header(RecordType.DEMOGRAPHIC, "u-1"), LocalDate.of(2001, 2, 3), "female"));
        assertThat(rejection(demographic("u-1", "2001-02-03", "f")).reason()).contains("sex");
    }

    @Test
    void roleRecordsNameUserOrgAndRole() {
        assertThat(parse(roleRecord("r-1", "u-1", "org-1", "teacher")))
                .isEqualTo(new OneRosterRecord.Role(header(RecordType.ROLE, "r-1"), "u-1", "org-1", "teacher", "primary"));
    }

    @Test
    void impossibleDatesAreRejected() {
        assertThat(rejection(demographic("u-1", "2001-02-30", "male")).reason()).contains("birthDate").contains("not a possible date");
        assertThat(rejection(demographic("u-1", "3001-01-01", "male")).reason()).contains("in the future");
        assertThat(rejection(school("o", "1", "S").with("dateLastModified", "2019-13-01T00:00:00Z")).reason())
                .contains("dateLastModified");
        assertThat(rejection(schoolYear("sy", 2019).with("startDate", "2019-06-01")).reason()).contains("after endDate");
        assertThat(rejection(enrollment("e", "u", "c", "o", "student").with("beginDate", "2019-02-29")).reason())
                .contains("beginDate");
    }

    @Test
    void recordsWithoutSourcedIdOrDateLastModifiedAreRejected() {
        assertThat(rejection(school("o", "1", "S").without("sourcedId")).reason()).contains("no sourcedId");
        assertThat(rejection(school("o", "1", "S").without("dateLastModified")).reason()).contains("dateLastModified is required");
    }

    @Test
    void malformedJsonAndUnknownTypesAreRejected() {
        assertThat(rejection("oneroster.org", "{\"sourcedId\": ".getBytes(StandardCharsets.UTF_8)).reason()).contains("Malformed JSON");
        assertThat(rejection("oneroster.org", "[1,2]".getBytes(StandardCharsets.UTF_8)).reason()).contains("not a JSON object");
        InvalidRecordException unknown = rejection("oneroster.lineItem", school("o", "1", "S").bytes());
        assertThat(unknown.reason()).contains("Unknown record type 'oneroster.lineItem'");
        assertThat(rejection(school("o", "1", "S").with("status", "inactive")).reason()).contains("status");
    }

    @Test
    void aGiantRecordIsRejectedBeforeItIsRead() {
        byte[] atLimit = student("u-1", "1234567890", "org-1").with("vendorNotes", "G".repeat(OneRosterParser.MAX_RECORD_BYTES - 450))
                .bytes();
        byte[] giant = student("u-1", "1234567890", "org-1").with("givenName", "G".repeat(900_000)).bytes();

        assertThat(atLimit.length).isLessThanOrEqualTo(OneRosterParser.MAX_RECORD_BYTES);
        assertThat(parser.parse(SIS, "oneroster.user", atLimit).header().sourcedId()).isEqualTo("u-1");
        assertThat(rejection("oneroster.user", giant).reason())
                .isEqualTo("The record is " + giant.length + " bytes; a OneRoster record may be at most 65536 bytes");
    }

    @Test
    void textsLongerThanTheSystemKeepsAreRejectedWithTheirField() {
        assertThat(parse(student("u-1", "1234567890", "o").with("givenName", "G".repeat(100)).with("email",
                "e".repeat(240) + "@school.org"))).isNotNull();
        assertThat(rejection(student("u-1", "1234567890", "o").with("givenName", "G".repeat(101))).reason())
                .isEqualTo("givenName is 101 characters long; at most 100 are kept");
        assertThat(rejection(student("u-1", "1234567890", "o").with("familyName", "F".repeat(101))).reason())
                .startsWith("familyName is 101");
        assertThat(rejection(student("u-1", "1234567890", "o").with("email", "e".repeat(250) + "@x.org")).reason())
                .startsWith("email is 256");
        assertThat(rejection(teacher("t-1", "7".repeat(201), "org-1")).reason()).startsWith("identifier is 201");
        assertThat(rejection(teacher("t-1", "x", "org-1").without("identifier").with("email", "e".repeat(200) + "@x.org"))
                .reason()).startsWith("email (the staff id when there is no identifier) is 206");
        assertThat(rejection(school("org-1", "10001", "S".repeat(301))).reason()).startsWith("name is 301");
        assertThat(rejection(cteClass("c-1", "org-1", "sy-1", "B").with("title", "T".repeat(301))).reason())
                .startsWith("title is 301");
        assertThat(rejection(cteClass("c-1", "org-1", "sy-1", "D".repeat(301)).with("title", "T")).reason())
                .startsWith("subjects is 301");
    }

    @Test
    void aRecordWithoutTheSendingSisIsRejected() {
        Builder org = school("o", "1", "S");
        assertThatThrownBy(() -> parser.parse(null, org.ceType(), org.bytes()))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("ce_source");
    }

    @Test
    void aDeletionNeedsOnlyItsHeader() {
        OneRosterRecord deleted = parse(student("u-1", "bad", "o").deleted().without("userIds").modified(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(deleted.header().deleted()).isTrue();
        assertThat(deleted.header().dateLastModified()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("vendor", "x");
        assertThat(parse(school("o", "1", "S").with("metadata", extension).with("futureField", 3))).isNotNull();
    }

    private static RecordHeader header(RecordType type, String sourcedId) {
        return new RecordHeader(SIS, type, sourcedId, RecordStatus.ACTIVE, OneRosterRecords.MODIFIED);
    }
}
