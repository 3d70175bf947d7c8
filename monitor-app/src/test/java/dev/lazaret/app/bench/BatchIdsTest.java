package dev.lazaret.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

class BatchIdsTest {
    /** The oracle is the producer's own code for keyed records (an internal class: tests are not import-checked). */
    @Property(tries = 200)
    void anIdLandsOnTheChosenPartitionAsKafkasProducerPlacesIt(
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String base,
            @ForAll @IntRange(min = 1, max = 8) int partitions,
            @ForAll @IntRange(min = 0, max = 7) int wanted) {
        int partition = wanted % partitions;

        String id = BatchIds.onPartition(base, partition, partitions);

        assertThat(id).startsWith(base);
        assertThat(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions))
                .isEqualTo(partition);
    }
}
