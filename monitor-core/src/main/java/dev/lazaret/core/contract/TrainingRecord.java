package dev.lazaret.core.contract;

import java.util.Map;

/**
 * One record of a training batch, as produced to {@code training.records} (key = batch id).
 *
 * @param features feature name to value: {@link Double}, {@link String}, {@link Boolean} or {@code null}
 * @param label the label: a {@link String}, {@link Double}, {@link Boolean} or {@code null}
 */
public record TrainingRecord(String batchId, String dataset, long seq, Map<String, Object> features, Object label) {}
