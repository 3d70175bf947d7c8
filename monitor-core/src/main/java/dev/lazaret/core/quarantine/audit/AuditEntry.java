package dev.lazaret.core.quarantine.audit;

import dev.lazaret.core.quarantine.integrity.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One link of the audit chain, as written to the {@code audit} topic (JSON, snake_case). {@code sha256} is the SHA-256
 * of the RFC 8785 canonical JSON of the entry without its {@code sha256} member; {@code prev_sha256} is the previous
 * entry's {@code sha256} (64 zeros for the first), so altering, removing or inserting an entry breaks the chain.
 *
 * @param seq position in the chain, from 0 without gaps
 * @param appendedMs wall-clock time the entry was appended
 */
public record AuditEntry(
        long seq,
        String kind,
        String subject,
        String dataset,
        long appendedMs,
        String payload,
        String prevSha256,
        String sha256) {

    /** The {@code prev_sha256} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** The entry that follows {@code prevSha256} at {@code seq}, with its hash. */
    public static AuditEntry chain(long seq, String prevSha256, AuditEvent event, long nowMs) {
        AuditEntry unsealed = new AuditEntry(
                seq, event.kind(), event.subject(), event.dataset(), nowMs, event.payload(), prevSha256, null);
        return new AuditEntry(
                seq,
                event.kind(),
                event.subject(),
                event.dataset(),
                nowMs,
                event.payload(),
                prevSha256,
                unsealed.computeSha256());
    }

    /** The hash this entry's content calls for, whatever its {@code sha256} member says. */
    public String computeSha256() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("seq", seq);
        content.put("kind", kind);
        content.put("subject", subject);
        content.put("dataset", dataset);
        content.put("appended_ms", appendedMs);
        content.put("payload", payload);
        content.put("prev_sha256", prevSha256);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(content));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The payload as UTF-8 bytes. */
    public byte[] payloadBytes() {
        return payload.getBytes(StandardCharsets.UTF_8);
    }
}
