package dev.lazaret.core.quarantine.codec;

import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.poisoning.PoisoningReference;
import dev.lazaret.detectors.profile.DatasetProfile;

/**
 * A {@link ReferenceBundle} as stored on the references topic (and in the global references store).
 *
 * <pre>
 * byte 0      format version, 1
 * then        four length-prefixed parts (4-byte big-endian length, then the bytes):
 *             referenceId (UTF-8), dataset (UTF-8),
 *             profile ({@link ProfileCodec#encode(DatasetProfile)}),
 *             poisoning reference ({@link PoisoningReference#encode()})
 * </pre>
 *
 * No bytes follow the last part. Version 1 is the layout every earlier build wrote, so references already on the
 * topic stay readable.
 */
public final class ReferenceBundleCodec {
    static final byte VERSION = 1;
    private static final String WHAT = "reference bundle";

    private ReferenceBundleCodec() {}

    public static byte[] encode(ReferenceBundle bundle) {
        return new StateWriter(VERSION)
                .writeString(bundle.referenceId())
                .writeString(bundle.dataset())
                .writeBytes(ProfileCodec.encode(bundle.profile()))
                .writeBytes(bundle.poisoning().encode())
                .toByteArray();
    }

    /** @throws IllegalArgumentException on an unknown version, truncated, trailing or malformed bytes */
    public static ReferenceBundle decode(byte[] bytes) {
        StateReader in = new StateReader(bytes, WHAT, VERSION);
        String referenceId = in.required(in.readString(), "reference id");
        String dataset = in.required(in.readString(), "dataset");
        DatasetProfile profile = in.nested("profile", ProfileCodec::decodeDataset);
        PoisoningReference poisoning = in.nested("poisoning reference", PoisoningReference::decode);
        in.end();
        return new ReferenceBundle(referenceId, dataset, profile, poisoning);
    }
}
