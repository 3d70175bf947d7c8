package dev.lazaret.detectors.sequential;

import java.util.SplittableRandom;

class HddmADetectorTest extends ChangeDetectorContractTest {

    @Override
    ChangeDetector create() {
        return HddmADetector.withDefaults();
    }

    // Error rate 0.1 -> 0.6.
    @Override
    double preChange(SplittableRandom random) {
        return GaussianStreams.bernoulli(random, 0.1);
    }

    @Override
    double postChange(SplittableRandom random) {
        return GaussianStreams.bernoulli(random, 0.6);
    }

    @Override
    int maxDetectionDelay() {
        return 80;
    }

    @Override
    double[] constantValues() {
        return new double[] {0, 1};
    }
}
