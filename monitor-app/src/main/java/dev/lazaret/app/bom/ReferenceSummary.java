package dev.lazaret.app.bom;

import dev.lazaret.core.quarantine.integrity.ResumableSha256;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a BOM says about a dataset's pinned reference: where it came from, the hash of the profile as published, and
 * per feature its kind and counts. The sketches themselves stay out: they are large and say nothing a reader of a
 * bill of materials needs.
 *
 * @param referenceId the {@code lazaret.reference.id} header: {@code import:<sha256>} or {@code batch:<id>}
 * @param profileSha256 SHA-256 (lower-case hex) of the profile bytes on the profiles topic
 * @param records records the profile was built from
 * @param features one entry per feature, sorted by name
 */
public record ReferenceSummary(String referenceId, String profileSha256, long records, List<Feature> features) {
    public ReferenceSummary {
        features = List.copyOf(features);
    }

    /**
     * One feature of the reference.
     *
     * @param name feature name
     * @param kind {@code numeric} or {@code categorical}
     * @param count values seen, nulls included
     * @param nullCount null values seen
     */
    public record Feature(String name, String kind, long count, long nullCount) {}

    /**
     * Summarises a profile as it is stored on the profiles topic.
     *
     * @param referenceId the record's {@code lazaret.reference.id} header
     * @param profileBytes the record's value: {@code ProfileCodec.encode(DatasetProfile)}
     * @throws IllegalArgumentException when the bytes are not a dataset profile
     */
    public static ReferenceSummary of(String referenceId, byte[] profileBytes) {
        DatasetProfile profile = ProfileCodec.decodeDataset(profileBytes);
        List<Feature> features = new ArrayList<>();
        // features() is sorted by name, which keeps the BOM deterministic
        for (Map.Entry<String, FeatureProfile> e : profile.features().entrySet()) {
            FeatureProfile f = e.getValue();
            features.add(
                    new Feature(e.getKey(), f.kind().name().toLowerCase(Locale.ROOT), f.totalCount(), f.nullCount()));
        }
        ResumableSha256 sha = new ResumableSha256();
        sha.update(profileBytes);
        // every record updates the label profile once, labelled or not
        return new ReferenceSummary(referenceId, sha.hex(), profile.label().totalCount(), features);
    }
}
