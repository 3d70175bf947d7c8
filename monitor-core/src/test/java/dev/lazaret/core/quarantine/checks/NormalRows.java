package dev.lazaret.core.quarantine.checks;

import dev.lazaret.core.quarantine.policy.DatasetPolicy;
import dev.lazaret.core.quarantine.reference.ReferenceBuilder;
import dev.lazaret.core.quarantine.reference.ReferenceBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Rows of two standard normal features and a coin-flip label, references of them, and one check's result. */
final class NormalRows {
    private NormalRows() {}

    static List<ReferenceBuilder.Row> rows(int rows, Random random) {
        List<ReferenceBuilder.Row> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add(new ReferenceBuilder.Row(
                    Map.of("x", random.nextGaussian(), "y", random.nextGaussian()), random.nextBoolean() ? "a" : "b"));
        }
        return out;
    }

    /** Clean rows, the first {@code count} of them with {@code x} set to {@code value}. */
    static List<ReferenceBuilder.Row> withXAt(int rows, int count, double value, Random random) {
        List<ReferenceBuilder.Row> batch = rows(rows, random);
        for (int i = 0; i < count; i++) {
            batch.set(i, new ReferenceBuilder.Row(Map.of("x", value, "y", random.nextGaussian()), "a"));
        }
        return batch;
    }

    static ReferenceBundle reference(int rows, Random random) {
        List<ReferenceBuilder.Row> reference = rows(rows, random);
        return ReferenceBuilder.build("normal-rows", "normal-rows", consumer -> reference.forEach(consumer::accept));
    }

    /** The batch judged against the reference as the evaluation pass feeds it, and {@code check}'s result. */
    static CheckResult check(CheckName check, ReferenceBundle reference, List<ReferenceBuilder.Row> batch) {
        BatchEvaluation evaluation = BatchEvaluation.start(reference, null);
        ReferenceView view = new ReferenceView(reference);
        for (int seq = 0; seq < batch.size(); seq++) {
            // no check against the reference reads the content hash: no canonical bytes needed
            evaluation.accept(
                    "record-" + seq,
                    new byte[0],
                    seq,
                    "normal-rows",
                    "normal-rows",
                    batch.size(),
                    batch.get(seq),
                    view);
        }
        evaluation.finish(batch.size());
        return BatchJudge.againstReference(evaluation, reference, DatasetPolicy.defaults()).stream()
                .filter(r -> r.check() == check)
                .findFirst()
                .orElseThrow();
    }
}
