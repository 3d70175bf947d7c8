package dev.lazaret.core.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lazaret.core.contract.Feedback;
import dev.lazaret.core.contract.InferenceEvent;
import dev.lazaret.core.contract.RecalibrationRequest;
import dev.lazaret.core.serde.JsonSerde;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed record back in contract form, for the dead-letter topic: the drift step sees parsed values, not the
 * original bytes, so this stands in for them.
 */
final class ContractJson {
    private ContractJson() {}

    static byte[] of(InferenceEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_id", e.eventId());
        json.put("model", e.model());
        json.put("model_version", e.modelVersion());
        json.put("timestamp", e.timestampMs());
        json.put("features", e.features());
        json.put("prediction", e.prediction());
        json.put("score", e.score());
        if (e.scores() != null) {
            json.put("scores", e.scores());
        }
        return write(json);
    }

    static byte[] of(Feedback f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_id", f.eventId());
        json.put("model", f.model());
        json.put("label", f.label());
        json.put("timestamp", f.timestampMs());
        return write(json);
    }

    static byte[] of(RecalibrationRequest r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", r.model());
        json.put("operator", r.operator());
        json.put("reason", r.reason());
        return write(json);
    }

    private static byte[] write(Map<String, Object> json) {
        try {
            return JsonSerde.writer().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a parsed record as JSON", e);
        }
    }
}
