package dev.lazaret.app.demo.quarantine;

import dev.lazaret.core.contract.TrainingRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's synthetic data and its attacks. Clean rows: amount ~ N(100, 20), x1..x3 ~ N(0, 1), country in {FR, DE,
 * ES}; the label is {@code fraud} when x1 plus noise exceeds 1 (about 20% of rows), so each attack below has a known
 * signature.
 */
final class DemoBatches {
    static final String DATASET = "demo-fraud";

    private DemoBatches() {}

    static List<TrainingRecord> clean(String batchId, int n, long seed) {
        Random random = new Random(seed);
        List<TrainingRecord> rows = new ArrayList<>(n);
        String[] countries = {"FR", "DE", "ES"};
        for (int i = 0; i < n; i++) {
            Map<String, Object> features = new LinkedHashMap<>();
            double x1 = random.nextGaussian();
            features.put("amount", 100 + 20 * random.nextGaussian());
            features.put("x1", x1);
            features.put("x2", random.nextGaussian());
            features.put("x3", random.nextGaussian());
            features.put("country", countries[random.nextInt(countries.length)]);
            String label = x1 + 0.3 * random.nextGaussian() > 1 ? "fraud" : "legit";
            rows.add(new TrainingRecord(batchId, DATASET, i, features, label));
        }
        return rows;
    }

    /** Fraud relabelled legit wherever x1 > 1: the label mix inside x1's top bins moves (a label-flip attack). */
    static List<TrainingRecord> labelFlipped(String batchId, int n, long seed) {
        List<TrainingRecord> rows = new ArrayList<>(clean(batchId, n, seed));
        rows.replaceAll(r -> ((Double) r.features().get("x1")) > 1 ? withLabel(r, "legit") : r);
        return rows;
    }

    /** 3% of rows carry x3 = 3.3, a value the reference almost never sees, all labelled legit: a backdoor trigger. */
    static List<TrainingRecord> backdoored(String batchId, int n, long seed) {
        List<TrainingRecord> rows = new ArrayList<>(clean(batchId, n, seed));
        for (int i = 0; i < rows.size(); i += 33) {
            Map<String, Object> features = new LinkedHashMap<>(rows.get(i).features());
            features.put("x3", 3.3);
            rows.set(i, new TrainingRecord(batchId, DATASET, i, features, "legit"));
        }
        return rows;
    }

    /** 15% of rows are copies of one row: a duplicate flood that would weigh that row fifteen-fold in training. */
    static List<TrainingRecord> duplicateFlood(String batchId, int n, long seed) {
        List<TrainingRecord> rows = new ArrayList<>(clean(batchId, n, seed));
        TrainingRecord first = rows.get(0);
        for (int i = 1; i < rows.size(); i += 7) {
            rows.set(i, new TrainingRecord(batchId, DATASET, i, first.features(), first.label()));
        }
        return rows;
    }

    /** One record's amount changed after the manifest was signed (a split view: the signer saw other data). */
    static TrainingRecord tampered(TrainingRecord r) {
        Map<String, Object> features = new LinkedHashMap<>(r.features());
        features.put("amount", ((Double) features.get("amount")) + 5_000);
        return new TrainingRecord(r.batchId(), r.dataset(), r.seq(), features, r.label());
    }

    private static TrainingRecord withLabel(TrainingRecord r, String label) {
        return new TrainingRecord(r.batchId(), r.dataset(), r.seq(), r.features(), label);
    }
}
