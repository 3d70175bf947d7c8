package dev.lazaret.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.topics.TopicNames;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {
    private static final TopicNames NAMES = new TopicNames("lazaret.");

    @Test
    void shouldFindNoProblemWhenEveryTopicExistsWithEqualCounts() {
        assertThat(new TopicLayout(NAMES, allWith(3)).problems()).isEmpty();
    }

    @Test
    void shouldNameAMissingTopic() {
        Map<String, Integer> partitions = allWith(3);
        partitions.remove(NAMES.trainingVerdicts());

        assertThat(new TopicLayout(NAMES, partitions).problems())
                .singleElement()
                .asString()
                .startsWith("topic lazaret.training.verdicts does not exist");
    }

    @Test
    void shouldNameCoPartitionedTopicsWithDifferentCounts() {
        Map<String, Integer> partitions = allWith(3);
        partitions.put(NAMES.trainingDecisions(), 1);
        partitions.put(NAMES.inferenceFeedback(), 6);
        // topics that nothing joins may differ
        partitions.put(NAMES.alerts(), 1);

        assertThat(new TopicLayout(NAMES, partitions).problems())
                .containsExactly(
                        "partition counts differ: {lazaret.training.records=3, lazaret.training.manifests=3, "
                                + "lazaret.training.decisions=1}; Lazaret joins these by key within a partition, so"
                                + " they must be equal",
                        "partition counts differ: {lazaret.inference.events=3, lazaret.inference.feedback=6, "
                                + "lazaret.model.recalibrations=3}; Lazaret joins these by key within a partition, so"
                                + " they must be equal");
    }

    private static Map<String, Integer> allWith(int n) {
        Map<String, Integer> partitions = new HashMap<>();
        NAMES.all().forEach(t -> partitions.put(t, n));
        return partitions;
    }
}
