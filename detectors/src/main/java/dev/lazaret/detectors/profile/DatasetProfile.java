package dev.lazaret.detectors.profile;

import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.label.Labels;
import dev.lazaret.detectors.multivariate.MultivariateReference;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The profile of a data set or a window: one {@link FeatureProfile} per feature plus a categorical profile of the
 * label.
 *
 * <p>A feature's kind is fixed by a declaration ({@link #declare}) or by its first non-null value: any {@link Number}
 * makes it numeric, a {@link String} or {@link Boolean} makes it categorical. Later values of the other kind are not
 * forced into the profile; they are counted in {@link #typeMismatches()} so a schema break is visible instead of
 * crashing or silently skewing the statistics. Nulls seen before the kind is known are kept and handed to the profile
 * once it exists.
 *
 * <p>Not thread-safe; mergeable.
 */
public final class DatasetProfile {

    private final int numericK;
    private final int maxExactDistinct;
    private final Map<String, FeatureProfile> features = new TreeMap<>();
    /**
     * The same profiles by name in a hash map, for the per-value lookups of {@link #updateNumber} and {@link
     * #updateFeature} (a String's hash is cached, a TreeMap compares names along its path). Written wherever
     * {@link #features} is.
     */
    private final Map<String, FeatureProfile> byName = new HashMap<>();

    private final Map<String, FeatureKind> declared = new TreeMap<>();
    private final Map<String, Long> pendingNulls = new TreeMap<>();
    private final Map<String, Long> typeMismatches = new TreeMap<>();
    private final CategoricalProfile label;
    private MultivariateReference multivariate;
    private final Map<String, EmbeddingReference> embeddings = new TreeMap<>();

    private DatasetProfile(int numericK, int maxExactDistinct, CategoricalProfile label) {
        NumericProfile.create(numericK); // validates k
        this.numericK = numericK;
        this.maxExactDistinct = maxExactDistinct;
        this.label = label;
    }

    /** Creates an empty profile with default sketch sizes. */
    public static DatasetProfile create() {
        return create(NumericProfile.DEFAULT_K, CategoricalProfile.DEFAULT_MAX_EXACT_DISTINCT);
    }

    /**
     * Creates an empty profile.
     *
     * @param numericK KLL k of every numeric feature
     * @param maxExactDistinct exact-count limit of every categorical feature and the label
     * @return an empty profile
     */
    public static DatasetProfile create(int numericK, int maxExactDistinct) {
        return new DatasetProfile(numericK, maxExactDistinct, CategoricalProfile.create(maxExactDistinct));
    }

    /**
     * Fixes the kind of a feature before data arrives.
     *
     * @param feature feature name
     * @param kind its kind
     * @return this profile
     */
    public DatasetProfile declare(String feature, FeatureKind kind) {
        FeatureProfile existing = features.get(feature);
        if (existing != null && existing.kind() != kind) {
            throw new IllegalArgumentException(
                    String.format("feature '%s' is already %s, cannot declare %s", feature, existing.kind(), kind));
        }
        declared.put(feature, kind);
        if (existing == null) {
            profileFor(feature, kind);
        }
        return this;
    }

    /**
     * Adds one record.
     *
     * @param values feature name to value (Number, String, Boolean or null)
     * @param labelValue the label (any value, in the normal form of {@link Labels#category}) or null when unlabeled
     */
    public void update(Map<String, ?> values, Object labelValue) {
        values.forEach(this::updateFeature);
        updateLabel(labelValue);
    }

    /**
     * The label's part of {@link #update}: callers that add a record's features one by one ({@link #updateFeature},
     * {@link #updateNumber}) finish the record with this, once.
     *
     * @param labelValue the label, or null when unlabeled
     */
    public void updateLabel(Object labelValue) {
        if (labelValue == null) {
            label.updateNull();
        } else {
            label.update(Labels.category(labelValue));
        }
    }

    /**
     * One numeric value of a record, as {@link #update} adds a {@link Number}, without boxing it.
     *
     * @param name feature name
     * @param value its value
     */
    public void updateNumber(String name, double value) {
        FeatureProfile profile = byName.get(name);
        if (profile == null) {
            profile = profileFor(name, FeatureKind.NUMERIC);
        }
        if (profile instanceof NumericProfile n) {
            n.update(value);
        } else {
            typeMismatches.merge(name, 1L, Long::sum);
        }
    }

    /**
     * One value of a record, as {@link #update} adds each entry of its map.
     *
     * @param name feature name
     * @param value its value (Number, String, Boolean or null)
     */
    public void updateFeature(String name, Object value) {
        FeatureProfile profile = byName.get(name);
        if (value == null) {
            if (profile == null) {
                pendingNulls.merge(name, 1L, Long::sum);
            } else if (profile instanceof NumericProfile n) {
                n.updateNull();
            } else if (profile instanceof CategoricalProfile c) {
                c.updateNull();
            }
            return;
        }
        FeatureKind kind = kindOf(value);
        if (kind == null) {
            typeMismatches.merge(name, 1L, Long::sum);
            return;
        }
        if (profile == null) {
            profile = profileFor(name, kind);
        }
        if (profile instanceof NumericProfile n && value instanceof Number number) {
            n.update(number.doubleValue());
        } else if (profile instanceof CategoricalProfile c && kind == FeatureKind.CATEGORICAL) {
            c.update(value.toString());
        } else {
            typeMismatches.merge(name, 1L, Long::sum);
        }
    }

    private static FeatureKind kindOf(Object value) {
        if (value instanceof Number) {
            return FeatureKind.NUMERIC;
        }
        if (value instanceof String || value instanceof Boolean) {
            return FeatureKind.CATEGORICAL;
        }
        return null;
    }

    private FeatureProfile profileFor(String name, FeatureKind kind) {
        FeatureProfile profile = kind == FeatureKind.NUMERIC
                ? NumericProfile.create(numericK)
                : CategoricalProfile.create(maxExactDistinct);
        Long nulls = pendingNulls.remove(name);
        if (nulls != null) {
            addNulls(profile, nulls);
        }
        features.put(name, profile);
        byName.put(name, profile);
        return profile;
    }

    private static void addNulls(FeatureProfile profile, long n) {
        if (profile instanceof NumericProfile p) {
            p.updateNulls(n);
        } else if (profile instanceof CategoricalProfile p) {
            p.updateNulls(n);
        }
    }

    /**
     * Merges another data set profile into this one; the other is left unchanged.
     *
     * @param other a profile whose shared features have the same kinds
     */
    public void merge(DatasetProfile other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a profile into itself");
        }
        other.features.forEach((name, theirs) -> {
            FeatureProfile mine = features.get(name);
            if (mine != null && mine.kind() != theirs.kind()) {
                throw new IllegalArgumentException(String.format(
                        "feature '%s' is %s here but %s in the other profile", name, mine.kind(), theirs.kind()));
            }
        });
        other.declared.forEach(declared::putIfAbsent);
        other.features.forEach((name, theirs) -> {
            FeatureProfile mine = features.containsKey(name) ? features.get(name) : profileFor(name, theirs.kind());
            if (mine instanceof NumericProfile m && theirs instanceof NumericProfile t) {
                m.merge(t);
            } else if (mine instanceof CategoricalProfile m && theirs instanceof CategoricalProfile t) {
                m.merge(t);
            }
        });
        other.pendingNulls.forEach((name, n) -> {
            FeatureProfile mine = features.get(name);
            if (mine == null) {
                pendingNulls.merge(name, n, Long::sum);
            } else {
                addNulls(mine, n);
            }
        });
        other.typeMismatches.forEach((name, n) -> typeMismatches.merge(name, n, Long::sum));
        label.merge(other.label);
    }

    /** Returns feature name to profile, sorted by name; profiles are live, not copies. */
    public Map<String, FeatureProfile> features() {
        return Collections.unmodifiableMap(features);
    }

    /** Returns the profile of the label. */
    public CategoricalProfile label() {
        return label;
    }

    /** Returns features seen only as null so far (kind unknown), with their null counts. */
    public Map<String, Long> pendingNulls() {
        return Collections.unmodifiableMap(pendingNulls);
    }

    /** Returns per feature the number of values whose type did not match the feature's kind. */
    public Map<String, Long> typeMismatches() {
        return Collections.unmodifiableMap(typeMismatches);
    }

    /** Returns declared kinds. */
    public Map<String, FeatureKind> declaredKinds() {
        return Collections.unmodifiableMap(declared);
    }

    /**
     * Returns the multivariate part of a pinned reference ({@link MultivariateReference}), fitted when the reference
     * was built from its rows; empty for windows, merged profiles and references built before it existed.
     */
    public Optional<MultivariateReference> multivariate() {
        return Optional.ofNullable(multivariate);
    }

    /**
     * Attaches (or with null, removes) the multivariate part; a reference builder calls it after its passes over
     * the rows. Not merged: {@link #merge} leaves this profile's part as it is.
     *
     * @return this profile
     */
    public DatasetProfile withMultivariate(MultivariateReference part) {
        this.multivariate = part;
        return this;
    }

    /**
     * Returns the embedding part of a pinned reference: per vector feature, its dimension and projections ({@link
     * EmbeddingReference}); empty for windows and for references without vector features. Vector features are not in
     * {@link #features()}.
     */
    public Map<String, EmbeddingReference> embeddings() {
        return Collections.unmodifiableMap(embeddings);
    }

    /**
     * Attaches the embedding part of a vector feature; a reference builder calls it after its pass over the rows. Not
     * merged.
     *
     * @return this profile
     */
    public DatasetProfile withEmbedding(String feature, EmbeddingReference part) {
        if (features.containsKey(feature)) {
            throw new IllegalArgumentException(String.format(
                    "feature '%s' is %s, not a vector",
                    feature, features.get(feature).kind()));
        }
        embeddings.put(feature, part);
        return this;
    }

    /** Returns the KLL k used for numeric features. */
    public int numericK() {
        return numericK;
    }

    /** Returns the exact-count limit used for categorical features. */
    public int maxExactDistinct() {
        return maxExactDistinct;
    }

    /**
     * Rebuilds a profile from decoded parts; used by the codec.
     *
     * @param numericK KLL k
     * @param maxExactDistinct exact-count limit
     * @param features decoded feature profiles
     * @param label decoded label profile
     * @param declared declared kinds
     * @param pendingNulls nulls of features with unknown kind
     * @param typeMismatches type mismatch counts
     * @return the profile
     */
    public static DatasetProfile restore(
            int numericK,
            int maxExactDistinct,
            Map<String, FeatureProfile> features,
            CategoricalProfile label,
            Map<String, FeatureKind> declared,
            Map<String, Long> pendingNulls,
            Map<String, Long> typeMismatches) {
        DatasetProfile p = new DatasetProfile(numericK, maxExactDistinct, label);
        p.features.putAll(features);
        p.byName.putAll(features);
        p.declared.putAll(declared);
        p.pendingNulls.putAll(pendingNulls);
        p.typeMismatches.putAll(typeMismatches);
        return p;
    }
}
