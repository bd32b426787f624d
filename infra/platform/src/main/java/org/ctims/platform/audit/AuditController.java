package org.ctims.platform.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * State staff's view of the service's audit log at {@code ctims.audit.path}: the entries by
 * student, organization, user, action and time (newest first, paged), and the chain's
 * verification. Looking is itself recorded ({@code audit.search}, {@code audit.verification}).
 */
@RestController
@RequestMapping("${ctims.audit.path}")
@PreAuthorize("hasRole('state-admin')")
class AuditController {

    static final int MAX_SIZE = 500;
    private static final Pattern STN = Pattern.compile("^\\d{10}$");
    private static final Pattern PID = Pattern.compile("^\\d{1,20}$");
    private static final Pattern ACTION = Pattern.compile("^[a-z][a-z.-]{0,99}$");

    /** An entry as the API shows it ({@code details} as JSON). */
    record EntryView(long seq, Instant recordedAt, String subject, String username, List<String> roles, String action,
                     String organizationPid, String schoolYear, List<String> stns, List<String> recordIds, JsonNode details,
                     Integer resultCount, String clientAddress, String peerAddress, String forwardedFor,
                     String previousHash, String hash) {

        static EntryView of(AuditRecord r) {
            return new EntryView(r.seq(), r.recordedAt(), r.subject(), r.username(), r.roles(), r.action(),
                    r.organizationPid(), r.schoolYear(), r.stns(), r.recordIds(),
                    r.details() == null ? null : JsonMapper.shared().readTree(r.details()), r.resultCount(),
                    r.clientAddress(), r.peerAddress(), r.forwardedFor(), r.previousHash(), r.hash());
        }
    }

    record EntriesPage(List<EntryView> entries, int page, int size, long totalEntries, int totalPages) {
    }

    private final AuditSearch search;
    private final AuditChain chain;
    private final AuditLog audit;

    AuditController(AuditSearch search, AuditChain chain, AuditLog audit) {
        this.search = search;
        this.chain = chain;
        this.audit = audit;
    }

    @GetMapping
    EntriesPage entries(@RequestParam(required = false) String stn, @RequestParam(required = false) String org,
                        @RequestParam(required = false) String user, @RequestParam(required = false) String action,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size,
                        CurrentUser caller) {
        List<FieldViolation> errors = new ArrayList<>();
        String s = blankToNull(stn);
        String o = blankToNull(org);
        String u = blankToNull(user);
        String a = blankToNull(action);
        if (s != null && !STN.matcher(s).matches()) {
            errors.add(new FieldViolation("stn", "an STN is exactly 10 digits"));
        }
        if (o != null && !PID.matcher(o).matches()) {
            errors.add(new FieldViolation("org", "an organization PID is digits"));
        }
        if (u != null && u.length() > 200) {
            errors.add(new FieldViolation("user", "at most 200 characters"));
        }
        if (a != null && !ACTION.matcher(a).matches()) {
            errors.add(new FieldViolation("action", "an action like followup.report.save"));
        }
        Instant fromTime = time("from", from, false, errors);
        Instant toTime = time("to", to, true, errors);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            errors.add(new FieldViolation("to", "must be after from"));
        }
        if (page < 0) {
            errors.add(new FieldViolation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(new FieldViolation("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The audit query has invalid parameters.", errors);
        }
        AuditSearch.Page result = search.search(new AuditSearch.Query(s, o, u, a, fromTime, toTime, page, size));
        audit.record(caller, AuditEntry.of("audit.search").organization(o, null).details(Map.of(
                "filter", filter(s, o, u, a, from, to), "page", page, "size", size)).count(result.entries().size()));
        return new EntriesPage(result.entries().stream().map(EntryView::of).toList(), result.page(), result.size(),
                result.totalEntries(), result.totalPages());
    }

    @GetMapping("/verification")
    AuditChain.Verification verification(CurrentUser caller) {
        AuditChain.Verification verification = chain.verify();
        audit.record(caller, AuditEntry.of("audit.verification").details(Map.of("valid", verification.valid(),
                "checked", verification.checked())));
        return verification;
    }

    private static Map<String, String> filter(String stn, String org, String user, String action, String from, String to) {
        java.util.TreeMap<String, String> f = new java.util.TreeMap<>();
        put(f, "stn", stn);
        put(f, "org", org);
        put(f, "user", user);
        put(f, "action", action);
        put(f, "from", blankToNull(from));
        put(f, "to", blankToNull(to));
        return f;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** An instant ({@code 2026-12-04T10:00:00Z}) or a day ({@code 2026-12-04}, UTC: from its start, to its end). */
    private static Instant time(String field, String value, boolean endOfDay, List<FieldViolation> errors) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldViolation(field, "a day like 2026-12-04 or an instant like 2026-12-04T10:00:00Z"));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
