package dev.lazaret.core.drift;

import com.fasterxml.jackson.annotation.JsonValue;

/** One feature's (or model output's) outcome in a window; {@link #wire()} is its form in JSON. */
public enum FeatureVerdict {
    /** Tested and drifted: significant after correction and the effect reached its floor. */
    DRIFTED("drifted"),
    /** Tested and not drifted. */
    STABLE("stable"),
    /** Not tested (too few values on a side, or no values at all). */
    UNTESTED("untested");

    private final String wire;

    FeatureVerdict(String wire) {
        this.wire = wire;
    }

    /** The form in {@code drift.reports} JSON. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Whether the feature was tested at all. */
    public boolean tested() {
        return this != UNTESTED;
    }
}
