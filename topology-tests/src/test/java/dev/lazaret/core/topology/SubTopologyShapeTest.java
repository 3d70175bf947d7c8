package dev.lazaret.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.topics.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Which input topics share a task. Kafka Streams (4.3.1) formats a log string for each empty input partition of a
 * task before every record the task processes, so a task of the drift side must read its own inputs only: when the
 * alert conditions of every side were merged before one repartition topic, the inference events' task also read the
 * quarantine's, the registry's and the audit's topics (six partitions, five of them usually empty).
 */
class SubTopologyShapeTest {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");

    private static List<Set<String>> sourceTopicsPerSubTopology() {
        MonitorConfig config = new MonitorConfig(Map.of("drift.models", "m:d"));
        TopologyDescription description = MonitorTopology.build(config, new InputMetrics(new SimpleMeterRegistry()))
                .describe();
        List<Set<String>> result = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            Set<String> topics = new TreeSet<>();
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    topics.addAll(source.topicSet());
                }
            }
            result.add(topics);
        }
        return result;
    }

    private static Set<String> withTopic(String topic) {
        return sourceTopicsPerSubTopology().stream()
                .filter(t -> t.contains(topic))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldReadOnlyTheDriftInputsInTheInferenceEventsTask() {
        assertThat(withTopic(TOPICS.inferenceEvents()))
                .containsExactlyInAnyOrder(
                        TOPICS.inferenceEvents(), TOPICS.inferenceFeedback(), TOPICS.modelRecalibrations());
    }

    @Test
    void shouldReadEveryConditionsRepartitionTopicInTheAlertTask() {
        assertThat(withTopic("alert-conditions-repartition"))
                .containsExactlyInAnyOrder(
                        "alert-conditions-repartition",
                        "alert-conditions-quarantine-repartition",
                        "alert-conditions-models-repartition",
                        "alert-conditions-versions-repartition");
    }
}
