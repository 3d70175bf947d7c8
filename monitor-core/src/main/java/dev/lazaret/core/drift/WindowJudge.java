package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.detectors.outlier.ReferenceOutlierRate;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.DriftJudge;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import dev.lazaret.detectors.profile.FeatureKind;
import dev.lazaret.detectors.profile.FeatureShares;
import dev.lazaret.detectors.rate.BinomialExcess;
import dev.lazaret.detectors.rate.BinomialExcessResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a closed window into its report and alert conditions. Pure: no Kafka, no state; the processor supplies the
 * window, the reference and the model's frozen error baseline.
 */
final class WindowJudge {
    private static final String NONE = "none";

    private final DriftOptions options;

    WindowJudge(DriftOptions options) {
        this.options = options;
    }

    /**
     * The outcome of closing one window.
     *
     * @param report what goes to drift.reports
     * @param conditions alert observations (empty unless judged)
     */
    record Outcome(DriftReport report, List<AlertCondition> conditions) {}

    /**
     * Judges a window.
     *
     * @param reference the model's reference, or null when none has been published
     * @param baselineErrorRate the model's frozen baseline error rate, NaN until it exists
     */
    Outcome close(
            String model, String dataset, WindowAccumulator window, Reference reference, double baselineErrorRate) {
        long start = window.windowStartMs;
        long end = start + options.windowSizeMs();
        String span = Instant.ofEpochMilli(start) + "/" + Instant.ofEpochMilli(end);
        DriftReport.PerformanceResult performance = performance(window, baselineErrorRate);
        ReportStatus status = reference == null
                ? ReportStatus.NO_REFERENCE
                : window.events < options.minCount() ? ReportStatus.TOO_FEW : ReportStatus.JUDGED;
        if (status != ReportStatus.JUDGED) {
            DriftReport report = new DriftReport(
                    model,
                    dataset,
                    status,
                    reference == null ? "" : reference.id(),
                    window.versions,
                    span,
                    start,
                    end,
                    window.events,
                    List.of(),
                    null,
                    null,
                    window.scoreChange,
                    Double.NaN,
                    false,
                    Double.NaN,
                    Double.NaN,
                    null,
                    performance);
            return new Outcome(report, List.of());
        }
        DatasetDriftVerdict verdict = DriftJudge.judge(reference.features(), window.inputs, options.policy());
        List<DriftReport.FeatureResult> features = new ArrayList<>();
        FeatureShares all = FeatureShares.NONE;
        for (FeatureDriftVerdict v : verdict.features()) {
            FeatureShares shares = FeatureShares.of(
                    reference.features().features().get(v.feature()),
                    window.inputs.features().get(v.feature()));
            all = all.plus(shares);
            features.add(result(v, shares.nullShare(), shares.unseenShare()));
        }
        DatasetDriftVerdict outputVerdict = DriftJudge.judge(reference.outputs(), window.outputs, options.policy());
        DriftReport.FeatureResult prediction = outputResult(outputVerdict, Reference.PREDICTION);
        DriftReport.FeatureResult score = outputResult(outputVerdict, Reference.SCORE);
        DriftReport.OutlierResult outliers = outliers(window, reference);
        DriftReport report = new DriftReport(
                model,
                dataset,
                status,
                reference.id(),
                window.versions,
                span,
                start,
                end,
                window.events,
                features,
                prediction,
                score,
                window.scoreChange,
                verdict.driftedShare(),
                verdict.datasetDrift(),
                all.nullShare(),
                all.unseenShare(),
                outliers,
                performance);
        return new Outcome(report, conditions(report, verdict));
    }

    private List<AlertCondition> conditions(DriftReport r, DatasetDriftVerdict verdict) {
        List<AlertCondition> out = new ArrayList<>();
        for (FeatureDriftVerdict v : verdict.features()) {
            if (v.tested()) {
                out.add(condition(
                        r,
                        AlertKind.FEATURE_DRIFT,
                        v.feature(),
                        v.drifted(),
                        v.method(),
                        v.effectSize(),
                        floor(v.kind()),
                        v.reason()));
            }
        }
        out.add(condition(
                r,
                AlertKind.DATASET_DRIFT,
                null,
                r.datasetDrift(),
                "drifted-share",
                r.driftedShare(),
                options.policy().datasetDriftShare(),
                String.format(
                        Locale.ROOT,
                        "%.0f%% of tested features drifted (threshold %.0f%%)",
                        100 * r.driftedShare(),
                        100 * options.policy().datasetDriftShare())));
        if (r.prediction().verdict().tested()) {
            out.add(outputCondition(r, r.prediction(), false));
        }
        if (r.score().verdict().tested()) {
            out.add(outputCondition(r, r.score(), r.scoreChangeDetected()));
        }
        if (r.outliers().checked() > 0) {
            out.add(condition(
                    r,
                    AlertKind.OUTLIER_SURGE,
                    null,
                    r.outliers().surge(),
                    "robust-z-binomial",
                    r.outliers().rate(),
                    r.outliers().referenceRate() * options.outlierMinRatio(),
                    String.format(
                            Locale.ROOT,
                            "%d of %d numeric values beyond %.1f robust z (rate %.4f, reference %.4f, p %.3g)",
                            r.outliers().outliers(),
                            r.outliers().checked(),
                            options.outlierZ(),
                            r.outliers().rate(),
                            r.outliers().referenceRate(),
                            r.outliers().pValue())));
        }
        DriftReport.PerformanceResult p = r.performance();
        if (p.labelled() > 0) {
            out.add(condition(
                    r,
                    AlertKind.PERFORMANCE_DEGRADATION,
                    null,
                    p.degraded(),
                    p.changeDetected() ? "adwin-ddm" : "error-rate-binomial",
                    p.errorRate(),
                    p.baselineErrorRate() * options.performanceMinRatio(),
                    String.format(
                            Locale.ROOT,
                            "%d errors in %d labels (rate %.3f, baseline %.3f, p %.3g)%s",
                            p.errors(),
                            p.labelled(),
                            p.errorRate(),
                            p.baselineErrorRate(),
                            p.pValue(),
                            p.changeDetected() ? "; ADWIN/DDM signalled an increase" : "")));
        }
        return out;
    }

    private AlertCondition outputCondition(DriftReport r, DriftReport.FeatureResult f, boolean pageHinkley) {
        // Page-Hinkley alone does not fire: over a long clean stream it eventually crosses its threshold (the demo's
        // clean model raised a NaN-scored PREDICTION_DRIFT that way). It adds its evidence to a significant,
        // large-enough change of the score distribution, the same bar every other drift alert meets.
        boolean active = f.verdict() == FeatureVerdict.DRIFTED;
        String evidence = f.reason() + (pageHinkley ? "; Page-Hinkley signalled a change of the mean score" : "");
        return condition(
                r,
                AlertKind.PREDICTION_DRIFT,
                f.feature(),
                active,
                f.method(),
                f.effectSize(),
                floor(f.kind()),
                evidence);
    }

    private static AlertCondition condition(
            DriftReport r,
            AlertKind kind,
            String feature,
            boolean active,
            String detector,
            double score,
            double threshold,
            String evidence) {
        return new AlertCondition(
                kind,
                "model",
                r.model(),
                feature,
                active,
                detector,
                score,
                threshold,
                r.window(),
                r.windowStartMs(),
                r.windowEndMs(),
                evidence);
    }

    private double floor(FeatureKind kind) {
        return kind == FeatureKind.NUMERIC
                ? options.policy().numericEffectFloor()
                : options.policy().categoricalEffectFloor();
    }

    private DriftReport.OutlierResult outliers(WindowAccumulator w, Reference reference) {
        if (w.numericValues == 0) {
            return new DriftReport.OutlierResult(0, 0, Double.NaN, reference.outlierRate(), Double.NaN, false);
        }
        int checked = (int) Math.min(Integer.MAX_VALUE, w.numericValues);
        int outliers = (int) Math.min(checked, w.outliers);
        BinomialExcessResult test = BinomialExcess.test(outliers, checked, reference.outlierRate());
        return new DriftReport.OutlierResult(
                w.numericValues,
                w.outliers,
                test.rate(),
                reference.outlierRate(),
                test.pValue(),
                test.reject(options.policy().alpha(), options.outlierMinRatio()));
    }

    private DriftReport.PerformanceResult performance(WindowAccumulator w, double baseline) {
        if (w.labelled == 0) {
            return new DriftReport.PerformanceResult(0, 0, Double.NaN, baseline, Double.NaN, false, false);
        }
        double rate = (double) w.errors / w.labelled;
        double pValue = Double.NaN;
        boolean significant = false;
        if (!Double.isNaN(baseline)) {
            double p0 = Math.min(0.999, Math.max(ReferenceOutlierRate.MIN_RATE, baseline));
            int n = (int) Math.min(Integer.MAX_VALUE, w.labelled);
            BinomialExcessResult test = BinomialExcess.test((int) Math.min(n, w.errors), n, p0);
            pValue = test.pValue();
            significant = test.reject(options.policy().alpha(), options.performanceMinRatio());
        }
        // ADWIN and DDM raise early false alarms while their statistics warm up; a change signal counts only once
        // the baseline exists and the window is worse than it by the configured ratio.
        boolean confirmedChange =
                w.performanceChange && !Double.isNaN(baseline) && rate >= baseline * options.performanceMinRatio();
        return new DriftReport.PerformanceResult(
                w.labelled, w.errors, rate, baseline, pValue, w.performanceChange, significant || confirmedChange);
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
        return new DriftReport.FeatureResult(
                v.feature(),
                v.kind(),
                v.method(),
                v.statistic(),
                v.pValue(),
                v.adjustedPValue(),
                v.effectSize(),
                v.effectSizeName(),
                !v.tested() ? FeatureVerdict.UNTESTED : v.drifted() ? FeatureVerdict.DRIFTED : FeatureVerdict.STABLE,
                nullRate,
                unseenRate,
                v.reason());
    }
}
