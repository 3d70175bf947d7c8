package dev.lazaret.monitor.topology;

import dev.lazaret.monitor.model.BatchManifest;
import dev.lazaret.monitor.model.Feedback;
import dev.lazaret.monitor.model.InferenceEvent;
import dev.lazaret.monitor.model.OperatorDecision;
import dev.lazaret.monitor.model.TrainingRecord;
import org.apache.kafka.streams.kstream.KStream;

/** The valid records of every input topic, after the parse step; the quarantine and drift topologies start here. */
public record ParsedInputs(
        KStream<String, TrainingRecord> trainingRecords,
        KStream<String, BatchManifest> manifests,
        KStream<String, OperatorDecision> decisions,
        KStream<String, InferenceEvent> inferenceEvents,
        KStream<String, Feedback> feedback) {}
