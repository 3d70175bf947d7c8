package dev.lazaret.app;

import dev.lazaret.app.broker.EmbeddedKafkaBroker;
import dev.lazaret.app.http.HttpEndpoints;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.errors.DeadLetterProcessingExceptionHandler;
import dev.lazaret.core.errors.DeadLetterProductionExceptionHandler;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.quarantine.topology.QuarantineTopics;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.core.topics.TopicProvisioner;
import dev.lazaret.core.topology.MonitorTopology;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Lazaret instance: the embedded broker (when no bootstrap servers are configured), the topics, the
 * Kafka Streams application, the metrics registry and the HTTP listener. Started and stopped as a unit.
 */
public final class LazaretRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LazaretRuntime.class);
    private static final long BROKER_START_TIMEOUT_MS = 60_000;
    private static final long ADMIN_TIMEOUT_MS = 30_000;

    private final MonitorConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StreamsHealth health;
    private EmbeddedKafkaBroker broker;
    private Admin admin;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private HttpEndpoints http;
    private String bootstrapServers;
    private volatile long lastBrokerCheckNanos;
    private volatile boolean lastBrokerReachable;

    public LazaretRuntime(MonitorConfig config) {
        this.config = config;
        this.health = new StreamsHealth(
                System::nanoTime, Duration.ofMillis(config.getLong(MonitorConfig.READINESS_QUIET_PERIOD_MS_CONFIG)));
        registry.config().meterFilter(new LabelSanitizer());
    }

    public void start() throws Exception {
        Path dataDir = Path.of(config.getString(MonitorConfig.DATA_DIR_CONFIG));
        if (config.usesEmbeddedBroker()) {
            broker = new EmbeddedKafkaBroker(
                    config.getString(MonitorConfig.EMBEDDED_HOST_CONFIG),
                    config.getInt(MonitorConfig.EMBEDDED_BROKER_PORT_CONFIG),
                    config.getInt(MonitorConfig.EMBEDDED_CONTROLLER_PORT_CONFIG),
                    dataDir);
            broker.start(BROKER_START_TIMEOUT_MS);
            bootstrapServers = broker.bootstrapServers();
        } else {
            bootstrapServers = config.getString(MonitorConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
        admin = Admin.create(adminProperties());
        TopicNames topics = new TopicNames(config.getString(MonitorConfig.TOPIC_PREFIX_CONFIG));
        new TopicProvisioner(
                        topics,
                        config.getInt(MonitorConfig.TOPIC_PARTITIONS_CONFIG),
                        config.getShort(MonitorConfig.TOPIC_REPLICATION_FACTOR_CONFIG))
                .ensureTopics(admin, ADMIN_TIMEOUT_MS);
        QuarantineTopics.ensure(
                admin,
                topics.prefix(),
                config.getShort(MonitorConfig.TOPIC_REPLICATION_FACTOR_CONFIG),
                ADMIN_TIMEOUT_MS);
        awaitTopicMetadata(QuarantineTopics.references(topics.prefix()));

        bindJvmMetrics();
        InputMetrics inputMetrics = new InputMetrics(registry);
        streams = new KafkaStreams(
                MonitorTopology.build(config, inputMetrics),
                streamsProperties(bootstrapServers, dataDir, topics, inputMetrics));
        health.bindTo(registry);
        streams.setUncaughtExceptionHandler(exception -> {
            health.recordThreadFailure();
            LOG.error("stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        http = new HttpEndpoints(
                config.getString(MonitorConfig.HTTP_HOST_CONFIG),
                config.getInt(MonitorConfig.HTTP_PORT_CONFIG),
                registry::scrape,
                this::readiness);
        streams.start();
        LOG.info(
                "Lazaret started: instance {}, Kafka at {}, HTTP on {}:{} (/metrics /healthz /readyz)",
                GroupMembership.instanceId(config, dataDir),
                bootstrapServers,
                config.getString(MonitorConfig.HTTP_HOST_CONFIG),
                http.port());
    }

    /**
     * A created topic reaches the brokers' metadata a moment after CreateTopics returns; a global store that starts
     * before then fails with "no partitions available". Waits until the broker describes the topic.
     */
    private void awaitTopicMetadata(String topic) throws Exception {
        long deadline = System.currentTimeMillis() + ADMIN_TIMEOUT_MS;
        while (true) {
            try {
                admin.describeTopics(java.util.List.of(topic)).allTopicNames().get();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int httpPort() {
        return http.port();
    }

    public KafkaStreams.State streamsState() {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    /**
     * The input partitions of this instance's active tasks, as {@code topic-partition}, sorted; shows how instances
     * sharing an application id split the work.
     */
    public java.util.List<String> activeInputPartitions() {
        if (streams == null) {
            return java.util.List.of();
        }
        return streams.metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream())
                .flatMap(t -> t.topicPartitions().stream())
                .map(Object::toString)
                .sorted()
                .toList();
    }

    /**
     * Whether this instance's copy of a global key-value store holds {@code key}: for tools that must not race the
     * global store's own consumer, such as the bench pinning a reference before it sends the first batch.
     */
    public boolean globalStoreHolds(String store, String key) {
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        try {
            return streams.store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                                    store,
                                    org.apache.kafka.streams.state.QueryableStoreTypes.<String, byte[]>keyValueStore()))
                            .get(key)
                    != null;
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return false; // migrating or restoring: not readable yet
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    HttpEndpoints.Readiness readiness() {
        KafkaStreams.State state = streamsState();
        String problem = health.problem(state, threadStates());
        boolean brokerReachable = brokerReachable();
        boolean ready = problem == null && brokerReachable;
        return new HttpEndpoints.Readiness(
                ready,
                (ready ? "ready" : "not ready") + ": streams " + state + ", broker "
                        + (brokerReachable ? "reachable" : "unreachable") + (problem == null ? "" : "; " + problem));
    }

    private java.util.List<String> threadStates() {
        if (streams == null) {
            return java.util.List.of();
        }
        try {
            return streams.metadataForLocalThreads().stream()
                    .map(org.apache.kafka.streams.ThreadMetadata::threadState)
                    .toList();
        } catch (RuntimeException e) {
            // metadataForLocalThreads throws while the client is not yet or no longer running; the state says so.
            return java.util.List.of();
        }
    }

    private boolean brokerReachable() {
        long now = System.nanoTime();
        // Probes may come every second; ask the broker at most every two seconds.
        if (now - lastBrokerCheckNanos < TimeUnit.SECONDS.toNanos(2)) {
            return lastBrokerReachable;
        }
        boolean reachable;
        try {
            reachable =
                    !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            reachable = false;
        }
        lastBrokerReachable = reachable;
        lastBrokerCheckNanos = now;
        return reachable;
    }

    private Properties adminProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.getString(MonitorConfig.APPLICATION_ID_CONFIG) + "-admin");
        return props;
    }

    Properties streamsProperties(String bootstrap, Path dataDir, TopicNames topics, InputMetrics inputMetrics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(MonitorConfig.APPLICATION_ID_CONFIG));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                dataDir.resolve("streams").toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(MonitorConfig.STREAM_THREADS_CONFIG));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int)
                config.getShort(MonitorConfig.TOPIC_REPLICATION_FACTOR_CONFIG));
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingExceptionHandler.class.getName());
        props.put(
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProductionExceptionHandler.class.getName());
        props.put(DeadLetterProcessingExceptionHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetter());
        props.put(DeadLetterProcessingExceptionHandler.METRICS_CONFIG, inputMetrics);
        // A reference bundle of a wide dataset passes 1 MiB; its topic takes 16 MiB, so the producer must too.
        props.put(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                dev.lazaret.core.quarantine.topology.QuarantineTopics.MAX_RECORD_BYTES);
        props.putAll(GroupMembership.streamsProperties(config, dataDir));
        props.putAll(config.kafkaOverrides());
        return props;
    }

    private void bindJvmMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * Stops in dependency order: Streams first (its open transactions are committed or aborted), then the HTTP
     * listener, then the embedded broker, which flushes and closes its logs.
     */
    @Override
    public void close() {
        long timeoutMs = config.getLong(MonitorConfig.SHUTDOWN_TIMEOUT_MS_CONFIG);
        if (streams != null) {
            // Leave the consumer group explicitly (for a static member Streams asks the broker to remove it): its
            // partitions move to the other instances at once instead of after session.timeout.ms.
            boolean closed = streams.close(CloseOptions.timeout(Duration.ofMillis(timeoutMs))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            LOG.info("Kafka Streams {}", closed ? "closed" : "did not close within " + timeoutMs + " ms");
            streams = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (http != null) {
            http.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
        registry.close();
    }
}
