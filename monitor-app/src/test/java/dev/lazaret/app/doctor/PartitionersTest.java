package dev.lazaret.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class PartitionersTest {

    @Test
    void shouldPlaceKeysWhereTheJavaProducerDoes() {
        for (int i = 0; i < 1_000; i++) {
            String key = "batch-" + i;
            assertThat(Partitioners.javaMurmur2(key, 7))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 7));
        }
    }

    @Test
    void shouldHashWithTheStandardCrc32WhenPlacingKeysAsLibrdkafka() {
        // 0xCBF43926 is CRC-32's check value for "123456789"; librdkafka's rd_crc32 is that CRC
        assertThat(Partitioners.librdkafkaCrc32("123456789", Integer.MAX_VALUE))
                .isEqualTo((int) (0xCBF43926L % Integer.MAX_VALUE));
        assertThat(Partitioners.librdkafkaCrc32("123456789", 3)).isEqualTo((int) (0xCBF43926L % 3));
    }

    @Test
    void shouldDisagreeOnManyKeysWhichIsWhyClientsMustAgreeOnThePartitioner() {
        long differing = IntStream.range(0, 300)
                .mapToObj(i -> "batch-" + i)
                .filter(k -> Partitioners.javaMurmur2(k, 3) != Partitioners.librdkafkaCrc32(k, 3))
                .count();
        assertThat(differing).isGreaterThan(150);
    }
}
