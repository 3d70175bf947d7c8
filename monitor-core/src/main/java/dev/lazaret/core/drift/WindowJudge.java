package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.detectors.embedding.EmbeddingJudge;
import dev.lazaret.detectors.embedding.EmbeddingReference;
import dev.lazaret.detectors.embedding.EmbeddingVerdict;
import dev.lazaret.detectors.multivariate.MultivariateJudge;
import dev.lazaret.detectors.multivariate.MultivariateReference;
import dev.lazaret.detectors.multivariate.MultivariateWindow;
import dev.lazaret.detectors.outlier.ReferenceOutlierRate;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import dev.lazaret.detectors.profile.FeatureShares;
import dev.lazaret.detectors.rate.BinomialExcess;
import dev.lazaret.detectors.rate.BinomialExcessResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a closed window into its report and, through {@link WindowConditions}, its alert conditions. Pure: no Kafka,
 * no state; the timeline supplies the window, the reference and the model's frozen error baseline.
 */
final class WindowJudge {
    private static final String NONE = "none";

    private final DriftOptions options;
    private final WindowConditions conditions;

    WindowJudge(DriftOptions options) {
        this.options = options;
        this.conditions = new WindowConditions(options);
    }

    /**
     * The outcome of closing one window.
     *
     * @param report what goes to drift.reports
     * @param conditions alert observations (empty unless judged)
     */
    record Outcome(DriftReport report, List<AlertCondition> conditions) {}

    /** The parts every report has, judged or not. */
    private record Frame(
            String model,
            String dataset,
            WindowAccumulator window,
            long start,
            long end,
            String span,
            DriftReport.PerformanceResult performance) {}

    /**
     * Judges a window.
     *
     * @param reference the model's reference, or null when none has been published
     * @param baselineErrorRate the model's frozen baseline error rate, NaN until it exists
     */
    Outcome close(
            String model, String dataset, WindowAccumulator window, Reference reference, double baselineErrorRate) {
        long start = window.windowStartMs();
        long end = start + options.windowSizeMs();
        Frame frame = new Frame(
                model,
                dataset,
                window,
                start,
                end,
                Instant.ofEpochMilli(start) + "/" + Instant.ofEpochMilli(end),
                performance(window, baselineErrorRate));
        ReportStatus status = status(window, reference);
        if (status != ReportStatus.JUDGED) {
            return new Outcome(unjudged(frame, status, reference), List.of());
        }
        DatasetDriftVerdict inputs = DriftJudge.judge(reference.features(), window.inputs(), options.policy());
        DatasetDriftVerdict outputs = DriftJudge.judge(reference.outputs(), window.outputs(), options.policy());
        DriftReport report = judged(frame, reference, inputs, outputs).withEmbeddings(embeddings(window, reference));
        return new Outcome(report, conditions.of(report, inputs));
    }

    private ReportStatus status(WindowAccumulator window, Reference reference) {
        if (reference == null) {
            return ReportStatus.NO_REFERENCE;
        }
        return window.events() < options.minCount() ? ReportStatus.TOO_FEW : ReportStatus.JUDGED;
    }

    private static DriftReport unjudged(Frame f, ReportStatus status, Reference reference) {
        return new DriftReport(
                f.model(),
                f.dataset(),
                status,
                reference == null ? "" : reference.id(),
                f.window().versions(),
                f.span(),
                f.start(),
                f.end(),
                f.window().events(),
                List.of(),
                null,
                null,
                f.window().scoreChange(),
                Double.NaN,
                false,
                Double.NaN,
                Double.NaN,
                null,
                f.performance(),
                null,
                null,
                null);
    }

    private DriftReport judged(Frame f, Reference reference, DatasetDriftVerdict inputs, DatasetDriftVerdict outputs) {
        List<DriftReport.FeatureResult> features = new ArrayList<>();
        FeatureShares all = FeatureShares.NONE;
        for (FeatureDriftVerdict v : inputs.features()) {
            FeatureShares shares = FeatureShares.of(
                    reference.features().features().get(v.feature()),
                    f.window().inputs().features().get(v.feature()));
            all = all.plus(shares);
            features.add(result(v, shares.nullShare(), shares.unseenShare()));
        }
        return new DriftReport(
                f.model(),
                f.dataset(),
                ReportStatus.JUDGED,
                reference.id(),
                f.window().versions(),
                f.span(),
                f.start(),
                f.end(),
                f.window().events(),
                features,
                outputResult(outputs, Reference.PREDICTION),
                outputResult(outputs, Reference.SCORE),
                f.window().scoreChange(),
                inputs.driftedShare(),
                inputs.datasetDrift(),
                all.nullShare(),
                all.unseenShare(),
                outliers(f.window(), reference),
                f.performance(),
                multivariate(f.window(), reference),
                null,
                null);
    }

    /** Each vector feature of the reference judged on the window's projections; null when there is none. */
    private List<EmbeddingVerdict> embeddings(WindowAccumulator w, Reference reference) {
        if (reference.embeddings().isEmpty()) {
            return null;
        }
        List<EmbeddingVerdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, EmbeddingReference> e : new TreeMap<>(reference.embeddings()).entrySet()) {
            DatasetProfile window = w.embeddings().get(e.getKey());
            verdicts.add(EmbeddingJudge.judge(
                    e.getKey(), e.getValue(), window == null ? e.getValue().newWindow() : window, options.policy()));
        }
        return verdicts;
    }

    private DriftReport.MultivariateResult multivariate(WindowAccumulator w, Reference reference) {
        if (!options.multivariate()) {
            return new DriftReport.MultivariateResult(
                    "disabled", List.of(), null, "drift.multivariate.enabled is false");
        }
        if (reference.multivariate() == null) {
            return new DriftReport.MultivariateResult(
                    "not_available",
                    List.of(),
                    null,
                    "the reference has no multivariate part: it was published before this version, bootstrapped "
                            + "from a batch, or has fewer than two numeric features or too few complete rows; "
                            + "re-import it with 'lazaret reference import'");
        }
        MultivariateReference joint = reference.multivariate().reference();
        MultivariateWindow window = w.multivariate() == null ? MultivariateWindow.create() : w.multivariate();
        return new DriftReport.MultivariateResult(
                "judged",
                joint.features(),
                MultivariateJudge.judge(joint, window, options.policy(), options.outlierMinRatio()),
                "");
    }

    private DriftReport.OutlierResult outliers(WindowAccumulator w, Reference reference) {
        if (w.numericValues() == 0) {
            return new DriftReport.OutlierResult(0, 0, Double.NaN, reference.outlierRate(), Double.NaN, false);
        }
        int checked = (int) Math.min(Integer.MAX_VALUE, w.numericValues());
        int outliers = (int) Math.min(checked, w.outliers());
        BinomialExcessResult test = BinomialExcess.test(outliers, checked, reference.outlierRate());
        return new DriftReport.OutlierResult(
                w.numericValues(),
                w.outliers(),
                test.rate(),
                reference.outlierRate(),
                test.pValue(),
                test.reject(options.policy().alpha(), options.outlierMinRatio()));
    }

    private DriftReport.PerformanceResult performance(WindowAccumulator w, double baseline) {
        if (w.labelled() == 0) {
            return new DriftReport.PerformanceResult(0, 0, Double.NaN, baseline, Double.NaN, false, false);
        }
        double rate = (double) w.errors() / w.labelled();
        double pValue = Double.NaN;
        boolean significant = false;
        if (!Double.isNaN(baseline)) {
            double p0 = Math.min(0.999, Math.max(ReferenceOutlierRate.MIN_RATE, baseline));
            int n = (int) Math.min(Integer.MAX_VALUE, w.labelled());
            BinomialExcessResult test = BinomialExcess.test((int) Math.min(n, w.errors()), n, p0);
            pValue = test.pValue();
            significant = test.reject(options.policy().alpha(), options.performanceMinRatio());
        }
        // Change detectors raise early false alarms while their statistics warm up; a change signal counts only once
        // the baseline exists and the window is worse than it by the configured ratio.
        boolean confirmedChange =
                w.performanceChange() && !Double.isNaN(baseline) && rate >= baseline * options.performanceMinRatio();
        return new DriftReport.PerformanceResult(
                w.labelled(),
                w.errors(),
                rate,
                baseline,
                pValue,
                w.performanceChange(),
                significant || confirmedChange);
    }

    private static DriftReport.FeatureResult outputResult(DatasetDriftVerdict verdict, String name) {
        FeatureDriftVerdict v = verdict.feature(name);
        if (v == null) {
            return new DriftReport.FeatureResult(
                    name,
                    name.equals(Reference.SCORE) ? FeatureKind.NUMERIC : FeatureKind.CATEGORICAL,
                    NONE,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    "",
                    FeatureVerdict.UNTESTED,
                    Double.NaN,
                    Double.NaN,
                    "no values on either side");
        }
        return result(v, Double.NaN, Double.NaN);
    }

    private static DriftReport.FeatureResult result(FeatureDriftVerdict v, double nullRate, double unseenRate) {
        FeatureVerdict verdict =
                !v.tested() ? FeatureVerdict.UNTESTED : v.drifted() ? FeatureVerdict.DRIFTED : FeatureVerdict.STABLE;
        return new DriftReport.FeatureResult(
                v.feature(),
                v.kind(),
                v.method(),
                v.statistic(),
                v.pValue(),
                v.adjustedPValue(),
                v.effectSize(),
                v.effectSizeName(),
                verdict,
                nullRate,
                unseenRate,
                v.reason());
    }
}
