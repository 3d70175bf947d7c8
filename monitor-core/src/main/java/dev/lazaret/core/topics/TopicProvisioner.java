package dev.lazaret.core.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the contract's topics that are missing; leaves existing ones exactly as they are. */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    /** Room for an input record of the broker's default maximum size plus the dead-letter headers. */
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    private final TopicNames names;
    private final int partitions;
    private final short replicationFactor;

    public TopicProvisioner(TopicNames names, int partitions, short replicationFactor) {
        this.names = names;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** @return the topics it created */
    public List<String> ensureTopics(Admin admin, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : names.all()) {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, partitions, replicationFactor).configs(configFor(topic)));
            }
        }
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        var result = admin.createTopics(missing);
        for (var entry : result.values().entrySet()) {
            try {
                entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                // Another instance created it between our listing and our request: that is the outcome we wanted.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        LOG.info("created topics {}", created);
        return created;
    }

    Map<String, String> configFor(String topic) {
        if (topic.equals(names.profiles())) {
            // The latest reference per dataset is what the drift side needs; older ones live in the audit topic.
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (topic.equals(names.audit())
                || topic.equals(names.trainingVerdicts())
                || topic.equals(names.modelVerdicts())
                || topic.equals(names.modelReleases())
                || topic.equals(names.trainingRevocations())) {
            // The audit trail and verdict history are records of what happened: never expire them.
            return Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
        }
        if (topic.equals(names.deadLetter())) {
            // A dead letter is the original value (up to the broker's default 1 MiB limit) plus the dead-letter
            // headers; at the default limit the largest accepted input could not be dead-lettered.
            return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(DEAD_LETTER_MAX_MESSAGE_BYTES));
        }
        return Map.of();
    }
}
