package dev.lazaret.core.parse;

/** The checks every input parser, tree or streaming, makes before and after reading a value's fields. */
final class InputChecks {
    private InputChecks() {}

    /** The refusal of an empty value or one over {@code maxBytes}, or null when its size is accepted. */
    static <T> Parsed<T> refusedSize(byte[] value, int maxBytes) {
        if (value == null || value.length == 0) {
            return Parsed.invalid(RejectReason.MALFORMED_JSON, "record value is empty");
        }
        if (value.length > maxBytes) {
            return Parsed.invalid(
                    RejectReason.OVERSIZED,
                    "record value is " + value.length + " bytes; input.max.record.bytes is " + maxBytes);
        }
        return null;
    }

    /**
     * The value when the record key equals its id field, else the refusal: the key decides the partition, so a
     * mismatch would put the record beside the wrong batch or model.
     *
     * @param keyField the id field's name, in messages
     */
    static <T> Parsed<T> keyed(String key, String keyField, String id, T value) {
        if (key == null) {
            return Parsed.invalid(
                    RejectReason.KEY_MISMATCH, "record key is missing; it must equal " + keyField + " '" + id + "'");
        }
        if (!id.equals(key)) {
            return Parsed.invalid(
                    RejectReason.KEY_MISMATCH, "record key '" + key + "' differs from " + keyField + " '" + id + "'");
        }
        return Parsed.valid(value);
    }
}
