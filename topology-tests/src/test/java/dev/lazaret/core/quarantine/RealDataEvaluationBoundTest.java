package dev.lazaret.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The evaluation's power bounds and intervals against scipy 1.17.1 (the exact call beside each value). */
class RealDataEvaluationBoundTest {

    @Test
    void shouldMatchScipyForTheKnownRateBound() {
        // p1 = 0.9 * 0.21614583333333334 + 0.1 * 0.68; crit = binom.isf(1e-3, 200, 0.21614583333333334) + 1 = 63;
        // binom.sf(crit - 1, 200, p1) = 0.05612202190671491
        assertThat(RealDataEvaluation.flipPowerBound(0.21614583333333334, 0.68, 0.10, 200, 1e-3))
                .isCloseTo(0.05612202190671491, within(1e-12));
    }

    @Test
    void shouldMatchScipyForTheSampleRateBound() {
        // sum over y = 0..m of binom.pmf(y, m, p0) * binom.pmf(x, n, p1)[hypergeom.sf(x - 1, n + m, x + y, n) <=
        // 1e-3].sum(),
        // x = np.arange(n + 1), p1 = (1 - s) p0 + s f; (p0, f, s, n, m) = (0.21614583333333334, 0.68, 0.10, 200, 384):
        // 0.02725324768190216; (0.07, 0.98, 0.05, 200, 1000): 0.13950908102128462
        assertThat(RealDataEvaluation.sampleFlipPowerBound(0.21614583333333334, 0.68, 0.10, 200, 384, 1e-3))
                .isCloseTo(0.02725324768190216, within(1e-9));
        assertThat(RealDataEvaluation.sampleFlipPowerBound(0.07, 0.98, 0.05, 200, 1000, 1e-3))
                .isCloseTo(0.13950908102128462, within(1e-9));
    }

    @Test
    void shouldMatchScipyForClopperPearson() {
        // beta.ppf(0.025, 3, 198) = 0.003104107621553509, beta.ppf(0.975, 4, 197) = 0.0432082819177126
        assertThat(RealDataEvaluation.clopperPearson(3, 200))
                .containsExactly(new double[] {0.003104107621553509, 0.0432082819177126}, within(1e-10));
        // beta.ppf(0.975, 1, 200) = 0.01827534035513624
        assertThat(RealDataEvaluation.clopperPearson(0, 200))
                .containsExactly(new double[] {0, 0.01827534035513624}, within(1e-10));
    }
}
