package org.ctims.roster.oneroster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one OneRoster 1.2 JSON record into a validated {@link OneRosterRecord}, or throws an
 * {@link InvalidRecordException} saying why it can never be applied. Pure: no database, no clock
 * other than "today" for birth dates in the future.
 *
 * <p>Mapping rules (also in the README): an org's {@code identifier} is its PID (digits); a
 * student's STN is a {@code userIds} entry of type {@code STN}, else {@code userMasterIdentifier},
 * and must be exactly 10 digits; a user's staff id is {@code identifier}, else the lower-cased
 * {@code email}; the grade is the first numeric entry of {@code grades}; a session's
 * {@code schoolYear} {@code 2019} is the school year {@code 2018-2019}; a class's division is its
 * first {@code subjects} entry, else its {@code title}; its school year comes from its first term.
 */
public final class OneRosterParser {

    static final int MAX_SOURCED_ID = 255;
    /**
     * A OneRoster record is a few hundred bytes to a few kilobytes; anything far larger is not a
     * roster record (and would otherwise be stored and published whole, up to Kafka's 1 MB).
     */
    static final int MAX_RECORD_BYTES = 64 * 1024;
    /**
     * Longest texts the system keeps of a person or a school (the services downstream store them in
     * columns of this size): a longer one is refused here, with its field, rather than stored by
     * some services and refused by others.
     */
    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;
    static final int MAX_STAFF_ID = 200;
    static final int MAX_TITLE = 300;
    private static final Pattern STN = Pattern.compile("\\d{10}");
    private static final Pattern PID = Pattern.compile("\\d{1,12}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Set<String> SEXES = Set.of("male", "female", "other", "unspecified");

    private final JsonMapper json = JsonMapper.shared();

    /**
     * @param sis the sending SIS ({@code ce_source})
     * @param ceType the record type ({@code ce_type})
     * @param payload the record's JSON
     */
    public OneRosterRecord parse(String sis, String ceType, byte[] payload) {
        if (payload != null && payload.length > MAX_RECORD_BYTES) {
            throw new InvalidRecordException("The record is " + payload.length + " bytes; a OneRoster record may be at most "
                    + MAX_RECORD_BYTES + " bytes", ceType, null, null);
        }
        return parse(sis, ceType, readObject(ceType, payload));
    }

    /** The same for a record already read as a JSON object (e.g. built from a CSV row). */
    public OneRosterRecord parse(String sis, String ceType, JsonNode node) {
        String sourcedId = sourcedIdOf(node);
        String school = schoolOf(ceType, node, sourcedId);
        Context context = new Context(ceType, sourcedId, school);
        if (sis == null || sis.isBlank()) {
            throw context.invalid("The record has no ce_source header naming the sending SIS");
        }
        RecordType type = RecordType.ofCeType(ceType)
                .orElseThrow(() -> context.invalid("Unknown record type '" + ceType + "'"));
        if (sourcedId == null) {
            throw context.invalid("The record has no sourcedId");
        }
        if (sourcedId.length() > MAX_SOURCED_ID) {
            throw context.invalid("sourcedId is longer than " + MAX_SOURCED_ID + " characters");
        }
        RecordHeader header = new RecordHeader(sis, type, sourcedId, status(context, node),
                dateTime(context, node, "dateLastModified"));
        if (header.deleted()) {
            return deleted(header);
        }
        return switch (type) {
            case ORG -> org(context, header, node);
            case ACADEMIC_SESSION -> academicSession(context, header, node);
            case USER -> user(context, header, node);
            case ROLE -> role(context, header, node);
            case CLASS -> clazz(context, header, node);
            case ENROLLMENT -> enrollment(context, header, node);
            case DEMOGRAPHIC -> demographic(context, header, node);
        };
    }

    private JsonNode readObject(String ceType, byte[] payload) {
        JsonNode node;
        try {
            node = json.readTree(new String(payload == null ? new byte[0] : payload, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new InvalidRecordException("Malformed JSON: the record cannot be read", ceType, null, null);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException("Malformed JSON: the record is not a JSON object", ceType, null, null);
        }
        return node;
    }

    private static OneRosterRecord deleted(RecordHeader header) {
        return switch (header.type()) {
            case ORG -> new OneRosterRecord.Org(header, null, null, null, null);
            case ACADEMIC_SESSION -> new OneRosterRecord.AcademicSession(header, null, null, null, null, null);
            case USER -> new OneRosterRecord.User(header, null, null, null, null, null, null, List.of());
            case ROLE -> new OneRosterRecord.Role(header, null, null, null, null);
            case CLASS -> new OneRosterRecord.Clazz(header, null, null, null, null, null);
            case ENROLLMENT -> new OneRosterRecord.Enrollment(header, null, null, null, null, false, null, null);
            case DEMOGRAPHIC -> new OneRosterRecord.Demographic(header, null, null);
        };
    }

    private static OneRosterRecord org(Context context, RecordHeader header, JsonNode node) {
        String type = text(node, "type");
        String pid = text(node, "identifier");
        if (pid != null && !PID.matcher(pid).matches()) {
            throw context.invalid("An org's identifier (its PID) must be digits, got '" + pid + "'");
        }
        if (pid == null && ("school".equals(type) || type == null)) {
            throw context.invalid("A school needs its PID in identifier");
        }
        return new OneRosterRecord.Org(header, limited(context, "name", required(context, node, "name"), MAX_TITLE), type, pid,
                ref(node, "parent"));
    }

    private static OneRosterRecord academicSession(Context context, RecordHeader header, JsonNode node) {
        String year = required(context, node, "schoolYear");
        if (!YEAR.matcher(year).matches()) {
            throw context.invalid("schoolYear must be a year like 2019, got '" + year + "'");
        }
        int end = Integer.parseInt(year);
        LocalDate start = date(context, node, "startDate");
        LocalDate finish = date(context, node, "endDate");
        if (start != null && finish != null && start.isAfter(finish)) {
            throw context.invalid("startDate " + start + " is after endDate " + finish);
        }
        return new OneRosterRecord.AcademicSession(header, text(node, "title"), text(node, "type"),
                (end - 1) + "-" + end, start, finish);
    }

    private static OneRosterRecord user(Context context, RecordHeader header, JsonNode node) {
        List<String> roles = new ArrayList<>();
        for (JsonNode role : array(node, "roles")) {
            String name = text(role, "role");
            if (name != null) {
                roles.add(name);
            }
        }
        String legacyRole = text(node, "role");
        if (legacyRole != null && !roles.contains(legacyRole)) {
            roles.add(legacyRole);
        }
        String stn = null;
        for (JsonNode id : array(node, "userIds")) {
            if ("STN".equalsIgnoreCase(text(id, "type"))) {
                stn = text(id, "identifier");
            }
        }
        if (stn == null) {
            stn = text(node, "userMasterIdentifier");
        }
        boolean student = roles.contains("student");
        if (student && stn == null) {
            throw context.invalid("A student needs an STN (userIds type STN or userMasterIdentifier)");
        }
        if (student && !STN.matcher(stn).matches()) {
            throw context.invalid("A student's STN must be exactly 10 digits, got '" + stn + "'");
        }
        String email = limited(context, "email", text(node, "email"), MAX_EMAIL);
        String identifier = text(node, "identifier");
        String staffId = identifier != null ? identifier : email == null ? null : email.toLowerCase(Locale.ROOT);
        if (!student) {
            limited(context, identifier != null ? "identifier" : "email (the staff id when there is no identifier)", staffId,
                    MAX_STAFF_ID);
        }
        return new OneRosterRecord.User(header, limited(context, "givenName", text(node, "givenName"), MAX_NAME),
                limited(context, "familyName", text(node, "familyName"), MAX_NAME), email,
                stn, staffId, grade(node), List.copyOf(roles));
    }

    private static Integer grade(JsonNode node) {
        for (JsonNode grade : array(node, "grades")) {
            String code = grade.isValueNode() ? grade.asString().trim() : "";
            if (code.matches("\\d{1,2}")) {
                return Integer.parseInt(code);
            }
        }
        return null;
    }

    private static OneRosterRecord role(Context context, RecordHeader header, JsonNode node) {
        String user = firstNonNull(text(node, "userSourcedId"), ref(node, "user"));
        String org = firstNonNull(text(node, "orgSourcedId"), ref(node, "org"));
        if (user == null) {
            throw context.invalid("A role needs its user (userSourcedId)");
        }
        date(context, node, "beginDate");
        date(context, node, "endDate");
        return new OneRosterRecord.Role(header, user, org, required(context, node, "role"), text(node, "roleType"));
    }

    private static OneRosterRecord clazz(Context context, RecordHeader header, JsonNode node) {
        String school = ref(node, "school");
        if (school == null) {
            throw context.invalid("A class needs its school");
        }
        String term = null;
        for (JsonNode ref : array(node, "terms")) {
            term = term == null ? text(ref, "sourcedId") : term;
        }
        if (term == null) {
            throw context.invalid("A class needs a term (terms) to know its school year");
        }
        String title = limited(context, "title", text(node, "title"), MAX_TITLE);
        String division = null;
        for (JsonNode subject : array(node, "subjects")) {
            if (division == null && subject.isValueNode() && !subject.asString().isBlank()) {
                division = limited(context, "subjects", subject.asString().trim(), MAX_TITLE);
            }
        }
        return new OneRosterRecord.Clazz(header, title, school, ref(node, "course"), term,
                division != null ? division : title);
    }

    private static OneRosterRecord enrollment(Context context, RecordHeader header, JsonNode node) {
        String user = ref(node, "user");
        String clazz = ref(node, "class");
        if (user == null) {
            throw context.invalid("An enrollment needs its user");
        }
        if (clazz == null) {
            throw context.invalid("An enrollment needs its class");
        }
        LocalDate begin = date(context, node, "beginDate");
        LocalDate end = date(context, node, "endDate");
        if (begin != null && end != null && begin.isAfter(end)) {
            throw context.invalid("beginDate " + begin + " is after endDate " + end);
        }
        JsonNode primary = node.get("primary");
        boolean isPrimary = primary != null && (primary.isBoolean() ? primary.booleanValue()
                : "true".equalsIgnoreCase(primary.asString()));
        return new OneRosterRecord.Enrollment(header, user, clazz, ref(node, "school"),
                required(context, node, "role"), isPrimary, begin, end);
    }

    private static OneRosterRecord demographic(Context context, RecordHeader header, JsonNode node) {
        LocalDate birthDate = date(context, node, "birthDate");
        if (birthDate != null && birthDate.isAfter(LocalDate.now())) {
            throw context.invalid("birthDate " + birthDate + " is in the future");
        }
        String sex = text(node, "sex");
        if (sex != null && !SEXES.contains(sex)) {
            throw context.invalid("sex must be one of male, female, other, unspecified, got '" + sex + "'");
        }
        return new OneRosterRecord.Demographic(header, birthDate, sex);
    }

    private static RecordStatus status(Context context, JsonNode node) {
        String status = text(node, "status");
        if (status == null || "active".equals(status)) {
            return RecordStatus.ACTIVE;
        }
        if ("tobedeleted".equals(status)) {
            return RecordStatus.TO_BE_DELETED;
        }
        throw context.invalid("status must be active or tobedeleted, got '" + status + "'");
    }

    private static Instant dateTime(Context context, JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw context.invalid(field + " is required");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw context.invalid(field + " '" + value + "' is not a possible date and time (ISO 8601, e.g. 2019-03-01T18:14:45Z)");
        }
    }

    private static LocalDate date(Context context, JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw context.invalid(field + " '" + value + "' is not a possible date (YYYY-MM-DD)");
        }
    }

    private static String limited(Context context, String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw context.invalid(field + " is " + value.length() + " characters long; at most " + max + " are kept");
        }
        return value;
    }

    private static String required(Context context, JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw context.invalid(field + " is required");
        }
        return value;
    }

    /** A scalar field as trimmed text; null when missing, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        String text = value.asString().trim();
        return text.isEmpty() ? null : text;
    }

    /** The sourcedId of a OneRoster GUIDRef ({@code {"sourcedId": ...}}) or a plain sourcedId string. */
    static String ref(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isObject() ? text(value, "sourcedId") : text(node, field);
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isArray() ? value : List.of();
    }

    private static String sourcedIdOf(JsonNode node) {
        return text(node, "sourcedId");
    }

    /** The school a (possibly invalid) record belongs to, so a rejection can be shown to that school. */
    private static String schoolOf(String ceType, JsonNode node, String sourcedId) {
        if (ceType == null) {
            return null;
        }
        return switch (ceType) {
            case "oneroster.org" -> sourcedId;
            case "oneroster.class", "oneroster.enrollment" -> ref(node, "school");
            case "oneroster.role" -> firstNonNull(text(node, "orgSourcedId"), ref(node, "org"));
            case "oneroster.user" -> {
                String primary = ref(node, "primaryOrg");
                if (primary != null) {
                    yield primary;
                }
                for (JsonNode role : array(node, "roles")) {
                    String org = ref(role, "org");
                    if (org != null) {
                        yield org;
                    }
                }
                yield null;
            }
            default -> null;
        };
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private record Context(String ceType, String sourcedId, String schoolSourcedId) {
        InvalidRecordException invalid(String reason) {
            return new InvalidRecordException(reason, ceType, sourcedId, schoolSourcedId);
        }
    }
}
