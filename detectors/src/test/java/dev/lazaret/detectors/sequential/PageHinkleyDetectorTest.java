package dev.lazaret.detectors.sequential;

import java.util.SplittableRandom;

class PageHinkleyDetectorTest extends ChangeDetectorContractTest {

    @Override
    ChangeDetector create() {
        return PageHinkleyDetector.withDefaults();
    }

    // Mean 0 -> 3 with unit variance: a three-sigma shift.
    @Override
    double preChange(SplittableRandom random) {
        return GaussianStreams.gaussian(random, 0, 1);
    }

    @Override
    double postChange(SplittableRandom random) {
        return GaussianStreams.gaussian(random, 3, 1);
    }

    @Override
    int maxDetectionDelay() {
        return 40;
    }

    @Override
    double[] constantValues() {
        return new double[] {0, 1, -7.25, 1e6};
    }
}
