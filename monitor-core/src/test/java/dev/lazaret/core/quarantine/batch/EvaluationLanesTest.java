package dev.lazaret.core.quarantine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads that wait on each other: a mistake here would hang, so each test has a deadline. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EvaluationLanesTest {

    /** Lanes interleaved on any number of threads and blocks: each lane's work ran in the order it was added. */
    @Property(tries = 40)
    void shouldRunEachLanesWorkInOrder(
            @ForAll @IntRange(min = 0, max = 3) int threads,
            @ForAll @IntRange(min = 1, max = 50) int blockRecords,
            @ForAll @IntRange(min = 1, max = 4) int laneCount,
            @ForAll @IntRange(min = 0, max = 600) int records) {
        try (EvaluationLanes lanes = new EvaluationLanes(threads, blockRecords)) {
            List<EvaluationLanes.Lane> open = new ArrayList<>();
            List<List<Integer>> seen = new ArrayList<>();
            for (int l = 0; l < laneCount; l++) {
                open.add(lanes.lane());
                seen.add(new ArrayList<>()); // written by the workers, read after drain
            }
            for (int i = 0; i < records; i++) {
                for (int l = 0; l < laneCount; l++) {
                    int value = i;
                    List<Integer> out = seen.get(l);
                    open.get(l).add(() -> out.add(value));
                }
            }
            for (int l = 0; l < laneCount; l++) {
                assertThat(open.get(l).drain()).isNull();
                assertThat(seen.get(l))
                        .containsExactlyElementsOf(
                                IntStream.range(0, records).boxed().toList());
            }
        }
    }

    @Test
    void shouldRunOnTheCallersThreadWithoutWorkers() {
        try (EvaluationLanes lanes = new EvaluationLanes(0)) {
            EvaluationLanes.Lane lane = lanes.lane();
            List<String> ran = new ArrayList<>();
            lane.add(() -> ran.add(Thread.currentThread().getName()));
            assertThat(ran).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void shouldReportTheFailureAndRunNothingAfterIt() {
        try (EvaluationLanes lanes = new EvaluationLanes(1, 4)) {
            EvaluationLanes.Lane lane = lanes.lane();
            List<Integer> ran = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int value = i;
                lane.add(() -> {
                    if (value == 6) {
                        throw new IllegalStateException("record 6 is bad");
                    }
                    ran.add(value);
                });
            }
            assertThat(lane.drain()).isInstanceOf(IllegalStateException.class).hasMessage("record 6 is bad");
            assertThat(ran).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    void shouldSkipTheWorkOfAnAbandonedLane() throws InterruptedException {
        try (EvaluationLanes lanes = new EvaluationLanes(1, 2)) {
            EvaluationLanes.Lane lane = lanes.lane();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> ran = new ArrayList<>();
            lane.add(() -> {
                started.countDown();
                await(release);
                ran.add(0);
            });
            // blocks of 2: as many blocks as may be in flight, so that no add waits for the first one
            for (int i = 1; i < 2 * EvaluationLanes.BLOCKS_IN_FLIGHT; i++) {
                int value = i;
                lane.add(() -> ran.add(value));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            lane.abandon();
            release.countDown();
            assertThat(lane.drain()).isNull();
            assertThat(ran).containsExactly(0);
        }
    }

    /** A revived task initialises its processor again after closing it: the lanes start new workers. */
    @Test
    void shouldWorkAgainAfterClose() {
        EvaluationLanes lanes = new EvaluationLanes(1, 1);
        EvaluationLanes.Lane before = lanes.lane();
        List<Integer> ran = new ArrayList<>();
        before.add(() -> ran.add(1));
        assertThat(before.drain()).isNull();
        lanes.close();

        EvaluationLanes.Lane after = lanes.lane();
        after.add(() -> ran.add(2));
        after.add(() -> ran.add(3));
        assertThat(after.drain()).isNull();
        assertThat(ran).containsExactly(1, 2, 3);
        lanes.close();
    }

    /** Workers that fall behind hold the adding thread back instead of queueing without end. */
    @Test
    void shouldHoldTheAddingThreadBackWhenTheWorkersAreBehind() throws InterruptedException {
        try (EvaluationLanes lanes = new EvaluationLanes(1, 1)) {
            EvaluationLanes.Lane lane = lanes.lane();
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> ran = new ArrayList<>();
            int records = EvaluationLanes.BLOCKS_IN_FLIGHT + 3;
            Thread adder = new Thread(() -> {
                for (int i = 0; i < records; i++) {
                    int value = i;
                    lane.add(() -> {
                        await(release);
                        ran.add(value);
                    });
                }
            });
            adder.start();
            // every block is one record: the first runs (and waits), the next ones fill the places in flight
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (adder.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(adder.getState()).isEqualTo(Thread.State.WAITING);
            release.countDown();
            adder.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(adder.isAlive()).isFalse();
            assertThat(lane.drain()).isNull();
            assertThat(ran)
                    .containsExactlyElementsOf(
                            IntStream.range(0, records).boxed().toList());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
