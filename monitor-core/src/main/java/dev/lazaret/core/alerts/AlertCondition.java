package dev.lazaret.core.alerts;

/**
 * One observation of an alertable condition, true or false, as the quarantine and drift topologies see it. The
 * alert stage turns the stream of conditions into alerts that fire once and resolve once per {@link #dedupKey()}.
 *
 * <p>A condition usually carries no severity: the alert's severity is the one configured for its kind ({@code
 * alerts.severity.*}), so one setting decides it whichever side observed the condition. A condition whose severity is
 * set per subject (an unapproved version of a model at {@code warn}) carries it, and it wins over the kind's.
 *
 * @param kind what is observed
 * @param subjectType {@code "model"} or {@code "dataset"}
 * @param subject the model or dataset name
 * @param feature the feature concerned, or {@code null} when the condition is not about one feature
 * @param active whether the condition holds in this observation
 * @param detector the detector or check that observed it ({@code ks}, {@code adwin}, {@code signature} ...)
 * @param score the detector's score
 * @param threshold the threshold the score was compared with
 * @param window what was observed: a window as {@code start/end} ISO instants, or a batch id
 * @param windowStartMs start of the window (or the batch's manifest time), epoch ms
 * @param windowEndMs end of the window (or the verdict time), epoch ms
 * @param evidence what a person should look at, in words
 * @param severity the alert's severity when it is set per subject, or {@code null} for the kind's configured one
 */
public record AlertCondition(
        AlertKind kind,
        String subjectType,
        String subject,
        String feature,
        boolean active,
        String detector,
        double score,
        double threshold,
        String window,
        long windowStartMs,
        long windowEndMs,
        String evidence,
        Severity severity) {

    /** Alerts are deduplicated per (kind, subject, feature); this is that key, also the Kafka key downstream. */
    public String dedupKey() {
        return kind + "|" + subjectType + ":" + subject + "|" + (feature == null ? "" : feature);
    }
}
