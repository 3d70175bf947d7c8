package dev.lazaret.core.quarantine.reference;

import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A dataset's trusted reference as stored on the references topic: where it came from, its profile and its poisoning
 * reference. Binary form: version byte 1, then {@code referenceId}, {@code dataset}, profile bytes ({@link
 * ProfileCodec}) and poisoning-reference bytes, each as a 4-byte big-endian length and the bytes.
 *
 * @param referenceId its origin: {@code import:<sha256 of the file>} or {@code batch:<batch id>}
 */
public record ReferenceBundle(
        String referenceId, String dataset, DatasetProfile profile, PoisoningReference poisoning) {
    private static final byte VERSION = 1;

    public byte[] encode() {
        byte[] id = referenceId.getBytes(StandardCharsets.UTF_8);
        byte[] ds = dataset.getBytes(StandardCharsets.UTF_8);
        byte[] p = ProfileCodec.encode(profile);
        byte[] r = poisoning.encode();
        ByteBuffer out = ByteBuffer.allocate(1 + 16 + id.length + ds.length + p.length + r.length);
        out.put(VERSION);
        for (byte[] part : new byte[][] {id, ds, p, r}) {
            out.putInt(part.length).put(part);
        }
        return out.array();
    }

    /** @throws IllegalArgumentException on an unknown version or truncated bytes */
    public static ReferenceBundle decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown reference bundle version " + version);
            }
            String id = new String(part(in), StandardCharsets.UTF_8);
            String ds = new String(part(in), StandardCharsets.UTF_8);
            DatasetProfile profile = ProfileCodec.decodeDataset(part(in));
            PoisoningReference poisoning = PoisoningReference.decode(part(in));
            return new ReferenceBundle(id, ds, profile, poisoning);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated reference bundle");
        }
    }

    private static byte[] part(ByteBuffer in) {
        byte[] part = new byte[in.getInt()];
        in.get(part);
        return part;
    }
}
