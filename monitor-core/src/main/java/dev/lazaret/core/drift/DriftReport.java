package dev.lazaret.core.drift;

import dev.lazaret.detectors.embedding.EmbeddingVerdict;
import dev.lazaret.detectors.multivariate.MultivariateVerdict;
import dev.lazaret.detectors.profile.FeatureKind;
import java.util.List;
import java.util.Map;

/**
 * One model's window as published on {@code drift.reports} (key = model, JSON snake_case): one report per window,
 * when the window closes.
 *
 * @param status whether the window was judged ({@link ReportStatus})
 * @param referenceId the reference's {@code lazaret.reference.id}, or empty
 * @param modelVersions events per model_version in the window
 * @param features per input feature, sorted by name
 * @param prediction prediction drift (against the reference's {@code __prediction__} profile, else its labels)
 * @param score score drift (against the reference's {@code __score__} profile when it has one)
 * @param scoreChangeDetected whether Page–Hinkley on the score signalled a change of its mean in this window
 * @param driftedShare drifted features / tested features
 * @param datasetDrift whether the share reached the policy's data set threshold
 * @param nullRate null values / all values of the input features
 * @param unseenCategoryRate categorical values the reference never saw / all categorical values
 * @param outliers outlier rate of numeric inputs against the reference rate
 * @param performance joined labels and error rate
 * @param multivariate the joint judgement of the numeric features; null when the window was not judged
 * @param estimatedPerformance performance estimated from scores without labels, and the realised values of earlier
 *     windows whose labels are in; null for a model not in {@code drift.performance.estimate.models}
 * @param embeddings per vector feature of the reference, its embedding judgement ({@code
 *     dev.lazaret.detectors.embedding}); null when the window was not judged or the reference has no vector feature
 */
public record DriftReport(
        String model,
        String dataset,
        ReportStatus status,
        String referenceId,
        Map<String, Long> modelVersions,
        String window,
        long windowStartMs,
        long windowEndMs,
        long events,
        List<FeatureResult> features,
        FeatureResult prediction,
        FeatureResult score,
        boolean scoreChangeDetected,
        double driftedShare,
        boolean datasetDrift,
        double nullRate,
        double unseenCategoryRate,
        OutlierResult outliers,
        PerformanceResult performance,
        MultivariateResult multivariate,
        EstimatedPerformance estimatedPerformance,
        List<EmbeddingVerdict> embeddings) {

    /** This report with {@code verdicts} as its embedding judgements. */
    public DriftReport withEmbeddings(List<EmbeddingVerdict> verdicts) {
        return withAdditions(estimatedPerformance, verdicts);
    }

    /** This report with {@code estimated} as its estimated performance. */
    public DriftReport withEstimatedPerformance(EstimatedPerformance estimated) {
        return withAdditions(estimated, embeddings);
    }

    /** The two parts judged after the window's own report, each from its own stage. */
    private DriftReport withAdditions(EstimatedPerformance estimated, List<EmbeddingVerdict> verdicts) {
        return new DriftReport(
                model,
                dataset,
                status,
                referenceId,
                modelVersions,
                window,
                windowStartMs,
                windowEndMs,
                events,
                features,
                prediction,
                score,
                scoreChangeDetected,
                driftedShare,
                datasetDrift,
                nullRate,
                unseenCategoryRate,
                outliers,
                performance,
                multivariate,
                estimated,
                verdicts);
    }

    /**
     * One feature's comparison with the reference.
     *
     * @param method test used ({@code ks-sketch}, {@code chi-square}) or {@code none}
     * @param statistic the test statistic
     * @param pValue raw p-value
     * @param adjustedPValue after Benjamini–Hochberg across the window's features
     * @param effectSize the effect compared with the floor
     * @param kind NUMERIC or CATEGORICAL
     * @param verdict drifted, stable or untested
     * @param reason one sentence for a person
     */
    public record FeatureResult(
            String feature,
            FeatureKind kind,
            String method,
            double statistic,
            double pValue,
            double adjustedPValue,
            double effectSize,
            String effectSizeName,
            FeatureVerdict verdict,
            double nullRate,
            double unseenCategoryRate,
            String reason) {}

    /**
     * Outliers among the window's numeric input values.
     *
     * @param checked numeric values checked against the reference bounds
     * @param rate outliers / checked
     * @param referenceRate the reference's own rate (floored at 0.1%)
     * @param pValue one-sided binomial p-value of rate > reference rate
     * @param surge significant and at least {@code drift.outlier.min.ratio} times the reference rate
     */
    public record OutlierResult(
            long checked, long outliers, double rate, double referenceRate, double pValue, boolean surge) {}

    /**
     * Model performance from joined feedback.
     *
     * @param labelled labels joined in this window
     * @param errors of which the prediction was wrong
     * @param errorRate errors / labelled (NaN without labels)
     * @param baselineErrorRate the frozen baseline (NaN until {@code drift.performance.baseline.labels} labels)
     * @param pValue one-sided binomial p-value of error rate > baseline
     * @param changeDetected ADWIN or DDM signalled an error-rate increase in this window
     * @param degraded whether the PERFORMANCE_DEGRADATION condition holds
     */
    public record PerformanceResult(
            long labelled,
            long errors,
            double errorRate,
            double baselineErrorRate,
            double pValue,
            boolean changeDetected,
            boolean degraded) {}

    /**
     * Performance estimated without labels (confidence-based performance estimation, docs/drift-and-alerts.md).
     *
     * @param calibrationLabels joined labels with a score in the model's calibration sample
     * @param calibrated whether the sample reached {@code drift.performance.baseline.labels} and froze
     * @param scored events of this window with a usable score of the positive class
     * @param metrics this window's estimates (empty until calibrated)
     * @param realised earlier windows whose labels are in (their join window has passed): estimate beside realised
     */
    public record EstimatedPerformance(
            long calibrationLabels,
            boolean calibrated,
            long scored,
            List<EstimatedMetric> metrics,
            List<RealisedWindow> realised) {}

    /**
     * One metric's estimate for this window.
     *
     * @param metric accuracy, precision, recall, f1 or roc_auc
     * @param estimate the expected value under the calibration
     * @param standardError the window's sampling error
     * @param lower estimate − 3 standard errors
     * @param upper estimate + 3 standard errors
     * @param baseline the realised value on the calibration sample
     * @param dropped whether the ESTIMATED_PERFORMANCE_DROP condition holds
     */
    public record EstimatedMetric(
            String metric,
            double estimate,
            double standardError,
            double lower,
            double upper,
            double baseline,
            boolean dropped) {}

    /**
     * An earlier window, once its labels are in.
     *
     * @param labelled labels joined for the window's scored events
     * @param metrics per metric the estimate, the realised value and their difference
     */
    public record RealisedWindow(String window, long windowStartMs, long labelled, List<RealisedMetric> metrics) {}

    /**
     * @param estimationError estimate − realised
     */
    public record RealisedMetric(String metric, double estimate, double realised, double estimationError) {}

    /**
     * The window's numeric features judged jointly ({@code dev.lazaret.detectors.multivariate}).
     *
     * @param status {@code judged}, {@code not_available} (the reference has no multivariate part) or {@code
     *     disabled} ({@code drift.multivariate.enabled=false})
     * @param features the features, in the order of the model's dimensions (empty unless judged)
     * @param verdict the PCA reconstruction-error test, the Mahalanobis outlier rate and the decision; null unless
     *     judged ({@code verdict.tested} is false when the window had too few complete rows)
     * @param note why there is no verdict, or empty
     */
    public record MultivariateResult(String status, List<String> features, MultivariateVerdict verdict, String note) {

        /** Whether the MULTIVARIATE_DRIFT condition holds. */
        public boolean drift() {
            return verdict != null && verdict.drift();
        }
    }
}
