package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.poisoning.PoisoningChecks;
import dev.lazaret.detectors.poisoning.PoisoningSignal;
import dev.lazaret.detectors.rate.FisherExcess;
import java.util.Locale;

/** Poisoning against the reference: the detectors' poisoning signals and the outlier surge (Fisher exact excess). */
final class PoisoningBatchChecks {
    private static final double OUTLIER_ALPHA = 1e-3;

    private PoisoningBatchChecks() {}

    static void run(CheckList checks, BatchEvaluation e, ReferenceBundle reference, DatasetPolicy policy) {
        for (PoisoningSignal s : PoisoningChecks.evaluate(reference.poisoning(), e.poisoning())) {
            CheckName name = CheckName.ofPoisoningSignal(s.check());
            checks.add(name, s.score(), s.threshold(), s.flagged(), s.evidence());
        }
        double p0 = new ReferenceView(reference).outlierBaseRate();
        long n = e.rows();
        long k = Math.min(n, e.outlierRows());
        // p0 was measured on the reference's rows: a binomial test that took it as known held clean 200-row diabetes
        // batches (5 of 200 rows against 1 of 384 reference rows, binomial p 2e-4, Fisher 0.02), so compare the counts
        long referenceRows = Math.max(1, reference.poisoning().rows());
        long referenceOutliers = Math.min(referenceRows, Math.round(p0 * referenceRows));
        double p = FisherExcess.greater(k, Math.max(1, n), referenceOutliers, referenceRows);
        double minEffect = policy.threshold(CheckName.OUTLIER_SURGE);
        double effect = k / Math.max(1.0, n) / p0;
        checks.add(
                CheckName.OUTLIER_SURGE,
                effect,
                minEffect,
                n > 0 && p < OUTLIER_ALPHA && effect >= minEffect,
                String.format(
                        Locale.ROOT,
                        "%d of %d records beyond %.0f robust sd of the reference median (rate %.4f vs %.4f in the"
                                + " reference's %d rows, one-sided Fisher exact p=%.2g)",
                        k,
                        n,
                        ReferenceView.OUTLIER_Z,
                        k / Math.max(1.0, n),
                        p0,
                        referenceRows,
                        p));
    }
}
