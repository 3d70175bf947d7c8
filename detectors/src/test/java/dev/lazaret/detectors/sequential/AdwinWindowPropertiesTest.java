package dev.lazaret.detectors.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** ADWIN keeps a suffix of the stream: its width, mean and variance must be those of the last {@code width} values. */
class AdwinWindowPropertiesTest {

    @Property(tries = 30)
    void shouldSummariseExactlyTheLatestValuesWhenWindowShrinks(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int length) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            // Several regimes, so the window is cut a few times.
            double mean = (i / 700) % 2 == 0 ? 0 : 4;
            values[i] = GaussianStreams.gaussian(random, mean, 1);
        }
        AdwinDetector adwin = AdwinDetector.withDefaults();
        for (double value : values) {
            adwin.update(value);
        }
        long width = adwin.width();
        assertThat(width).isBetween(1L, (long) length);
        double sum = 0;
        for (int i = length - (int) width; i < length; i++) {
            sum += values[i];
        }
        double mean = sum / width;
        double squares = 0;
        for (int i = length - (int) width; i < length; i++) {
            squares += (values[i] - mean) * (values[i] - mean);
        }
        assertThat(adwin.estimation()).isCloseTo(mean, within(1e-9));
        assertThat(adwin.variance()).isCloseTo(squares / width, within(1e-9));
    }

    @Property(tries = 10)
    void shouldUseLogarithmicMemoryWhenStreamIsLong(@ForAll @IntRange(min = 1000, max = 60_000) int length) {
        AdwinDetector adwin = AdwinDetector.withDefaults();
        SplittableRandom random = new SplittableRandom(length);
        for (int i = 0; i < length; i++) {
            adwin.update(random.nextDouble());
        }
        // At most M buckets per size class and about log2(W) classes; 63 header bytes, 16 bytes per bucket.
        int rows = 64 - Long.numberOfLeadingZeros(adwin.width());
        int encodedBuckets = (adwin.encode().length - 63) / 16;
        assertThat(encodedBuckets).isLessThanOrEqualTo(adwin.parameters().maxBuckets() * (rows + 1));
    }
}
