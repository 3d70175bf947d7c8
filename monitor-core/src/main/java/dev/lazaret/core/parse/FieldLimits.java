package dev.lazaret.core.parse;

import dev.lazaret.detectors.embedding.EmbeddingReference;

/**
 * The longest ids, names and texts an input record may carry. Every one of them is copied into outputs (verdicts,
 * audit entries, repartition and changelog records, metric labels), so an unbounded id would make an output larger
 * than the broker accepts and stop processing; a record over a limit is a dead letter {@code INVALID_VALUE} instead.
 */
public final class FieldLimits {
    /** Ids and names: batch, dataset, source, key, model, model version, event, operator, feature names. */
    public static final int MAX_NAME_CHARS = 256;
    /** Free text and category values: an operator's reason, a string feature value, a label, a prediction. */
    public static final int MAX_TEXT_CHARS = 4_096;
    /** Features in one record; the drift step keeps state per feature. */
    public static final int MAX_FEATURES = 10_000;
    /**
     * Elements of one vector feature value (an embedding): a record's vectors are held as {@code double}s while it is
     * processed, 8 bytes per element, so this bounds one feature at 32 KiB in memory whatever the record size.
     */
    public static final int MAX_VECTOR_DIMENSION = EmbeddingReference.MAX_DIMENSION;

    private FieldLimits() {}
}
