package dev.lazaret.core.parse;

import dev.lazaret.core.contract.BatchManifest;
import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.contract.RecalibrationRequest;
import dev.lazaret.core.contract.TrainingRecord;
import org.apache.kafka.streams.kstream.KStream;

/** The valid records of every input topic, after the parse step; the quarantine and drift topologies start here. */
public record ParsedInputs(
        KStream<String, TrainingRecord> trainingRecords,
        KStream<String, BatchManifest> manifests,
        KStream<String, OperatorDecision> decisions,
        KStream<String, InferenceEvent> inferenceEvents,
        KStream<String, Feedback> feedback,
        KStream<String, RecalibrationRequest> recalibrations) {}
