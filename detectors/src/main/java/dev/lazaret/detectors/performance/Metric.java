package dev.lazaret.detectors.performance;

import java.util.Locale;

/** The metrics CBPE estimates for a binary classifier; a fixed set, safe as a metric label. */
public enum Metric {
    ACCURACY,
    PRECISION,
    RECALL,
    F1,
    ROC_AUC;

    /** The name in reports, metrics and alerts: {@code accuracy}, {@code roc_auc}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
