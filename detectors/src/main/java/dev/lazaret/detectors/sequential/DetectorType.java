package dev.lazaret.detectors.sequential;

/** The detector-type byte of the encoded format. Codes are part of the wire format: never renumber them. */
enum DetectorType {
    ADWIN(1),
    PAGE_HINKLEY(2),
    CUSUM(3),
    DDM(4),
    EDDM(5),
    HDDM_A(6);

    private final byte code;

    DetectorType(int code) {
        this.code = (byte) code;
    }

    byte code() {
        return code;
    }

    static DetectorType fromCode(byte code) {
        for (DetectorType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException(String.format("Unknown change detector type byte: %d", code));
    }
}
