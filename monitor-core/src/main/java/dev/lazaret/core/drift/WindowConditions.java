package dev.lazaret.core.drift;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertKind;
import dev.lazaret.detectors.embedding.EmbeddingVerdict;
import dev.lazaret.detectors.multivariate.MultivariateVerdict;
import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import dev.lazaret.detectors.profile.FeatureKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The alert conditions of a judged window, one per alertable observation: each tested feature, the data set, the
 * prediction and score, outliers, and performance when labels arrived. Inactive observations are emitted too, so
 * the alert stage can resolve.
 */
final class WindowConditions {
    private final DriftOptions options;

    WindowConditions(DriftOptions options) {
        this.options = options;
    }

    /** The conditions of a judged report, whose input verdict is {@code inputs}. */
    List<AlertCondition> of(DriftReport r, DatasetDriftVerdict inputs) {
        List<AlertCondition> out = new ArrayList<>();
        features(r, inputs, out);
        out.add(dataset(r));
        outputs(r, out);
        if (r.outliers().checked() > 0) {
            out.add(outliers(r));
        }
        if (r.performance().labelled() > 0) {
            out.add(performance(r));
        }
        if (r.multivariate() != null
                && r.multivariate().verdict() != null
                && r.multivariate().verdict().tested()) {
            out.add(multivariate(r));
        }
        if (r.embeddings() != null) {
            for (EmbeddingVerdict v : r.embeddings()) {
                if (v.tested()) {
                    out.add(embedding(r, v));
                }
            }
        }
        return out;
    }

    /**
     * A vector feature's embedding drift, as a MULTIVARIATE_DRIFT condition of that feature (the joint condition has
     * no feature, so the two fire and resolve apart). The score is the largest KS D over the projections against the
     * numeric effect floor; the evidence gives the projections drifted and the mean shift.
     */
    private AlertCondition embedding(DriftReport r, EmbeddingVerdict v) {
        double largest = v.projections().stream()
                .filter(FeatureDriftVerdict::tested)
                .mapToDouble(FeatureDriftVerdict::effectSize)
                .max()
                .orElse(Double.NaN);
        return condition(
                r,
                AlertKind.MULTIVARIATE_DRIFT,
                v.feature(),
                v.drift(),
                "random-projections",
                largest,
                options.policy().numericEffectFloor(),
                v.reason());
    }

    private void features(DriftReport r, DatasetDriftVerdict inputs, List<AlertCondition> out) {
        for (FeatureDriftVerdict v : inputs.features()) {
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
    }

    private AlertCondition dataset(DriftReport r) {
        double share = options.policy().datasetDriftShare();
        return condition(
                r,
                AlertKind.DATASET_DRIFT,
                null,
                r.datasetDrift(),
                "drifted-share",
                r.driftedShare(),
                share,
                String.format(
                        Locale.ROOT,
                        "%.0f%% of tested features drifted (threshold %.0f%%)",
                        100 * r.driftedShare(),
                        100 * share));
    }

    private void outputs(DriftReport r, List<AlertCondition> out) {
        if (r.prediction().verdict().tested()) {
            out.add(output(r, r.prediction(), false));
        }
        if (r.score().verdict().tested()) {
            out.add(output(r, r.score(), r.scoreChangeDetected()));
        }
    }

    private AlertCondition output(DriftReport r, DriftReport.FeatureResult f, boolean pageHinkley) {
        // Page-Hinkley alone does not fire: over a long clean stream it eventually crosses its threshold (the demo's
        // clean model raised a NaN-scored PREDICTION_DRIFT that way). It adds its evidence to a significant,
        // large-enough change of the score distribution, the same bar every other drift alert meets.
        String evidence = f.reason() + (pageHinkley ? "; Page-Hinkley signalled a change of the mean score" : "");
        return condition(
                r,
                AlertKind.PREDICTION_DRIFT,
                f.feature(),
                f.verdict() == FeatureVerdict.DRIFTED,
                f.method(),
                f.effectSize(),
                floor(f.kind()),
                evidence);
    }

    private AlertCondition outliers(DriftReport r) {
        DriftReport.OutlierResult o = r.outliers();
        return condition(
                r,
                AlertKind.OUTLIER_SURGE,
                null,
                o.surge(),
                "robust-z-binomial",
                o.rate(),
                o.referenceRate() * options.outlierMinRatio(),
                String.format(
                        Locale.ROOT,
                        "%d of %d numeric values beyond %.1f robust z (rate %.4f, reference %.4f, p %.3g)",
                        o.outliers(),
                        o.checked(),
                        options.outlierZ(),
                        o.rate(),
                        o.referenceRate(),
                        o.pValue()));
    }

    private AlertCondition multivariate(DriftReport r) {
        MultivariateVerdict v = r.multivariate().verdict();
        // The score is the reconstruction test's KS D against its floor; the evidence names both tests.
        return condition(
                r,
                AlertKind.MULTIVARIATE_DRIFT,
                null,
                v.drift(),
                v.outlierSurge() && !v.reconstructionDrift() ? "mahalanobis-ledoit-wolf" : "pca-reconstruction",
                v.reconstructionStatistic(),
                options.policy().numericEffectFloor(),
                v.reason() + " (features " + String.join(", ", r.multivariate().features()) + ")");
    }

    private AlertCondition performance(DriftReport r) {
        DriftReport.PerformanceResult p = r.performance();
        return condition(
                r,
                AlertKind.PERFORMANCE_DEGRADATION,
                null,
                p.degraded(),
                p.changeDetected() ? options.performanceDetector().configName() : "error-rate-binomial",
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
                        p.changeDetected()
                                ? "; " + options.performanceDetector().displayName() + " signalled an increase"
                                : ""));
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
                evidence,
                null);
    }

    private double floor(FeatureKind kind) {
        return kind == FeatureKind.NUMERIC
                ? options.policy().numericEffectFloor()
                : options.policy().categoricalEffectFloor();
    }
}
