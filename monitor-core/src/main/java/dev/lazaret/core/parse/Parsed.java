package dev.lazaret.core.parse;

/**
 * The outcome of parsing one input record: a typed value, or the reason it cannot be one.
 *
 * @param <T> the record type of the topic
 */
public sealed interface Parsed<T> {

    /** A record that met the contract. */
    record Valid<T>(T value) implements Parsed<T> {}

    /**
     * A record that did not; it goes to the dead-letter topic with these reasons.
     *
     * @param reason a short code from a fixed set, used as a metric label
     * @param detail what exactly is wrong, for a person
     */
    record Invalid<T>(RejectReason reason, String detail) implements Parsed<T> {}

    static <T> Parsed<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Parsed<T> invalid(RejectReason reason, String detail) {
        return new Invalid<>(reason, detail);
    }
}
