package dev.lazaret.detectors.policy;

import dev.lazaret.detectors.compare.CategoricalComparisons;
import dev.lazaret.detectors.compare.Comparison;
import dev.lazaret.detectors.compare.KolmogorovSmirnovStatistic;
import dev.lazaret.detectors.compare.WassersteinStatistic;
import dev.lazaret.detectors.profile.CategoricalProfile;
import dev.lazaret.detectors.profile.DatasetProfile;
import dev.lazaret.detectors.profile.FeatureKind;
import dev.lazaret.detectors.profile.FeatureProfile;
import dev.lazaret.detectors.profile.NumericProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Decides drift of a window against a reference under a {@link DriftPolicy}.
 *
 * <p>Numeric features are tested with KS on the KLL sketches ({@link KolmogorovSmirnovStatistic#ofProfiles}),
 * categorical features with the chi-square homogeneity test whose effect size is the Jensen–Shannon distance ({@link
 * CategoricalComparisons#chiSquare}). p-values are corrected across the tested features of the window, then each
 * feature drifts only when the adjusted p-value is below alpha and the effect clears the floor.
 */
public final class DriftJudge {

    private DriftJudge() {}

    /**
     * Judges a window.
     *
     * @param reference trusted reference profile
     * @param current window profile
     * @param policy decision parameters
     * @return one verdict per feature on either side, the drifted share and the data set decision
     */
    public static DatasetDriftVerdict judge(DatasetProfile reference, DatasetProfile current, DriftPolicy policy) {
        TreeSet<String> names = new TreeSet<>(reference.features().keySet());
        names.addAll(current.features().keySet());
        List<FeatureEvidence> evidence = new ArrayList<>();
        for (String name : names) {
            evidence.add(evidenceFor(
                    name, reference.features().get(name), current.features().get(name), policy.minCount()));
        }
        DatasetDriftVerdict features = judgeEvidence(evidence, policy);
        FeatureDriftVerdict label = null;
        if (reference.label().total() > 0 || current.label().total() > 0) {
            FeatureEvidence le = evidenceFor("label", reference.label(), current.label(), policy.minCount());
            label = judgeEvidence(List.of(le), policy).features().get(0);
        }
        return new DatasetDriftVerdict(features.features(), features.driftedShare(), features.datasetDrift(), label);
    }

    /**
     * Judges evidence gathered elsewhere, for example raw-sample tests; the same rule as {@link #judge}.
     *
     * @param evidence one entry per feature
     * @param policy decision parameters
     * @return verdicts in the order given
     */
    public static DatasetDriftVerdict judgeEvidence(List<FeatureEvidence> evidence, DriftPolicy policy) {
        double[] raw = evidence.stream()
                .mapToDouble(e -> e.test() == null ? Double.NaN : e.test().pValue())
                .toArray();
        double[] adjusted = policy.correction().adjust(raw);
        List<FeatureDriftVerdict> verdicts = new ArrayList<>();
        int tested = 0;
        int drifted = 0;
        for (int i = 0; i < evidence.size(); i++) {
            FeatureEvidence e = evidence.get(i);
            if (e.test() == null || Double.isNaN(adjusted[i])) {
                String note = e.test() == null ? e.note() : "test has no p-value";
                verdicts.add(new FeatureDriftVerdict(
                        e.feature(),
                        e.kind(),
                        e.test() == null ? "none" : e.test().method(),
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        "",
                        false,
                        false,
                        note));
                continue;
            }
            tested++;
            Comparison c = e.test();
            boolean significant = adjusted[i] < policy.alpha();
            boolean large = largeEnough(e, policy);
            boolean isDrift = significant && large;
            if (isDrift) {
                drifted++;
            }
            verdicts.add(new FeatureDriftVerdict(
                    e.feature(),
                    e.kind(),
                    c.method(),
                    c.statistic(),
                    c.pValue(),
                    adjusted[i],
                    c.effectSize(),
                    c.effectSizeName(),
                    true,
                    isDrift,
                    reason(e, adjusted[i], significant, large, policy)));
        }
        double share = tested == 0 ? 0 : (double) drifted / tested;
        return new DatasetDriftVerdict(verdicts, share, tested > 0 && share >= policy.datasetDriftShare(), null);
    }

    private static boolean largeEnough(FeatureEvidence e, DriftPolicy policy) {
        if (e.kind() == FeatureKind.NUMERIC) {
            return e.test().effectSize() >= policy.numericEffectFloor()
                    || e.wassersteinNormalised() >= policy.numericWassersteinFloor();
        }
        return e.test().effectSize() >= policy.categoricalEffectFloor();
    }

    private static String reason(
            FeatureEvidence e, double adjusted, boolean significant, boolean large, DriftPolicy policy) {
        Comparison c = e.test();
        String effect = String.format(Locale.ROOT, "%s %.4f", c.effectSizeName(), c.effectSize());
        if (e.kind() == FeatureKind.NUMERIC && !Double.isNaN(e.wassersteinNormalised())) {
            effect += String.format(Locale.ROOT, ", w1/iqr %.4f", e.wassersteinNormalised());
        }
        double floor = e.kind() == FeatureKind.NUMERIC ? policy.numericEffectFloor() : policy.categoricalEffectFloor();
        String p = String.format(
                Locale.ROOT,
                "%s adjusted p %.3g %s alpha %.3g",
                c.method(),
                adjusted,
                significant ? "<" : ">=",
                policy.alpha());
        if (significant && large) {
            return String.format(Locale.ROOT, "drifted: %s and %s reaches floor %.3g", p, effect, floor);
        }
        if (significant) {
            return String.format(
                    Locale.ROOT,
                    "not drifted: %s but %s is below floor %.3g (detectable, too small to matter)",
                    p,
                    effect,
                    floor);
        }
        return String.format(Locale.ROOT, "not drifted: %s (%s)", p, effect);
    }

    private static FeatureEvidence evidenceFor(String name, FeatureProfile ref, FeatureProfile cur, long minCount) {
        if (ref == null || cur == null) {
            FeatureKind kind = ref == null ? cur.kind() : ref.kind();
            return FeatureEvidence.untested(
                    name,
                    kind,
                    ref == null
                            ? "feature missing in the reference (new feature in the window)"
                            : "feature missing in the window (no values seen)");
        }
        if (ref.kind() != cur.kind()) {
            return FeatureEvidence.untested(
                    name,
                    ref.kind(),
                    String.format("kind changed from %s in the reference to %s in the window", ref.kind(), cur.kind()));
        }
        if (ref instanceof NumericProfile r && cur instanceof NumericProfile c) {
            if (r.count() < minCount || c.count() < minCount) {
                return insufficient(name, ref.kind(), r.count(), c.count(), minCount);
            }
            Comparison ks = KolmogorovSmirnovStatistic.ofProfiles(r, c);
            double w = WassersteinStatistic.ofProfiles(r, c).effectSize();
            return FeatureEvidence.tested(name, FeatureKind.NUMERIC, ks, w);
        }
        CategoricalProfile r = (CategoricalProfile) ref;
        CategoricalProfile c = (CategoricalProfile) cur;
        if (r.total() < minCount || c.total() < minCount) {
            return insufficient(name, ref.kind(), r.total(), c.total(), minCount);
        }
        Comparison chi = CategoricalComparisons.chiSquare(r.counts(), c.counts());
        return FeatureEvidence.tested(name, FeatureKind.CATEGORICAL, chi, Double.NaN);
    }

    private static FeatureEvidence insufficient(String name, FeatureKind kind, long nr, long nc, long min) {
        return FeatureEvidence.untested(
                name,
                kind,
                String.format(
                        "insufficient data: %d reference and %d window values, need %d on each side", nr, nc, min));
    }
}
