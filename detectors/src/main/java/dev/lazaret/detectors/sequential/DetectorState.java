package dev.lazaret.detectors.sequential;

/** The verdict of a sequential change detector after its latest update. */
public enum DetectorState {
    /** No evidence of change. */
    STABLE,
    /** Evidence is building up but has not crossed the change threshold (detectors without a warning zone never report it). */
    WARNING,
    /** A change was detected on this update. */
    CHANGE
}
