package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import dev.lazaret.detectors.poisoning.PoisoningChecks;
import dev.lazaret.detectors.poisoning.PoisoningSignal;
import dev.lazaret.detectors.rate.BinomialExcess;
import dev.lazaret.detectors.rate.BinomialExcessResult;
import java.util.Locale;

/** Poisoning against the reference: the detectors' poisoning signals and the outlier surge (binomial excess). */
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
        BinomialExcessResult test = BinomialExcess.test(k, Math.max(1, n), p0);
        double minEffect = policy.threshold(CheckName.OUTLIER_SURGE);
        double effect = k / Math.max(1.0, n) / p0;
        checks.add(
                CheckName.OUTLIER_SURGE,
                effect,
                minEffect,
                n > 0 && test.reject(OUTLIER_ALPHA, minEffect),
                String.format(
                        Locale.ROOT,
                        "%d of %d records beyond %.0f robust sd of the reference median (rate %.4f vs expected %.4f, "
                                + "binomial p=%.2g)",
                        k,
                        n,
                        ReferenceView.OUTLIER_Z,
                        k / Math.max(1.0, n),
                        p0,
                        test.pValue()));
    }
}
