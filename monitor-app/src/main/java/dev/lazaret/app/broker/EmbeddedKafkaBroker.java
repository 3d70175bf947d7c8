package dev.lazaret.app.broker;

import dev.lazaret.app.broker.internal.KRaftNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run inside Lazaret's JVM so that
 * a fresh machine needs nothing but Java. Its log directory lives under the data directory and is formatted only on
 * first use, so topics and committed offsets survive restarts.
 *
 * <p>It is a real broker: any Kafka client on the machine can produce to it and consume from it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final String host;
    private final int brokerPort;
    private final int controllerPort;
    private final Path logDir;
    private KRaftNode server;

    public EmbeddedKafkaBroker(String host, int brokerPort, int controllerPort, Path dataDir) {
        this.host = host;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.logDir = dataDir.resolve("kafka").toAbsolutePath();
    }

    public String bootstrapServers() {
        return host + ":" + brokerPort;
    }

    /** Formats storage on first use, starts the broker and waits until it answers clients. */
    public void start(long timeoutMs) throws Exception {
        requirePortFree(brokerPort, "embedded.broker.port");
        requirePortFree(controllerPort, "embedded.controller.port");
        Files.createDirectories(logDir);
        Map<String, Object> props = serverProperties();
        boolean firstStart = !Files.exists(logDir.resolve("meta.properties"));
        if (firstStart) {
            KRaftNode.format(logDir, NODE_ID, CONTROLLER_LISTENER);
        }
        server = KRaftNode.start(props);
        awaitReady(timeoutMs);
        LOG.info(
                "embedded Kafka broker ready on {} (data in {}, {})",
                bootstrapServers(),
                logDir,
                firstStart ? "formatted now" : "reused");
    }

    Map<String, Object> serverProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put(
                "listeners",
                "PLAINTEXT://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                        + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: without these the group and transaction coordinators wait for replicas that never come,
        // and Kafka Streams with exactly-once hangs without a word.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return props;
    }

    private void awaitReady(long timeoutMs) throws Exception {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try (Admin admin = Admin.create(adminProps)) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(
                    "embedded Kafka broker did not become ready within " + timeoutMs + " ms", last);
        }
    }

    private void requirePortFree(int port, String key) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException(String.format(
                    "port %s:%d is in use; set %s to a free port, or bootstrap.servers to use a running Kafka",
                    host, port, key));
        }
    }

    /** Stops the broker cleanly: logs are flushed and closed, so the next start needs no recovery. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
            LOG.info("embedded Kafka broker stopped");
        }
    }
}
