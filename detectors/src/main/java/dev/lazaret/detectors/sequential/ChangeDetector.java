package dev.lazaret.detectors.sequential;

/**
 * A sequential change detector over a stream of doubles.
 *
 * <p>Contract shared by every implementation:
 *
 * <ul>
 *   <li>{@link #update(double)} consumes one value and returns the state after it. {@link DetectorState#CHANGE} is
 *       reported on exactly the update where the change is found; the detector then adapts by itself (it restarts
 *       its statistics, or, for ADWIN, drops the stale part of its window), so the next update starts a new
 *       regime.
 *   <li>{@link #reset()} makes the detector indistinguishable from a freshly created one with the same parameters.
 *   <li>{@link #encode()} captures the full state; {@link ChangeDetectors#decode(byte[])} restores a detector that
 *       behaves identically on any continuation of the stream.
 *   <li>Detectors are not mergeable: the statistics depend on the order of one stream, so there is no meaningful
 *       combination of two partial states. Use one detector per key instead.
 *   <li>Instances are not thread-safe.
 * </ul>
 */
public sealed interface ChangeDetector permits SequentialDetector {

    /**
     * Consumes one value.
     *
     * @param value the next observation; must be finite (binary detectors require 0 or 1, HDDM-A a value in [0, 1])
     * @return the state after this value
     * @throws IllegalArgumentException if the value is not acceptable for this detector
     */
    DetectorState update(double value);

    /** Returns the state reported by the latest update, {@link DetectorState#STABLE} before any update. */
    DetectorState state();

    /**
     * Returns the detector's current estimate of the monitored quantity (the mean of the current regime for most
     * detectors; each implementation documents its own).
     */
    double estimation();

    /** Returns the number of values consumed since creation or the last {@link #reset()}. */
    long samplesSeen();

    /** Forgets everything; afterwards the detector behaves like a new instance with the same parameters. */
    void reset();

    /** Encodes parameters and state into the versioned format read by {@link ChangeDetectors#decode(byte[])}. */
    byte[] encode();
}
