package dev.lazaret.monitor.quarantine.topology;

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
 * that {@code lazaret reference promote} can pin. Read into a global store, since batches of one dataset are spread
 * over all partitions.
 */
public final class QuarantineTopics {
    private QuarantineTopics() {}

    public static String references(String prefix) {
        return prefix + "quarantine.references";
    }

    public static String referenceKey(String dataset) {
        return "dataset:" + dataset;
    }

    public static String candidateKey(String batchId) {
        return "candidate:" + batchId;
    }

    /** Creates the references topic when missing (one partition: it is read whole by every instance). */
    public static void ensure(Admin admin, String prefix, short replicationFactor, long timeoutMs) throws Exception {
        String topic = references(prefix);
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        if (existing.contains(topic)) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, replicationFactor)
                            .configs(Map.of(
                                    TopicConfig.CLEANUP_POLICY_CONFIG,
                                    TopicConfig.CLEANUP_POLICY_COMPACT,
                                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                    String.valueOf(16 * 1024 * 1024)))))
                    .all()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
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
