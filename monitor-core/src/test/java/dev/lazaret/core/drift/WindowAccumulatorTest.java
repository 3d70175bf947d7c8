package dev.lazaret.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.contract.FeatureMap;
import dev.lazaret.core.contract.FeatureVector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowAccumulatorTest {

    private static byte[] encodedAfter(int features, int events) {
        Random random = new Random(3);
        WindowAccumulator window = WindowAccumulator.open(0);
        for (int e = 0; e < events; e++) {
            Map<String, Object> row = new HashMap<>();
            for (int f = 0; f < features; f++) {
                row.put("f" + f, random.nextGaussian());
            }
            window.addEvent(row, Map.of(), "", 0, 0);
        }
        return window.encode();
    }

    @Test
    void shouldStayBoundedPerFeatureWhenEventsGrow() {
        int empty = encodedAfter(0, 1).length;
        int perFeatureSmall = (encodedAfter(20, 1_000).length - empty) / 20;
        int perFeatureLarge = (encodedAfter(20, 50_000).length - empty) / 20;
        System.out.printf(
                "window state: %d bytes fixed, %d bytes per numeric feature after 1,000 events, %d after 50,000%n",
                empty, perFeatureSmall, perFeatureLarge);
        // KLL k=200 grows only logarithmically; the detectors README measured 5,066 bytes after 1,000,000 updates.
        assertThat(perFeatureLarge).isLessThan(6_000);
        assertThat(perFeatureLarge).isLessThan(perFeatureSmall * 3);
    }

    @Test
    void shouldRoundTripWhenEncoded() {
        WindowAccumulator window = WindowAccumulator.open(42_000);
        window.addEvent(Map.of("x", 1.5, "c", "a"), Map.of(Reference.SCORE, 0.5), "v7", 1, 1);
        window.addLabel(true, false);
        window.addLabel(true, true);
        window.addLabel(false, false);
        window.markScoreChange();

        WindowAccumulator decoded = WindowAccumulator.decode(window.encode());

        assertThat(decoded.windowStartMs()).isEqualTo(42_000);
        assertThat(decoded.events()).isEqualTo(1);
        assertThat(decoded.numericValues()).isEqualTo(1);
        assertThat(decoded.outliers()).isEqualTo(1);
        assertThat(decoded.labelled()).isEqualTo(3);
        assertThat(decoded.errors()).isEqualTo(2);
        assertThat(decoded.performanceChange()).isTrue();
        assertThat(decoded.scoreChange()).isTrue();
        assertThat(decoded.versions()).containsEntry("v7", 1L);
        assertThat(decoded.inputs().features()).containsOnlyKeys("x", "c");
        assertThat(decoded.encode()).isEqualTo(window.encode());
    }

    @Test
    void shouldFoldVersionsBeyondTheCapIntoOther() {
        WindowAccumulator window = WindowAccumulator.open(0);
        for (int v = 0; v < 20; v++) {
            window.addEvent(Map.of(), Map.of(), "v" + v, 0, 0);
        }
        assertThat(window.versions()).hasSize(17).containsEntry("__other__", 4L);
    }

    /**
     * The parsed-event path (a {@link FeatureMap}, prediction and score as arguments) accumulates exactly what the map
     * path does with the event's scalars and its outputs in a map: the same encoded window, byte for byte, over events
     * with nulls, type mismatches against the kind a feature took first, booleans, vectors (left out) and missing
     * outputs. Fewer events than KLL's k, so no sketch compacts: a compaction's random choice would make two equal
     * streams encode differently.
     */
    @Test
    void parsedEventsAccumulateAsTheirMapsDo() {
        Random random = new Random(11);
        WindowAccumulator byMap = WindowAccumulator.open(0);
        WindowAccumulator parsed = WindowAccumulator.open(0);
        for (int e = 0; e < 190; e++) {
            FeatureMap.Builder features = FeatureMap.builder(4);
            Map<String, Object> scalars = new LinkedHashMap<>();
            for (int f = 0; f < 8; f++) {
                String name = "f" + f;
                int kind = random.nextInt(20);
                Object value;
                if (kind == 0) {
                    value = null;
                } else if (kind == 1) {
                    value = "c" + random.nextInt(3); // text in a numeric feature, or the first value of one
                } else if (kind == 2) {
                    value = random.nextBoolean();
                } else if (kind == 3) {
                    value = new FeatureVector(new double[] {random.nextGaussian()});
                } else if (f % 2 == 0) {
                    value = random.nextGaussian();
                } else {
                    value = "c" + random.nextInt(5);
                }
                if (value instanceof Double d) {
                    features.putNumber(name, d);
                } else {
                    features.put(name, value);
                }
                if (!(value instanceof FeatureVector)) {
                    scalars.put(name, value);
                }
            }
            String prediction = random.nextInt(10) == 0 ? null : "p" + random.nextInt(3);
            Double score = random.nextInt(10) == 0 ? null : random.nextDouble();
            Map<String, Object> outputs = new HashMap<>();
            outputs.put(Reference.PREDICTION, prediction);
            outputs.put(Reference.SCORE, score);
            String version = "v" + random.nextInt(20);
            byMap.addEvent(scalars, outputs, version, e % 3, e % 2);
            parsed.addEvent(features.build(), prediction, score, version, e % 3, e % 2);
        }
        assertThat(parsed.encode()).isEqualTo(byMap.encode());
        assertThat(parsed.inputs().typeMismatches()).isNotEmpty(); // the mismatches were exercised
        assertThat(parsed.inputs().features().get("f0").nullCount()).isPositive();
    }
}
