package dev.lazaret.core.quarantine.topology;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Quarantine's own topic beside the contract's: {@code quarantine.references} (compacted), the trusted references
 * (key {@code dataset:<name>}) and the candidate references of approved batches (key {@code candidate:<batch id>})
 * that {@code lazaret reference promote} can pin. Read into a global store, since the CLI writes it and every instance
 * reads it.
 */
public final class QuarantineTopics {
    /**
     * The largest record quarantine writes or a client must be able to send: a reference bundle with its labelled
     * sample is over 1 MiB, Kafka's default request limit, so every producer of references raises its limit to this.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private QuarantineTopics() {}

    public static String references(String prefix) {
        return prefix + "quarantine.references";
    }

    /**
     * Reference changes made outside the topology (the CLI's import and promote, the bootstrap) on their way into the
     * audit chain, which has one writer.
     */
    public static String auditRequests(String prefix) {
        return prefix + "quarantine.audit.requests";
    }

    /** The JSON of a reference change for the audit trail. */
    public static byte[] referenceChange(String dataset, String referenceId, String action, String by) {
        java.util.Map<String, Object> change = new java.util.LinkedHashMap<>();
        change.put("dataset", dataset);
        change.put("reference_id", referenceId);
        change.put("action", action);
        change.put("by", by);
        return dev.lazaret.core.quarantine.integrity.CanonicalJson.bytes(change);
    }

    public static String referenceKey(String dataset) {
        return "dataset:" + dataset;
    }

    public static String candidateKey(String batchId) {
        return "candidate:" + batchId;
    }

    /**
     * Creates the references topic (compacted) and the audit requests topic when missing; one partition each: the
     * first is read whole by every instance, the second feeds a chain with one writer.
     */
    public static void ensure(Admin admin, String prefix, short replicationFactor, long timeoutMs) throws Exception {
        ensure(
                admin,
                new NewTopic(references(prefix), 1, replicationFactor)
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                String.valueOf(MAX_RECORD_BYTES))),
                timeoutMs);
        ensure(
                admin,
                new NewTopic(auditRequests(prefix), 1, replicationFactor)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                timeoutMs);
    }

    private static void ensure(Admin admin, NewTopic newTopic, long timeoutMs) throws Exception {
        String topic = newTopic.name();
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        if (existing.contains(topic)) {
            return;
        }
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        awaitPartitions(admin, topic, timeoutMs);
    }

    /**
     * Waits until the new topic's partition shows in the metadata: a global store started before that fails with "no
     * partitions available" (seen on a fresh broker, where creation returns before every listener knows the topic).
     */
    private static void awaitPartitions(Admin admin, String topic, long timeoutMs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            try {
                var description = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(timeoutMs, TimeUnit.MILLISECONDS)
                        .get(topic);
                if (description != null && description.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no leader after " + timeoutMs + " ms");
            }
            Thread.sleep(100);
        }
    }
}
