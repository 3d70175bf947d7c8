package dev.lazaret.core.alerts;

/**
 * An alert as published on the {@code alerts} topic (key = {@link AlertCondition#dedupKey()}): FIRING once when a
 * condition starts, RESOLVED once when it has cleared.
 *
 * @param alertId stable for one firing episode; the RESOLVED message carries the same id as its FIRING message
 * @param status FIRING or RESOLVED
 * @param severity configured for the kind ({@code alerts.severity.*}), unless the condition set its own
 * @param since when the episode started (first active observation), epoch ms
 * @param runbookUrl where on-call reads what to do
 */
public record Alert(
        String alertId,
        AlertKind kind,
        AlertStatus status,
        Severity severity,
        String subjectType,
        String subject,
        String feature,
        String detector,
        double score,
        double threshold,
        String window,
        long windowStartMs,
        long windowEndMs,
        String evidence,
        long since,
        String runbookUrl) {}
