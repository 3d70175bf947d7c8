package dev.lazaret.app.broker.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One combined broker-and-controller KRaft server, driven through Kafka's server classes (Scala {@code kafka.server}
 * and the storage formatter), which are not public API: a Kafka upgrade that changes them breaks only this class.
 */
public final class KRaftNode implements AutoCloseable {
    private final KafkaRaftServer server;

    private KRaftNode(KafkaRaftServer server) {
        this.server = server;
    }

    /** Writes {@code meta.properties} and the bootstrap metadata into an empty log directory, as kafka-storage does. */
    public static void format(Path logDir, int nodeId, String controllerListener) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(nodeId)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName(controllerListener)
                .setIgnoreFormatted(true)
                .run();
    }

    /** Starts a server on a formatted log directory; it answers clients shortly after this returns. */
    public static KRaftNode start(Map<String, Object> serverProperties) {
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(serverProperties, false), Time.SYSTEM);
        server.startup();
        return new KRaftNode(server);
    }

    /** Stops cleanly: logs are flushed and closed, so the next start needs no recovery. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
