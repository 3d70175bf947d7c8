package dev.lazaret.core.quarantine.codec;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.quarantine.batch.BatchState;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.serde.JsonSerde;

/**
 * A {@link BatchState} in the batches store, under the batch id. Big-endian; "bytes" means a 4-byte length ({@code -1}
 * for absent) and that many bytes, strings as UTF-8 bytes.
 *
 * <pre>
 * byte 0      format version, 2 (version 1, still read, lacks lastRecordMs: read as 0)
 * bytes       batchId
 * bytes       dataset
 * byte        status: 0 COLLECTING, 1 EVALUATING, 2 HELD, 3 RELEASING
 * 9 x long    firstSeenMs, firstRecordMs, manifestMs, lastRecordMs, received, distinctSeqs, duplicateSeqs,
 *             conflictingManifests, released
 * byte        1 when a manifest follows, 0 when none arrived yet; the manifest is
 *             bytes batchId, bytes dataset, bytes source, long recordCount, bytes contentSha256,
 *             bytes createdAt, bytes keyId, bytes signature
 * bytes       the verdict once decided, in its {@code training.verdicts} JSON form (absent before)
 * </pre>
 *
 * No bytes follow. Earlier builds kept this store as JSON; no deployed state needed migrating when it changed.
 */
public final class BatchStateCodec {
    static final byte VERSION = 2;
    /** The layout before lastRecordMs: a batch left open by an earlier build survives the upgrade. */
    static final byte VERSION_WITHOUT_LAST_RECORD = 1;
    /** Where lastRecordMs sits among the longs. */
    private static final int LAST_RECORD_MS = 3;

    private static final String WHAT = "batch state";
    private static final BatchState.Status[] STATUS_CODES = {
        BatchState.Status.COLLECTING, BatchState.Status.EVALUATING, BatchState.Status.HELD, BatchState.Status.RELEASING
    };

    private BatchStateCodec() {}

    public static byte[] encode(BatchState state) {
        StateWriter out = new StateWriter(VERSION)
                .writeString(state.batchId())
                .writeString(state.dataset())
                .writeByte(code(state.status()));
        for (long v : new long[] {
            state.firstSeenMs(),
            state.firstRecordMs(),
            state.manifestMs(),
            state.lastRecordMs(),
            state.received(),
            state.distinctSeqs(),
            state.duplicateSeqs(),
            state.conflictingManifests(),
            state.released()
        }) {
            out.writeLong(v);
        }
        BatchManifest m = state.manifest();
        out.writeByte(m == null ? 0 : 1);
        if (m != null) {
            out.writeString(m.batchId())
                    .writeString(m.dataset())
                    .writeString(m.source())
                    .writeLong(m.recordCount())
                    .writeString(m.contentSha256())
                    .writeString(m.createdAt())
                    .writeString(m.keyId())
                    .writeString(m.signature());
        }
        out.writeBytes(state.verdict() == null ? null : JsonSerde.serializer().serialize(null, state.verdict()));
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException on an unknown version, truncated, trailing or malformed bytes */
    public static BatchState decode(byte[] bytes) {
        StateReader in = new StateReader(bytes, WHAT, VERSION_WITHOUT_LAST_RECORD, VERSION);
        String batchId = in.required(in.readString(), "batch id");
        String dataset = in.readString();
        byte code = in.readByte();
        if (code < 0 || code >= STATUS_CODES.length) {
            throw in.invalid("unknown status code " + code);
        }
        long[] v = new long[9];
        for (int i = 0; i < v.length; i++) {
            v[i] = i == LAST_RECORD_MS && in.version() == VERSION_WITHOUT_LAST_RECORD ? 0 : in.readLong();
        }
        BatchManifest manifest = manifest(in);
        byte[] json = in.readBytes();
        BatchVerdict verdict = json == null
                ? null
                : in.nested(
                        json,
                        "verdict",
                        b -> JsonSerde.deserializer(BatchVerdict.class).deserialize(null, b));
        in.end();
        return new BatchState(
                batchId,
                dataset,
                STATUS_CODES[code],
                manifest,
                v[0],
                v[1],
                v[2],
                v[3],
                v[4],
                v[5],
                v[6],
                v[7],
                verdict,
                v[8]);
    }

    private static BatchManifest manifest(StateReader in) {
        byte present = in.readByte();
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw in.invalid("manifest flag " + present);
        }
        return new BatchManifest(
                in.readString(),
                in.readString(),
                in.readString(),
                in.readLong(),
                in.readString(),
                in.readString(),
                in.readString(),
                in.readString());
    }

    private static byte code(BatchState.Status status) {
        for (byte i = 0; i < STATUS_CODES.length; i++) {
            if (STATUS_CODES[i] == status) {
                return i;
            }
        }
        throw new IllegalStateException("no code for status " + status);
    }
}
