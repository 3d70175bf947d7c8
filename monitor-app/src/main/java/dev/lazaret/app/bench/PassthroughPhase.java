package dev.lazaret.app.bench;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The baseline: a Kafka Streams application that copies the same records, bytes in and bytes out, exactly once. */
final class PassthroughPhase implements BenchPhase {
    private static final String INPUT = "bench.passthrough.in";
    private static final String OUTPUT = "bench.passthrough.out";
    private static final String APP_ID = "bench-passthrough";

    private final BenchWorkload workload;

    PassthroughPhase(BenchWorkload workload) {
        this.workload = workload;
    }

    @Override
    public String name() {
        return "passthrough";
    }

    @Override
    public PhaseResult run(BenchEnvironment env) throws Exception {
        env.admin()
                .createTopics(List.of(
                        new NewTopic(INPUT, env.partitions(), (short) 1),
                        new NewTopic(OUTPUT, env.partitions(), (short) 1)))
                .all()
                .get();
        env.progress().printf("bench: %s: producing %,d events%n", name(), env.events());
        workload.produce(env.bootstrapServers(), INPUT, env.events(), System.currentTimeMillis() - 86_400_000L);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.ByteArray()));
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        try (MemoryProbe memory = new MemoryProbe();
                KafkaStreams streams = new KafkaStreams(builder.build(), properties(env))) {
            streams.start();
            CpuProbe cpu = new CpuProbe(APP_ID);
            double rate = env.committedProgress().await(name(), APP_ID, INPUT, env.timeoutMs());
            long pacedFrom = System.currentTimeMillis();
            try (OutputLatency reader = new OutputLatency(env.bootstrapServers(), OUTPUT, (r, at) -> {
                if (r.timestamp() >= pacedFrom) {
                    latencies.add(at - r.timestamp());
                }
            })) {
                reader.awaitAssigned();
                env.progress()
                        .printf(
                                "bench: %s: paced part, %d records/s for %d s%n",
                                name(), env.pacedPerSecond(), env.pacedSeconds());
                PacedProducer.run(
                        workload,
                        env.bootstrapServers(),
                        INPUT,
                        env.pacedPerSecond(),
                        env.pacedSeconds(),
                        (m, t) -> {});
                Thread.sleep(2_000);
            }
            long[] samples = latencies.stream().mapToLong(Long::longValue).toArray();
            return new PhaseResult(
                    name(),
                    env.events(),
                    rate,
                    Percentiles.of(samples),
                    null,
                    null,
                    null,
                    cpu.stop(),
                    memory.peakHeapBytes(),
                    MemoryProbe.peakRssBytes(),
                    List.of());
        }
    }

    private static Properties properties(BenchEnvironment env) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                env.dataDir().resolve("passthrough").toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, env.streamThreads());
        return props;
    }
}
