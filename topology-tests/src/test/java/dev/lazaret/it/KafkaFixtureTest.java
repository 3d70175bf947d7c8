package dev.lazaret.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class KafkaFixtureTest {

    @Test
    void shouldUseTheBrokerImageOfTheKafkaVersionTheBuildPins() {
        assertThat(KafkaFixture.KAFKA_IMAGE).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    }
}
