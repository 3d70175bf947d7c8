package dev.lazaret.app.doctor;

import dev.lazaret.core.topics.TopicNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The contract's topics as a cluster has them: which are missing, and which groups that Lazaret joins by partition
 * (a batch's records, manifest and decisions; an inference event and its feedback) have unequal partition counts.
 *
 * @param partitions partition count of each contract topic that exists
 */
public record TopicLayout(TopicNames names, Map<String, Integer> partitions) {

    /** Topics whose records Lazaret joins by key within one partition, so their partition counts must be equal. */
    public List<List<String>> coPartitioned() {
        return List.of(
                List.of(names.trainingRecords(), names.trainingManifests(), names.trainingDecisions()),
                List.of(names.inferenceEvents(), names.inferenceFeedback(), names.modelRecalibrations()));
    }

    /** One line per problem; empty when every topic exists and each co-partitioned group agrees. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String topic : names.all()) {
            if (!partitions.containsKey(topic)) {
                problems.add("topic " + topic + " does not exist (lazaret run creates the contract's topics at start;"
                        + " or create it with the partition count of its group)");
            }
        }
        for (List<String> group : coPartitioned()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            group.stream().filter(partitions::containsKey).forEach(t -> counts.put(t, partitions.get(t)));
            if (counts.values().stream().distinct().count() > 1) {
                problems.add("partition counts differ: " + counts
                        + "; Lazaret joins these by key within a partition, so they must be equal");
            }
        }
        return problems;
    }

    /** The partition count of {@code topic}, if it exists. */
    public OptionalInt partitionsOf(String topic) {
        Integer n = partitions.get(topic);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
