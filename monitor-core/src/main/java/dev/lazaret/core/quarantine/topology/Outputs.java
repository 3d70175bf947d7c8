package dev.lazaret.core.quarantine.topology;

import dev.lazaret.core.contract.OperatorDecision;
import dev.lazaret.core.errors.DeadLetterHeaders;
import dev.lazaret.core.internal.KafkaHeaders;
import dev.lazaret.core.parse.RejectReason;
import dev.lazaret.core.quarantine.checks.BatchVerdict;
import dev.lazaret.core.quarantine.checks.Verdict;
import dev.lazaret.core.serde.JsonSerde;
import dev.lazaret.core.topics.TopicNames;
import dev.lazaret.detectors.codec.ProfileCodec;
import dev.lazaret.detectors.profile.DatasetProfile;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;

/** The records the quarantine processor forwards: one per output, with its topic, key and headers. */
final class Outputs {
    static final String HEADER_BATCH_ID = "lazaret.batch.id";
    static final String HEADER_VERDICT = "lazaret.verdict";
    static final String HEADER_REFERENCE_ID = "lazaret.reference.id";
    static final String HEADER_REASON = "lazaret.reason";

    private final TopicNames topics;

    Outputs(TopicNames topics) {
        this.topics = topics;
    }

    Record<String, Emission> verdict(BatchVerdict verdict, long nowMs) {
        byte[] json = JsonSerde.<BatchVerdict>serializer().serialize(topics.trainingVerdicts(), verdict);
        Headers headers = KafkaHeaders.empty();
        headers.add(HEADER_BATCH_ID, utf8(verdict.batchId()));
        headers.add(HEADER_VERDICT, utf8(verdict.verdict().name()));
        return record(verdict.batchId(), topics.trainingVerdicts(), json, verdict, headers, nowMs);
    }

    /** A released record on the approved or rejected topic. */
    Record<String, Emission> released(String batchId, byte[] canonical, Verdict verdict, String reason, long nowMs) {
        Headers headers = KafkaHeaders.empty();
        headers.add(HEADER_BATCH_ID, utf8(batchId));
        headers.add(HEADER_VERDICT, utf8(verdict.name()));
        if (reason != null) {
            headers.add(HEADER_REASON, utf8(reason));
        }
        String topic = verdict == Verdict.APPROVED ? topics.trainingApproved() : topics.trainingRejected();
        return record(batchId, topic, canonical, null, headers, nowMs);
    }

    Record<String, Emission> candidate(String batchId, byte[] bundle, long nowMs) {
        return record(QuarantineTopics.candidateKey(batchId), references(), bundle, null, KafkaHeaders.empty(), nowMs);
    }

    Record<String, Emission> pinnedReference(String dataset, byte[] bundle, long nowMs) {
        return record(QuarantineTopics.referenceKey(dataset), references(), bundle, null, KafkaHeaders.empty(), nowMs);
    }

    Record<String, Emission> profile(String dataset, String referenceId, DatasetProfile profile, long nowMs) {
        Headers headers = KafkaHeaders.empty();
        headers.add(HEADER_REFERENCE_ID, utf8(referenceId));
        return record(dataset, topics.profiles(), ProfileCodec.encode(profile), null, headers, nowMs);
    }

    Record<String, Emission> referenceChange(String dataset, String referenceId, String action, String by, long nowMs) {
        return record(
                dataset,
                QuarantineTopics.auditRequests(topics.prefix()),
                QuarantineTopics.referenceChange(dataset, referenceId, action, by),
                null,
                KafkaHeaders.empty(),
                nowMs);
    }

    /**
     * @param source where the decision was read from, or {@code null} when unknown
     * @param sourceValue the decision's original bytes, or {@code null} when not known (then it is re-encoded)
     */
    Record<String, Emission> deadLetter(
            OperatorDecision decision, String detail, SourceStamp.Source source, byte[] sourceValue, long nowMs) {
        Headers headers = KafkaHeaders.empty();
        DeadLetterHeaders.add(
                headers,
                RejectReason.INVALID_VALUE,
                detail,
                source == null || source.topic() == null ? topics.trainingDecisions() : source.topic(),
                source == null ? -1 : source.partition(),
                source == null ? -1L : source.offset());
        byte[] json =
                sourceValue != null ? sourceValue : JsonSerde.serializer().serialize(topics.deadLetter(), decision);
        return record(decision.batchId(), topics.deadLetter(), json, null, headers, nowMs);
    }

    private String references() {
        return QuarantineTopics.references(topics.prefix());
    }

    private static Record<String, Emission> record(
            String key, String topic, byte[] value, BatchVerdict verdict, Headers headers, long nowMs) {
        return new Record<>(key, new Emission(topic, value, verdict), nowMs, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
