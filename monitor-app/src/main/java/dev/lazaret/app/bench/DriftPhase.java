package dev.lazaret.app.bench;

import dev.lazaret.app.LazaretRuntime;
import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.drift.DriftReport;
import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.core.topics.TopicProvisioner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The drift topology, as {@code lazaret run} builds it, on the workload's events: throughput over past event times
 * (1 s windows of 1,000 events per model), then latency with event time = send time, from each event's send to the
 * committed report of its window.
 */
final class DriftPhase implements BenchPhase {
    static final long WINDOW_MS = 1_000;
    static final long GRACE_MS = 200;

    private final BenchWorkload workload;
    private final String name;
    private final String prefix;
    private final TopicNames topics;
    private final int instances;

    /**
     * @param name the phase's name in the table
     * @param prefix its topic prefix, application id and directory, so phases share nothing
     * @param instances runtimes sharing the application id (more than one: the scale-out figure, whose paced
     *     latency part is left out)
     */
    DriftPhase(BenchWorkload workload, String name, String prefix, int instances) {
        this.workload = workload;
        this.name = name;
        this.prefix = prefix;
        this.topics = new TopicNames(prefix + ".");
        this.instances = instances;
    }

    @Override
    public String name() {
        return name;
    }

    private String appId() {
        return "bench-" + prefix;
    }

    @Override
    public PhaseResult run(BenchEnvironment env) throws Exception {
        new TopicProvisioner(topics, env.partitions(), (short) 1).ensureTopics(env.admin(), 30_000);
        try (KafkaProducer<String, byte[]> producer = BenchWorkload.producer(env.bootstrapServers())) {
            Headers headers = KafkaHeaders.empty();
            headers.add("lazaret.reference.id", "bench".getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(
                    topics.profiles(), null, BenchWorkload.DATASET, workload.reference(), headers));
        }
        env.progress().printf("bench: %s: producing %,d events%n", name(), env.events());
        workload.produce(
                env.bootstrapServers(),
                topics.inferenceEvents(),
                env.events(),
                System.currentTimeMillis() - 86_400_000L);
        Map<String, List<Long>> sentByWindow = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> afterClose = new ConcurrentLinkedQueue<>();
        Deserializer<DriftReport> reports = JsonSerde.deserializer(DriftReport.class);
        List<LazaretRuntime> runtimes = new ArrayList<>();
        try (MemoryProbe memory = new MemoryProbe()) {
            for (int i = 0; i < instances; i++) {
                LazaretRuntime runtime = new LazaretRuntime(ConfigLoader.load(null, Map.of(), settings(env, i)));
                runtimes.add(runtime);
                runtime.start();
            }
            CpuProbe cpu = new CpuProbe(appId());
            double rate = env.committedProgress().await(name(), appId(), topics.inferenceEvents(), env.timeoutMs());
            List<String> notes = new ArrayList<>();
            if (instances > 1) {
                for (int i = 0; i < runtimes.size(); i++) {
                    notes.add("instance " + (i + 1) + " had "
                            + runtimes.get(i).activeInputPartitions().stream()
                                    .filter(tp -> tp.startsWith(topics.inferenceEvents() + "-"))
                                    .toList());
                }
                notes.forEach(n -> env.progress().printf("bench: %s: %s%n", name(), n));
                return new PhaseResult(
                        name(),
                        env.events(),
                        rate,
                        Percentiles.of(new long[0]),
                        null,
                        null,
                        null,
                        cpu.stop(),
                        memory.peakHeapBytes(),
                        MemoryProbe.peakRssBytes(),
                        notes);
            }
            long pacedFrom = System.currentTimeMillis();
            try (OutputLatency reader = new OutputLatency(env.bootstrapServers(), topics.driftReports(), (r, at) -> {
                DriftReport report = reports.deserialize(r.topic(), r.value());
                if (report.windowStartMs() < pacedFrom - WINDOW_MS) {
                    return;
                }
                List<Long> sent = sentByWindow.remove(key(report.model(), report.windowStartMs()));
                if (sent != null) {
                    synchronized (sent) {
                        sent.forEach(s -> latencies.add(at - s));
                    }
                    afterClose.add(at - (report.windowEndMs() + GRACE_MS));
                }
            })) {
                reader.awaitAssigned();
                env.progress()
                        .printf(
                                "bench: %s: paced part, %d events/s for %d s%n",
                                name(), env.pacedPerSecond(), env.pacedSeconds());
                PacedProducer.run(
                        workload,
                        env.bootstrapServers(),
                        topics.inferenceEvents(),
                        env.pacedPerSecond(),
                        env.pacedSeconds(),
                        (model, sentAt) -> {
                            List<Long> sent = sentByWindow.computeIfAbsent(
                                    key(model, Math.floorDiv(sentAt, WINDOW_MS) * WINDOW_MS), k -> new ArrayList<>());
                            synchronized (sent) {
                                sent.add(sentAt);
                            }
                        });
                // The last windows close only when later events move event time on; these few do that.
                PacedProducer.run(
                        workload, env.bootstrapServers(), topics.inferenceEvents(), 50, 2, (model, sentAt) -> {});
                Thread.sleep(2_000);
            }
            return new PhaseResult(
                    name(),
                    env.events(),
                    rate,
                    Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray()),
                    Percentiles.of(
                            afterClose.stream().mapToLong(Long::longValue).toArray()),
                    null,
                    null,
                    cpu.stop(),
                    memory.peakHeapBytes(),
                    MemoryProbe.peakRssBytes(),
                    notes);
        } finally {
            runtimes.forEach(LazaretRuntime::close);
        }
    }

    private static String key(String model, long windowStart) {
        return model + "@" + windowStart;
    }

    private Map<String, String> settings(BenchEnvironment env, int instance) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("bootstrap.servers", env.bootstrapServers());
        settings.put("application.id", appId());
        settings.put("topic.prefix", prefix + ".");
        settings.put("data.dir", env.dataDir().resolve(prefix + "-" + instance).toString());
        settings.put("http.port", "0");
        settings.put("topic.partitions", Integer.toString(env.partitions()));
        settings.put("log.level", "warn");
        settings.put("stream.threads", Integer.toString(env.streamThreads()));
        settings.put("drift.models", workload.modelsSetting());
        settings.put("drift.window.size.ms", Long.toString(WINDOW_MS));
        settings.put("drift.window.grace.ms", Long.toString(GRACE_MS));
        settings.putAll(env.monitorSettings());
        return settings;
    }
}
