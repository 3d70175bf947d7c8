package dev.lazaret.core.contract;

/**
 * A person's request to refit a model's performance-estimation calibration, as produced to {@code
 * model.recalibrations} (key = model) by {@code lazaret model recalibrate}. The drift side never recalibrates on its
 * own: the calibration changes only through one of these, and both the request and its outcome go to the audit trail.
 *
 * @param operator who asked, as recorded in the audit trail
 * @param reason why, in the operator's words (e.g. the model change that was intended)
 */
public record RecalibrationRequest(String model, String operator, String reason) {}
