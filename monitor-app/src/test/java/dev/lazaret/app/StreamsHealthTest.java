package dev.lazaret.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final StreamsHealth health = new StreamsHealth(now::get, Duration.ofSeconds(30));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    StreamsHealthTest() {
        health.bindTo(registry);
    }

    @Test
    void shouldBeHealthyWhenRunningWithLiveThreadsAndNoFailure() {
        assertThat(health.problem(KafkaStreams.State.RUNNING, List.of("RUNNING", "RUNNING")))
                .isNull();
    }

    @Test
    void shouldBeUnhealthyWhenNotRunningOrAThreadIsDead() {
        assertThat(health.problem(KafkaStreams.State.REBALANCING, List.of())).contains("REBALANCING");
        assertThat(health.problem(KafkaStreams.State.ERROR, List.of())).contains("ERROR");
        assertThat(health.problem(KafkaStreams.State.RUNNING, List.of("RUNNING", "DEAD")))
                .contains("DEAD");
    }

    @Test
    void shouldStayUnhealthyUntilAQuietPeriodPassesWithoutAThreadFailure() {
        health.recordThreadFailure();
        assertThat(health.problem(KafkaStreams.State.RUNNING, List.of("RUNNING")))
                .contains("failed 0 s ago and was replaced");

        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(health.problem(KafkaStreams.State.RUNNING, List.of("RUNNING")))
                .isNotNull();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(health.problem(KafkaStreams.State.RUNNING, List.of("RUNNING")))
                .isNull();
        assertThat(registry.get(StreamsHealth.THREAD_FAILURES).counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldReportARestartLoopWhileFailuresRepeatAndEndItAfterTheWindow() {
        for (int i = 0; i < 3; i++) {
            health.recordThreadFailure();
            now.addAndGet(Duration.ofSeconds(20).toNanos());
        }
        assertThat(registry.get(StreamsHealth.RESTART_LOOP).gauge().value()).isEqualTo(1.0);
        assertThat(health.problem(KafkaStreams.State.RUNNING, List.of("RUNNING")))
                .contains("restart loop");

        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(registry.get(StreamsHealth.RESTART_LOOP).gauge().value()).isEqualTo(0.0);
        assertThat(health.problem(KafkaStreams.State.RUNNING, List.of("RUNNING")))
                .isNull();
        assertThat(registry.get(StreamsHealth.THREAD_FAILURES).counter().count())
                .isEqualTo(3.0);
    }
}
