package dev.lazaret.core.parse;

/**
 * Turns the raw bytes of one input topic into its record type, checking the contract.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface InputParser<T> {

    /**
     * @param key the record key (UTF-8), possibly {@code null}
     * @param value the raw record value, possibly {@code null}
     */
    Parsed<T> parse(String key, byte[] value);
}
