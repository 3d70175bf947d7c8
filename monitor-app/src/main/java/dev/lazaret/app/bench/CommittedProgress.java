package dev.lazaret.app.bench;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput as the broker sees it: the consumer group's committed offsets on the input topic, polled until they
 * reach the end offsets. The same measure serves every phase, so the ratios compare like with like; under
 * exactly-once an offset is committed only with the outputs of the records before it.
 */
final class CommittedProgress {
    private static final long POLL_MS = 100;

    private final Admin admin;
    private final PrintStream progress;

    CommittedProgress(Admin admin, PrintStream progress) {
        this.admin = admin;
        this.progress = progress;
    }

    /**
     * Waits until group {@code groupId} has committed the whole of {@code topic}.
     *
     * @return records per second from the first committed progress to completion
     */
    double await(String phase, String groupId, String topic, long timeoutMs) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(topic);
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.currentTimeMillis() + timeoutMs;
        long startedAt = System.nanoTime();
        long firstAt = -1;
        long firstCommitted = 0;
        long lastPrint = 0;
        while (System.currentTimeMillis() < deadline) {
            long committed = committed(groupId, end);
            long now = System.nanoTime();
            if (committed > 0 && firstAt < 0) {
                firstAt = now;
                firstCommitted = committed;
            }
            if (committed >= total) {
                progress.printf("bench: %s: %,d/%,d records committed%n", phase, committed, total);
                if (now == firstAt) {
                    // Done within one poll (tiny sizes): the only interval seen is from the start of waiting.
                    return total / ((now - startedAt) / 1e9);
                }
                return (total - firstCommitted) / ((now - firstAt) / 1e9);
            }
            if (System.currentTimeMillis() - lastPrint >= 2_000) {
                lastPrint = System.currentTimeMillis();
                progress.printf("bench: %s: %,d/%,d records committed%n", phase, committed, total);
            }
            Thread.sleep(POLL_MS);
        }
        throw new IllegalStateException(phase + " did not consume " + topic + " within " + timeoutMs + " ms");
    }

    private long committed(String groupId, Map<TopicPartition, Long> end)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get();
        long sum = 0;
        for (TopicPartition tp : end.keySet()) {
            OffsetAndMetadata o = offsets.get(tp);
            // A transaction marker follows the last record, so the committed offset may pass the record count.
            sum += o == null ? 0 : Math.min(o.offset(), end.get(tp));
        }
        return sum;
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        int partitions = admin.describeTopics(java.util.List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        ListOffsetsResult result = admin.listOffsets(request);
        return result.all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
