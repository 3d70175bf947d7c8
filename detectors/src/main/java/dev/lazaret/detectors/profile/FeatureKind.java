package dev.lazaret.detectors.profile;

/** The kind of a feature, fixed by its first non-null value or declared up front. */
public enum FeatureKind {
    /** Numbers; profiled by {@link NumericProfile}. */
    NUMERIC,
    /** Strings and booleans; profiled by {@link CategoricalProfile}. */
    CATEGORICAL
}
