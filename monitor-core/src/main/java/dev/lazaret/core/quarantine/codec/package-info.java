/**
 * Every byte layout the quarantine persists, one codec per value: {@link
 * dev.lazaret.core.quarantine.codec.BatchStateCodec} (the batches store), {@link
 * dev.lazaret.core.quarantine.codec.BatchEvaluationCodec} (an evaluation between chunks, in the work store) and {@link
 * dev.lazaret.core.quarantine.codec.ReferenceBundleCodec} (the references topic and store). Each starts with a format
 * version byte and documents its layout field by field, as DataSketches documents its preambles; each refuses a wrong
 * version, truncated bytes and trailing bytes with an {@link IllegalArgumentException} that names the value. Nested
 * detector state (profiles, bins, sketches) keeps the layout of {@code dev.lazaret.detectors.codec} and the detectors'
 * own {@code encode}.
 */
package dev.lazaret.core.quarantine.codec;
