package org.ctims.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * One stored audit entry, as the table {@code audit_entry} holds it. {@link #canonical()} is the
 * form its hash is computed over: every column but {@code hash}, in a fixed order, each value
 * length-prefixed so no two different entries share a form.
 *
 * @param details canonical JSON (keys sorted), exactly as stored
 */
public record AuditRecord(long seq, Instant recordedAt, String subject, String username, List<String> roles,
                          String action, String organizationPid, String schoolYear, List<String> stns,
                          List<String> recordIds, String details, Integer resultCount, String clientAddress,
                          String peerAddress, String forwardedFor, String previousHash, String hash) {

    /** The previous hash of the first entry of a chain that never lost a prefix. */
    public static final String GENESIS = "0".repeat(64);

    public AuditRecord {
        roles = List.copyOf(roles);
        stns = List.copyOf(stns);
        recordIds = List.copyOf(recordIds);
    }

    public String canonical() {
        StringBuilder s = new StringBuilder("ctims-audit-v1\n");
        field(s, "seq", Long.toString(seq));
        field(s, "recorded_at", recordedAt.toString());
        field(s, "subject", subject);
        field(s, "username", username);
        list(s, "roles", roles);
        field(s, "action", action);
        field(s, "organization_pid", organizationPid);
        field(s, "school_year", schoolYear);
        list(s, "stns", stns);
        list(s, "record_ids", recordIds);
        field(s, "details", details);
        field(s, "result_count", resultCount == null ? null : resultCount.toString());
        field(s, "client_address", clientAddress);
        field(s, "peer_address", peerAddress);
        field(s, "forwarded_for", forwardedFor);
        field(s, "previous_hash", previousHash);
        return s.toString();
    }

    /** SHA-256 of {@link #canonical()}, lower-case hex: what {@code hash} must be. */
    public String computedHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    AuditRecord withHash(String computed) {
        return new AuditRecord(seq, recordedAt, subject, username, roles, action, organizationPid, schoolYear, stns,
                recordIds, details, resultCount, clientAddress, peerAddress, forwardedFor, previousHash, computed);
    }

    private static void field(StringBuilder s, String name, String value) {
        s.append(name).append(':');
        if (value == null) {
            s.append("-\n");
        } else {
            s.append(value.length()).append(':').append(value).append('\n');
        }
    }

    private static void list(StringBuilder s, String name, List<String> values) {
        s.append(name).append(":[").append(values.size()).append("]\n");
        for (String value : values) {
            field(s, " ", value);
        }
    }
}
