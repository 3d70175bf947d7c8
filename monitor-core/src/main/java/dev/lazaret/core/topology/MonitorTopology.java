package dev.lazaret.core.topology;

import dev.lazaret.core.alerts.AlertCondition;
import dev.lazaret.core.alerts.AlertMetrics;
import dev.lazaret.core.alerts.AlertOptions;
import dev.lazaret.core.alerts.AlertStage;
import dev.lazaret.core.config.MonitorConfig;
import dev.lazaret.core.drift.DriftMetrics;
import dev.lazaret.core.drift.DriftOptions;
import dev.lazaret.core.drift.DriftTopology;
import dev.lazaret.core.metrics.InputMetrics;
import dev.lazaret.core.models.ModelSupplyTopology;
import dev.lazaret.core.parse.ContractParsers;
import dev.lazaret.core.parse.InputParser;
import dev.lazaret.core.parse.Parsed;
import dev.lazaret.core.parse.ParsedInputs;
import dev.lazaret.core.processor.ParseProcessor;
import dev.lazaret.core.quarantine.topology.QuarantineTopology;
import dev.lazaret.core.topics.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Builds Lazaret's one Kafka Streams topology. The application and the tests both call {@link #build}, so what is
 * tested is what runs.
 */
public final class MonitorTopology {

    private MonitorTopology() {}

    /**
     * Builds the topology. Every meter it creates registers in the registry of {@code metrics}, so the application
     * and the tests see the same meters.
     */
    public static Topology build(MonitorConfig config, InputMetrics metrics) {
        MeterRegistry registry = metrics.registry();
        TopicNames topics = new TopicNames(config.getString(MonitorConfig.TOPIC_PREFIX_CONFIG));
        int maxBytes = config.getInt(MonitorConfig.INPUT_MAX_RECORD_BYTES_CONFIG);
        StreamsBuilder builder = new StreamsBuilder();
        ParsedInputs inputs = new ParsedInputs(
                parsed(builder, topics, topics.trainingRecords(), ContractParsers.trainingRecords(maxBytes), metrics),
                parsed(builder, topics, topics.trainingManifests(), ContractParsers.manifests(maxBytes), metrics),
                parsed(
                        builder,
                        topics,
                        topics.trainingDecisions(),
                        ContractParsers.decisions(maxBytes),
                        metrics,
                        true), // the quarantine step may dead-letter a valid decision: it keeps the original bytes
                parsed(builder, topics, topics.inferenceEvents(), ContractParsers.inferenceEvents(maxBytes), metrics),
                parsed(builder, topics, topics.inferenceFeedback(), ContractParsers.feedback(maxBytes), metrics),
                parsed(
                        builder,
                        topics,
                        topics.modelRecalibrations(),
                        ContractParsers.recalibrations(maxBytes),
                        metrics));
        // The quarantine and drift topologies attach here, behind the parse step.
        DriftOptions driftOptions = DriftOptions.from(config);
        KStream<String, AlertCondition> driftConditions = DriftTopology.attach(
                builder,
                inputs,
                topics,
                driftOptions,
                new DriftMetrics(registry, driftOptions.maxMetricFeatures()),
                metrics);
        KStream<String, AlertCondition> quarantineConditions =
                QuarantineTopology.attach(builder, inputs, config, registry);
        ModelSupplyTopology.Conditions modelConditions = ModelSupplyTopology.attach(
                builder,
                parsed(builder, topics, topics.modelReleases(), ContractParsers.releases(maxBytes), metrics),
                parsed(builder, topics, topics.trainingRevocations(), ContractParsers.revocations(maxBytes), metrics),
                inputs.inferenceEvents(),
                config,
                metrics);
        // One alert stage for every side, so deduplication and resolution work the same everywhere; each side's
        // conditions through their own repartition topic, so the sides' sub-topologies stay apart (AlertStage).
        Map<String, KStream<String, AlertCondition>> conditions = new LinkedHashMap<>();
        conditions.put("drift", driftConditions);
        conditions.put("quarantine", quarantineConditions);
        conditions.put("models", modelConditions.registry());
        conditions.put("versions", modelConditions.versions());
        AlertStage.attach(builder, conditions, topics, AlertOptions.from(config), new AlertMetrics(registry));
        return builder.build();
    }

    /**
     * Reads one input topic as bytes, parses it explicitly, sends what fails to the dead-letter topic with its
     * original bytes and headers naming the reason and source, and returns the valid records.
     */
    static <T> KStream<String, T> parsed(
            StreamsBuilder builder, TopicNames topics, String topic, InputParser<T> parser, InputMetrics metrics) {
        return parsed(builder, topics, topic, parser, metrics, false);
    }

    static <T> KStream<String, T> parsed(
            StreamsBuilder builder,
            TopicNames topics,
            String topic,
            InputParser<T> parser,
            InputMetrics metrics,
            boolean keepSourceValue) {
        String label = topic.substring(topics.prefix().length());
        metrics.register(label);
        KStream<String, ParseProcessor.Outcome<T>> outcomes = builder.stream(
                        topic,
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + label))
                .process(
                        () -> new ParseProcessor<>(label, parser, metrics, keepSourceValue),
                        Named.as("parse-" + label));
        outcomes.filter((key, outcome) -> outcome.parsed() instanceof Parsed.Invalid, Named.as("invalid-" + label))
                .mapValues(ParseProcessor.Outcome::rawValue, Named.as("raw-" + label))
                .to(
                        topics.deadLetter(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letter-" + label));
        return outcomes.flatMapValues(
                outcome -> outcome.parsed() instanceof Parsed.Valid<T> valid ? List.of(valid.value()) : List.<T>of(),
                Named.as("valid-" + label));
    }
}
