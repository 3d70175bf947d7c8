package dev.lazaret.core.metrics;

import dev.lazaret.core.parse.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of the parse step: records read per input topic and result, and dead letters per topic and reason.
 *
 * <p>Both label sets are bounded: {@code topic} is one of the contract's input topics (without the prefix) and
 * {@code reason} one of {@link RejectReason}. Thread-safe: stream threads share one instance.
 *
 * <p>A {@link MeterBinder}: {@link #bindTo} sets the registry its counters live in; there is no static cache.
 */
public final class InputMetrics implements MeterBinder {
    /** {@code lazaret_input_records_total{topic,result}}. */
    public static final String INPUT_RECORDS = "lazaret.input.records";
    /** {@code lazaret_dead_letters_total{topic,reason}}. */
    public static final String DEAD_LETTERS = "lazaret.dead.letters";

    private volatile MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** The "valid" counter of each topic, also in {@link #counters}. */
    private final Map<String, Counter> validByTopic = new ConcurrentHashMap<>();

    /** Unbound counters; {@link #bindTo} before recording. */
    public InputMetrics() {}

    /** Counters bound to {@code registry} at once. */
    public InputMetrics(MeterRegistry registry) {
        bindTo(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (this.registry != null && this.registry != registry) {
            throw new IllegalStateException("input metrics are bound to another registry already");
        }
        this.registry = registry;
    }

    /** The registry these meters live in; other topologies register their meters beside them. */
    public MeterRegistry registry() {
        MeterRegistry bound = registry;
        if (bound == null) {
            throw new IllegalStateException("input metrics are not bound to a registry");
        }
        return bound;
    }

    /** Registers the counters of one input topic at zero, so dashboards show 0 rather than "no data". */
    public void register(String topic) {
        inputCounter(topic, "valid");
        inputCounter(topic, "invalid");
        for (RejectReason reason : RejectReason.values()) {
            deadLetterCounter(topic, reason);
        }
    }

    public void recordValid(String topic) {
        // once per input record: looked up by topic alone, without building the registry key each time
        Counter counter = validByTopic.get(topic);
        if (counter == null) {
            counter = inputCounter(topic, "valid");
            validByTopic.put(topic, counter);
        }
        counter.increment();
    }

    public void recordDeadLetter(String topic, RejectReason reason) {
        inputCounter(topic, "invalid").increment();
        deadLetterCounter(topic, reason).increment();
    }

    private Counter inputCounter(String topic, String result) {
        return counters.computeIfAbsent(
                INPUT_RECORDS + '|' + topic + '|' + result,
                id -> Counter.builder(INPUT_RECORDS)
                        .description("Input records read, by topic and parse result")
                        .tag("topic", topic)
                        .tag("result", result)
                        .register(registry()));
    }

    private Counter deadLetterCounter(String topic, RejectReason reason) {
        return counters.computeIfAbsent(
                DEAD_LETTERS + '|' + topic + '|' + reason,
                id -> Counter.builder(DEAD_LETTERS)
                        .description("Records sent to the dead-letter topic, by source topic and reason")
                        .tag("topic", topic)
                        .tag("reason", reason.label())
                        .register(registry()));
    }
}
