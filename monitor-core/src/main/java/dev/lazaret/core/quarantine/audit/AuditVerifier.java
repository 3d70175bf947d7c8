package dev.lazaret.core.quarantine.audit;

import dev.lazaret.core.serde.JsonSerde;
import java.io.IOException;
import java.util.List;

/** Walks an audit chain from its start and finds the first entry that is altered, out of place or missing. */
public final class AuditVerifier {
    private AuditVerifier() {}

    /** One stored entry: its offset on the topic and its bytes. */
    public record Stored(long offset, byte[] value) {}

    /**
     * The outcome of a walk.
     *
     * @param entries entries checked
     * @param problem {@code null} when the chain is whole, else the first problem, naming its offset
     */
    public record Result(long entries, String problem) {
        public boolean intact() {
            return problem == null;
        }
    }

    /** Checks {@code stored}, in topic order. */
    public static Result verify(List<Stored> stored) {
        String prev = AuditEntry.GENESIS;
        long expectedSeq = 0;
        long checked = 0;
        for (Stored s : stored) {
            AuditEntry e;
            try {
                e = JsonSerde.reader().readValue(s.value(), AuditEntry.class);
            } catch (IOException | RuntimeException ex) {
                return new Result(checked, "offset " + s.offset() + ": not an audit entry (" + ex.getMessage() + ")");
            }
            if (e.seq() != expectedSeq) {
                return new Result(
                        checked,
                        String.format(
                                "offset %d: entry seq %d where seq %d was expected: %s",
                                s.offset(),
                                e.seq(),
                                expectedSeq,
                                e.seq() > expectedSeq ? "entries are missing before it" : "an entry is repeated"));
            }
            if (!prev.equals(e.prevSha256())) {
                return new Result(
                        checked,
                        "offset " + s.offset() + ": broken link, prev_sha256 " + e.prevSha256()
                                + " is not the previous entry's sha256 " + prev);
            }
            String computed = e.computeSha256();
            if (!computed.equals(e.sha256())) {
                return new Result(
                        checked,
                        "offset " + s.offset() + ": entry altered, its content hashes to " + computed + ", not "
                                + e.sha256());
            }
            prev = e.sha256();
            expectedSeq++;
            checked++;
        }
        return new Result(checked, null);
    }
}
