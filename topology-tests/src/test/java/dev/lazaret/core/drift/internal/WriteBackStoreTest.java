package dev.lazaret.core.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-back store's safety rests on Kafka Streams flushing it on every commit, before the transaction; a
 * kafka-streams upgrade that stopped calling the hook would lose state on a crash, and this test would fail.
 */
class WriteBackStoreTest {
    @TempDir
    Path stateDir;

    /** A value the test can see encoded. */
    private record Text(String value) implements WriteBackStore.Encodable {
        @Override
        public byte[] encode() {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        static Text decode(byte[] bytes) {
            return new Text(new String(bytes, StandardCharsets.UTF_8) + " (stored)");
        }
    }

    @Test
    void shouldWriteChangesToTheStoreWhenTheTaskCommits() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(WriteBackStore.builder("wb"));
        builder.stream(
                        "in",
                        org.apache.kafka.streams.kstream.Consumed.with(
                                org.apache.kafka.common.serialization.Serdes.String(),
                                org.apache.kafka.common.serialization.Serdes.String()))
                .process(
                        () -> new ContextualProcessor<String, String, Void, Void>() {
                            private WriteBackStore store;

                            @Override
                            public void init(ProcessorContext<Void, Void> context) {
                                super.init(context);
                                store = context.getStateStore("wb");
                            }

                            @Override
                            public void process(Record<String, String> record) {
                                store.put(record.key(), new Text(record.value()));
                            }
                        },
                        "wb");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-back-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> in =
                    driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("k", "v1");
            in.pipeInput("k", "v2");

            // The test driver commits after each record; the value now comes back decoded from the inner store.
            WriteBackStore store = (WriteBackStore) driver.getStateStore("wb");
            assertThat(store.get("k", Text::decode)).isEqualTo(new Text("v2 (stored)"));
        }
    }
}
