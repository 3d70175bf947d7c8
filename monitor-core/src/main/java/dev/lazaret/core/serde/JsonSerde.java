package dev.lazaret.core.serde;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON (snake_case) for Lazaret's own output records and internal values: verdicts, reports, alerts. Input topics
 * never use it; they go through the explicit parse step instead.
 */
public final class JsonSerde {
    // Private because an ObjectMapper is mutable: one caller's configure() would change every topic's format.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();

    private JsonSerde() {}

    /** Reads Lazaret JSON (snake_case, unknown fields tolerated); immutable, so safe to share and to derive from. */
    public static ObjectReader reader() {
        return READER;
    }

    /** Writes Lazaret JSON (snake_case); immutable, so safe to share and to derive from. */
    public static ObjectWriter writer() {
        return WRITER;
    }

    public static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(serializer(), deserializer(type));
    }

    public static <T> Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return WRITER.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException(
                        "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
            }
        };
    }

    public static <T> Deserializer<T> deserializer(Class<T> type) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return READER.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from JSON", e);
            }
        };
    }
}
