package dev.lazaret.app.compare;

import dev.lazaret.detectors.policy.DatasetDriftVerdict;
import dev.lazaret.detectors.policy.FeatureDriftVerdict;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a drift verdict as an aligned text table, one feature per row, then the dataset verdict. */
final class DriftReportPrinter {
    private static final String[] HEADER = {
        "feature", "kind", "method", "statistic", "p-value", "adj. p", "effect", "effect size", "verdict"
    };

    private DriftReportPrinter() {}

    static void table(DatasetDriftVerdict verdict, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (FeatureDriftVerdict feature : verdict.features()) {
            rows.add(row(feature));
        }
        if (verdict.label() != null) {
            rows.add(row(verdict.label()));
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        for (FeatureDriftVerdict feature : verdict.features()) {
            if (feature.drifted() || !feature.tested()) {
                out.println(feature.feature() + ": " + feature.reason());
            }
        }
        long tested =
                verdict.features().stream().filter(FeatureDriftVerdict::tested).count();
        long drifted =
                verdict.features().stream().filter(FeatureDriftVerdict::drifted).count();
        out.printf(
                Locale.ROOT,
                "dataset: %s (%d of %d tested features drifted, share %.3f)%n",
                verdict.datasetDrift() ? "DRIFT" : "no drift",
                drifted,
                tested,
                verdict.driftedShare());
    }

    private static String[] row(FeatureDriftVerdict f) {
        return new String[] {
            f.feature(),
            f.kind() == null ? "label" : f.kind().name().toLowerCase(Locale.ROOT),
            f.method(),
            number(f.statistic()),
            number(f.pValue()),
            number(f.adjustedPValue()),
            number(f.effectSize()),
            f.effectSizeName() == null ? "" : f.effectSizeName(),
            !f.tested() ? "not tested" : f.drifted() ? "DRIFT" : "ok"
        };
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (value != 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
