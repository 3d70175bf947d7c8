package dev.lazaret.core.alerts;

/** What an alert is about. A fixed set, so it is safe as a metric label. */
public enum AlertKind {
    FEATURE_DRIFT,
    DATASET_DRIFT,
    PREDICTION_DRIFT,
    PERFORMANCE_DEGRADATION,
    OUTLIER_SURGE,
    ESTIMATED_PERFORMANCE_DROP,
    MULTIVARIATE_DRIFT,
    BATCH_REJECTED,
    BATCH_HELD,
    INTEGRITY_FAILURE,
    MODEL_TRAINED_ON_REVOKED_DATA,
    UNAPPROVED_MODEL_VERSION
}
