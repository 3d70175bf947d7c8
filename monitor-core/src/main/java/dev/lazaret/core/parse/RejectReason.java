package dev.lazaret.core.parse;

import java.util.Locale;

/** Why an input record went to the dead-letter topic. A fixed set, so it is safe as a metric label. */
public enum RejectReason {
    /** The value is not JSON, or is empty. */
    MALFORMED_JSON,
    /** The value is JSON but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type. */
    WRONG_TYPE,
    /** A field has the right type but a value outside the contract. */
    INVALID_VALUE,
    /** The record key disagrees with the id inside the value. */
    KEY_MISMATCH,
    /** The value is larger than {@code input.max.record.bytes}. */
    OVERSIZED,
    /** The event names a model the configuration does not know. */
    UNKNOWN_MODEL,
    /** Processing the record threw; caught by the processing exception handler. */
    PROCESSING_ERROR,
    /**
     * An output the record caused could not be written (larger than the broker accepts, or another non-retriable
     * error); caught by the production exception handler.
     */
    PRODUCTION_ERROR;

    /** The metric label value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
