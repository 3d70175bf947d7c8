package dev.lazaret.core.quarantine.metrics;

import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.CheckName;
import dev.lazaret.core.quarantine.checks.CheckResult;
import dev.lazaret.core.quarantine.checks.CheckStatus;
import dev.lazaret.core.quarantine.checks.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Quarantine's meters. Label values are bounded: {@code verdict}, {@code outcome} and {@code check} are fixed sets;
 * {@code dataset} is one of the policy file's datasets or one of at most {@code quarantine.metrics.max.datasets}
 * others, then {@value #OTHER}; {@code batch_id} only on the suspicious-batch gauge, for the 20 most recent
 * non-approved batches. Thread-safe: stream threads share one instance.
 *
 * <p>A {@link MeterBinder}: the quarantine topology creates one per registry when it is built, binds it, and hands it
 * to its processors. {@link #bindTo} registers every dataset's meters at zero; the recording methods need it done.
 */
public final class QuarantineMetrics implements MeterBinder {
    public static final String BATCHES = "lazaret.quarantine.batches";
    public static final String REJECTIONS = "lazaret.quarantine.rejections";
    public static final String INTEGRITY_FAILURES = "lazaret.quarantine.integrity.failures";
    public static final String PENDING_BATCHES = "lazaret.quarantine.pending.batches";
    public static final String PENDING_RECORDS = "lazaret.quarantine.pending.records";
    public static final String RECORDS_RELEASED = "lazaret.quarantine.records.released";
    public static final String CHECK_SCORE = "lazaret.quarantine.check.score";
    public static final String CHECK_THRESHOLD = "lazaret.quarantine.check.threshold";
    public static final String VERDICT_LATENCY = "lazaret.quarantine.verdict.latency";
    public static final String SUSPICIOUS_BATCH_SCORE = "lazaret.quarantine.suspicious.batch.score";
    /** Dataset label of datasets beyond the cap. */
    public static final String OTHER = "_other";
    /** Non-approved batches kept on the suspicious-batch gauge. */
    public static final int SUSPICIOUS_BATCHES = 20;

    private volatile MeterRegistry registry;
    private final int maxExtraDatasets;
    private final Set<String> named;
    private final Set<String> extra = ConcurrentHashMap.newKeySet();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gaugeValues = new ConcurrentHashMap<>();
    private final Map<String, Map<String, long[]>> pendingByTask = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, Gauge> suspicious = new LinkedHashMap<>();

    /**
     * @param namedDatasets the policy file's datasets, always labelled by name
     * @param maxExtraDatasets other datasets labelled by name before the rest count as {@value #OTHER}
     */
    public QuarantineMetrics(Set<String> namedDatasets, int maxExtraDatasets) {
        this.named = Set.copyOf(namedDatasets);
        this.maxExtraDatasets = maxExtraDatasets;
    }

    /**
     * Registers the named datasets' meters at zero.
     *
     * @throws IllegalStateException when bound to another registry before: the meters of one instance live in one
     *     registry
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (this.registry != null && this.registry != registry) {
            throw new IllegalStateException("quarantine metrics are bound to another registry already");
        }
        this.registry = registry;
        named.forEach(this::registerDataset);
        extra.forEach(this::registerDataset);
    }

    private MeterRegistry registry() {
        MeterRegistry bound = registry;
        if (bound == null) {
            throw new IllegalStateException("quarantine metrics used before bindTo");
        }
        return bound;
    }

    /** The label a dataset is counted under. */
    public String datasetLabel(String dataset) {
        if (dataset == null) {
            return OTHER;
        }
        if (named.contains(dataset) || extra.contains(dataset)) {
            return dataset;
        }
        synchronized (extra) {
            if (extra.size() < maxExtraDatasets && extra.add(dataset)) {
                registerDataset(dataset);
                return dataset;
            }
        }
        return extra.contains(dataset) ? dataset : OTHER;
    }

    /** Registers every meter of a dataset at zero, so dashboards show 0 rather than "no data". */
    private void registerDataset(String dataset) {
        for (String verdict : new String[] {"approved", "rejected", "held"}) {
            counter(
                    BATCHES,
                    "Batches decided, by dataset and verdict",
                    Tags.of("dataset", dataset, "verdict", verdict));
        }
        for (String outcome : new String[] {"approved", "rejected"}) {
            counter(
                    RECORDS_RELEASED,
                    "Records released from quarantine, by dataset and outcome",
                    Tags.of("dataset", dataset, "outcome", outcome));
        }
        for (CheckName check : CheckName.values()) {
            counter(
                    REJECTIONS,
                    "Batches rejected, by dataset and failing check",
                    Tags.of("dataset", dataset, "check", check.label()));
            gauge(CHECK_SCORE, "Score of the last batch's check", Tags.of("dataset", dataset, "check", check.label()));
            gauge(
                    CHECK_THRESHOLD,
                    "Threshold of the last batch's check",
                    Tags.of("dataset", dataset, "check", check.label()));
            if (check.category() == CheckName.Category.INTEGRITY) {
                counter(
                        INTEGRITY_FAILURES,
                        "Batches failing an integrity or provenance check, by dataset and reason (the check)",
                        Tags.of("dataset", dataset, "reason", check.label()));
            }
        }
        gauge(
                PENDING_BATCHES,
                "Batches in quarantine (collecting, evaluating, held or releasing)",
                Tags.of("dataset", dataset));
        gauge(PENDING_RECORDS, "Records in quarantine", Tags.of("dataset", dataset));
        timer(dataset);
    }

    /** Counts a verdict and sets the check gauges. */
    public void verdict(BatchVerdict verdict) {
        String dataset = datasetLabel(verdict.dataset());
        counter(
                        BATCHES,
                        "Batches decided, by dataset and verdict",
                        Tags.of(
                                "dataset",
                                dataset,
                                "verdict",
                                verdict.verdict().name().toLowerCase(Locale.ROOT)))
                .increment();
        double worst = 0;
        for (CheckResult check : verdict.checks()) {
            Tags tags = Tags.of("dataset", dataset, "check", check.check().label());
            setGauge(CHECK_SCORE, tags, check.score());
            setGauge(CHECK_THRESHOLD, tags, check.threshold());
            if (check.status() == CheckStatus.FAIL) {
                if (verdict.verdict() == Verdict.REJECTED) {
                    counter(REJECTIONS, "Batches rejected, by dataset and failing check", tags)
                            .increment();
                }
                if (check.category() == CheckName.Category.INTEGRITY) {
                    counter(
                                    INTEGRITY_FAILURES,
                                    "Batches failing an integrity or provenance check, by dataset and reason (the check)",
                                    Tags.of(
                                            "dataset",
                                            dataset,
                                            "reason",
                                            check.check().label()))
                            .increment();
                }
            }
            if (check.status() != CheckStatus.PASS && Double.isFinite(check.score())) {
                worst = Math.max(worst, check.threshold() > 0 ? check.score() / check.threshold() : check.score());
            }
        }
        if (verdict.manifestMs() > 0 && verdict.previousVerdict() == null) {
            timer(dataset).record(Duration.ofMillis(Math.max(0, verdict.verdictMs() - verdict.manifestMs())));
        }
        if (verdict.verdict() != Verdict.APPROVED) {
            suspicious(dataset, verdict.batchId(), worst);
        }
    }

    public void released(String dataset, boolean approved, long records) {
        counter(
                        RECORDS_RELEASED,
                        "Records released from quarantine, by dataset and outcome",
                        Tags.of("dataset", datasetLabel(dataset), "outcome", approved ? "approved" : "rejected"))
                .increment(records);
    }

    /**
     * Replaces one task's pending counts (dataset to {batches, records}); the gauges sum over the tasks of this
     * instance.
     */
    public void pending(String taskId, Map<String, long[]> byDataset) {
        Map<String, long[]> labelled = new ConcurrentHashMap<>();
        byDataset.forEach((dataset, counts) -> labelled.merge(datasetLabel(dataset), counts.clone(), (a, b) -> {
            a[0] += b[0];
            a[1] += b[1];
            return a;
        }));
        pendingByTask.put(taskId, labelled);
        Map<String, long[]> totals = new ConcurrentHashMap<>();
        for (Map<String, long[]> task : pendingByTask.values()) {
            task.forEach((dataset, counts) -> totals.merge(dataset, counts.clone(), (a, b) -> {
                a[0] += b[0];
                a[1] += b[1];
                return a;
            }));
        }
        Collection<String> datasets = new java.util.HashSet<>(named);
        datasets.addAll(extra);
        datasets.add(OTHER);
        for (String dataset : datasets) {
            long[] counts = totals.getOrDefault(dataset, new long[2]);
            setGauge(PENDING_BATCHES, Tags.of("dataset", dataset), counts[0]);
            setGauge(PENDING_RECORDS, Tags.of("dataset", dataset), counts[1]);
        }
    }

    private synchronized void suspicious(String dataset, String batchId, double score) {
        String key = dataset + '|' + batchId;
        Gauge old = suspicious.remove(key);
        if (old != null) {
            registry().remove(old);
        }
        AtomicLong bits = new AtomicLong(Double.doubleToLongBits(score));
        suspicious.put(
                key,
                Gauge.builder(SUSPICIOUS_BATCH_SCORE, bits, b -> Double.longBitsToDouble(b.get()))
                        .description("Largest score/threshold ratio of a recent non-approved batch (last "
                                + SUSPICIOUS_BATCHES + " kept)")
                        .tags("dataset", dataset, "batch_id", batchId)
                        .register(registry()));
        gaugeValues.put("suspicious|" + key, bits);
        while (suspicious.size() > SUSPICIOUS_BATCHES) {
            String eldest = suspicious.keySet().iterator().next();
            registry().remove(suspicious.remove(eldest));
            gaugeValues.remove("suspicious|" + eldest);
        }
    }

    private Counter counter(String name, String description, Tags tags) {
        return counters.computeIfAbsent(
                name + tags,
                id -> Counter.builder(name).description(description).tags(tags).register(registry()));
    }

    private void gauge(String name, String description, Tags tags) {
        gaugeValues.computeIfAbsent(name + tags, id -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));
            Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get()))
                    .description(description)
                    .tags(tags)
                    .register(registry());
            return bits;
        });
    }

    private void setGauge(String name, Tags tags, double value) {
        gauge(name, name, tags);
        gaugeValues.get(name + tags).set(Double.doubleToLongBits(Double.isFinite(value) ? value : Double.NaN));
    }

    private Timer timer(String dataset) {
        return timers.computeIfAbsent(
                dataset,
                d -> Timer.builder(VERDICT_LATENCY)
                        .description("Time from a batch's manifest to its verdict")
                        .tag("dataset", d)
                        .publishPercentileHistogram()
                        .register(registry()));
    }
}
