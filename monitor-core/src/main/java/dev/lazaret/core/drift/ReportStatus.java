package dev.lazaret.core.drift;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a window was judged, and if not why; {@link #wire()} is its form in JSON and in the metric tag. */
public enum ReportStatus {
    /** Compared with the reference: features, outputs, outliers and alert conditions are filled in. */
    JUDGED("judged"),
    /** No reference for the model's dataset yet: not judged, no alerts. */
    NO_REFERENCE("no_reference"),
    /** Fewer events than {@code drift.window.min.count}: not judged, no alerts. */
    TOO_FEW("too_few");

    private final String wire;

    ReportStatus(String wire) {
        this.wire = wire;
    }

    /** The form in {@code drift.reports} JSON and the {@code result} tag of the windows metric. */
    @JsonValue
    public String wire() {
        return wire;
    }
}
