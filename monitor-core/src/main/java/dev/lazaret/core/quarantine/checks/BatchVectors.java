package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.contract.FeatureVector;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.embedding.ProjectionSettings;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureProfile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vector features of one batch under evaluation. Each vector feature gets an embedding part in the batch profile
 * ({@link DatasetProfile#withEmbedding}) that grows as the batch is read:
 *
 * <ul>
 *   <li>a feature of the reference's embedding part takes the reference's dimension, seed and projection count, so the
 *       batch is projected exactly as the reference was and {@code embedding-shift} compares like with like;
 *   <li>any other vector feature (no reference yet, or a feature the reference lacks) takes the dimension of its first
 *       vector in seq order and the configured projections ({@link ProjectionSettings}); a reference bootstrapped or
 *       promoted from the batch carries that part.
 * </ul>
 *
 * <p>A record whose vector feature breaks the rule (wrong dimension, a vector where the reference has a scalar
 * feature, a scalar where the feature is a vector, a reference vector feature missing) is counted per feature, with
 * the first such record's seq and reason, for the {@code schema} check; its bad value is left out of every
 * accumulator. Elements that are not finite numbers never get here: the parse step dead-letters the record.
 */
final class BatchVectors {
    private final DatasetProfile profile;
    private final Map<String, EmbeddingReference> reference;
    private final Map<String, FeatureProfile> referenceScalars;
    private final ProjectionSettings projections;
    private final Map<String, Long> bad;
    private final Map<String, String> firstBad;

    private BatchVectors(
            DatasetProfile profile,
            ReferenceBundle reference,
            ProjectionSettings projections,
            Map<String, Long> bad,
            Map<String, String> firstBad) {
        this.profile = profile;
        this.reference = reference == null ? Map.of() : reference.profile().embeddings();
        this.referenceScalars =
                reference == null ? Map.of() : reference.profile().features();
        this.projections = projections;
        this.bad = new TreeMap<>(bad);
        this.firstBad = new TreeMap<>(firstBad);
    }

    static BatchVectors start(DatasetProfile profile, ReferenceBundle reference, ProjectionSettings projections) {
        return new BatchVectors(profile, reference, projections, Map.of(), Map.of());
    }

    /** Restores the counts saved by a snapshot; the parts themselves are in the restored batch profile. */
    static BatchVectors restore(
            DatasetProfile profile,
            ReferenceBundle reference,
            ProjectionSettings projections,
            Map<String, Long> bad,
            Map<String, String> firstBad) {
        return new BatchVectors(profile, reference, projections, bad, firstBad);
    }

    /**
     * Adds the record's vectors to their parts.
     *
     * @return the record's scalar features (the same map when it has no vector feature), for every other accumulator
     */
    Map<String, Object> accept(long seq, Map<String, Object> features) {
        for (String name : reference.keySet()) {
            if (!features.containsKey(name)) {
                reject(name, seq, "missing vector feature '" + name + "' of the reference");
            }
        }
        Map<String, Object> scalars = features;
        for (Map.Entry<String, Object> f : features.entrySet()) {
            String name = f.getKey();
            Object value = f.getValue();
            boolean vectorFeature =
                    reference.containsKey(name) || profile.embeddings().containsKey(name);
            if (!vectorFeature && !(value instanceof FeatureVector)) {
                continue;
            }
            if (scalars == features) {
                scalars = new LinkedHashMap<>(features);
            }
            scalars.remove(name);
            if (value == null) {
                continue; // a vector feature may be null, as a scalar may: the record simply has none
            }
            if (value instanceof FeatureVector v) {
                String problem = add(name, v);
                if (problem != null) {
                    reject(name, seq, problem);
                }
            } else {
                reject(
                        name,
                        seq,
                        String.format(
                                Locale.ROOT,
                                "feature '%s' is a %s; it is a vector of %d numbers",
                                name,
                                value.getClass().getSimpleName().toLowerCase(Locale.ROOT),
                                dimension(name)));
            }
        }
        return scalars;
    }

    /** Adds {@code v} to the feature's part, creating the part on the feature's first vector; or says why not. */
    private String add(String name, FeatureVector v) {
        if (referenceScalars.containsKey(name)) {
            return String.format(
                    Locale.ROOT,
                    "feature '%s' is a vector of %d numbers; the reference has it as %s",
                    name,
                    v.dimension(),
                    referenceScalars.get(name).kind().name().toLowerCase(Locale.ROOT));
        }
        EmbeddingReference part = profile.embeddings().get(name);
        if (part == null) {
            if (profile.features().containsKey(name)) {
                return "feature '" + name + "' is a vector after scalar values in this batch";
            }
            EmbeddingReference ref = reference.get(name);
            part = ref == null
                    ? projections.builder(v.dimension()).build()
                    : EmbeddingReference.builder(ref.dimension(), ref.seed(), ref.projectionCount())
                            .build();
            profile.withEmbedding(name, part);
        }
        if (v.dimension() != part.dimension()) {
            return String.format(
                    Locale.ROOT,
                    "feature '%s' has %d elements; %s fixes its dimension at %d",
                    name,
                    v.dimension(),
                    reference.containsKey(name) ? "the reference" : "the batch's first vector (seq order)",
                    part.dimension());
        }
        part.add(part.projected(), v.values());
        return null;
    }

    private int dimension(String name) {
        EmbeddingReference part = reference.containsKey(name)
                ? reference.get(name)
                : profile.embeddings().get(name);
        return part.dimension();
    }

    private void reject(String feature, long seq, String reason) {
        bad.merge(feature, 1L, Long::sum);
        firstBad.putIfAbsent(feature, "seq " + seq + ": " + reason);
    }

    /** Per feature, records whose vector feature broke the rule. */
    Map<String, Long> bad() {
        return Collections.unmodifiableMap(bad);
    }

    /** Per feature, the first such record's seq and reason ({@code "seq 17: feature 'emb' has 3 elements; ..."}). */
    Map<String, String> firstBad() {
        return Collections.unmodifiableMap(firstBad);
    }

    ProjectionSettings projections() {
        return projections;
    }
}
