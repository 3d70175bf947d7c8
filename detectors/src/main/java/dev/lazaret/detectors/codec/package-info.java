/**
 * Versioned binary encoding of profile state, for Kafka state stores and the compacted profiles topic.
 *
 * <p>Every encoding starts with two bytes, as DataSketches' {@code KllPreambleUtil} does: a format-version byte
 * ({@link dev.lazaret.detectors.codec.ProfileCodec#FORMAT_VERSION}) and a family byte naming the type encoded. The
 * rest is big-endian; sketches are embedded in DataSketches' own stable binary forms. Decoding garbage, a truncated
 * array, an unknown version or the wrong family throws {@link java.lang.IllegalArgumentException}. Java
 * serialization is never used.
 */
package dev.lazaret.detectors.codec;
