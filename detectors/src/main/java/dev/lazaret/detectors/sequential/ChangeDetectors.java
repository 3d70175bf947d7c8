package dev.lazaret.detectors.sequential;

/**
 * Decodes the state written by {@link ChangeDetector#encode()}.
 *
 * <p>Format (big-endian): byte 0 is the format version ({@value #FORMAT_VERSION}), byte 1 the detector type
 * (1 ADWIN, 2 Page–Hinkley, 3 CUSUM, 4 DDM, 5 EDDM, 6 HDDM-A), then the parameters and the state of that detector.
 * A reader rejects any other version rather than guess, the way DataSketches checks its serial-version byte.
 */
public final class ChangeDetectors {
    /** The only format version this code writes and reads. */
    public static final byte FORMAT_VERSION = 1;

    private ChangeDetectors() {}

    /**
     * Restores a detector from its encoded state.
     *
     * @param bytes the output of {@link ChangeDetector#encode()}
     * @return a detector that behaves exactly like the one that was encoded
     * @throws IllegalArgumentException if the bytes are null, truncated, of an unknown version or type, carry
     *     invalid parameters, or have trailing bytes
     */
    public static ChangeDetector decode(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            throw new IllegalArgumentException(String.format(
                    "Corrupt change detector state: need at least 2 header bytes, got %s",
                    bytes == null ? "null" : Integer.toString(bytes.length)));
        }
        if (bytes[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException(String.format(
                    "Unsupported change detector format version %d (this reader supports %d)",
                    bytes[0], FORMAT_VERSION));
        }
        DetectorType type = DetectorType.fromCode(bytes[1]);
        StateReader reader = new StateReader(bytes, 2);
        ChangeDetector detector = switch (type) {
            case ADWIN -> AdwinDetector.read(reader);
            case PAGE_HINKLEY -> PageHinkleyDetector.read(reader);
            case CUSUM -> CusumDetector.read(reader);
            case DDM -> DdmDetector.read(reader);
            case EDDM -> EddmDetector.read(reader);
            case HDDM_A -> HddmADetector.read(reader);
        };
        reader.expectEnd();
        return detector;
    }
}
