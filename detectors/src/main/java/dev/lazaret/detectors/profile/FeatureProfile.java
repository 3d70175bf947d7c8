package dev.lazaret.detectors.profile;

/** The profile of one feature: either numeric or categorical. */
public sealed interface FeatureProfile permits NumericProfile, CategoricalProfile {

    /** Returns the kind of values this profile accepts. */
    FeatureKind kind();

    /** Returns how many null (missing) values were seen. */
    long nullCount();

    /** Returns how many values of any sort (including nulls) were seen. */
    long totalCount();
}
