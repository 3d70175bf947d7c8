package dev.lazaret.detectors.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lazaret.detectors.policy.DriftPolicy;
import dev.lazaret.detectors.profile.DatasetProfile;
import org.junit.jupiter.api.Test;

/** The mean-shift figure against numpy on fixed data. */
class MeanShiftGoldenTest {
    @Test
    void rmsStandardisedShiftEqualsNumpy() {
        double[] mu = {0.0, 1.0, -2.0, 5.0};
        double[] sd = {1.0, 0.5, 2.0, 4.0};
        double[] m = {0.3, 0.9, -1.0, 9.0};
        // import numpy as np; mu=np.array([0,1,-2,5.]); sd=np.array([1,.5,2,4.]); m=np.array([.3,.9,-1,9.])
        // np.sqrt(np.mean(((m-mu)/sd)**2)) -> 0.5873670062235365
        assertThat(MeanShift.rmsStandardised(mu, sd, m)).isCloseTo(0.5873670062235365, within(1e-12));
    }

    @Test
    void perProjectionMeanTestPValuesEqualScipy() {
        // import numpy as np; from scipy import stats
        // mr=np.array([0.,1.,-2.]); vr=np.array([1.,.25,4.]); N=5000
        // mw=np.array([.05,.9,-2.3]); vw=np.array([1.2,.3,3.5]); n=1000
        // z=(mw-mr)/np.sqrt(vr/N+vw/n); 2*stats.norm.sf(np.abs(z))
        //   -> [0.18144920772142048, 9.030488680364788e-08, 4.763175554746987e-06]
        double[] p = MeanShift.pValues(
                new double[] {0, 1, -2},
                new double[] {1, 0.25, 4},
                5_000,
                new double[] {0.05, 0.9, -2.3},
                new double[] {1.2, 0.3, 3.5},
                1_000);
        assertThat(p[0]).isCloseTo(0.18144920772142048, within(1e-12));
        assertThat(p[1]).isCloseTo(9.030488680364788e-08, org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(p[2]).isCloseTo(4.763175554746987e-06, org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(MeanShift.pValues(new double[] {1}, new double[] {0}, 10, new double[] {1}, new double[] {0}, 10)[0])
                .isNaN();
    }

    @Test
    void aProjectionWithoutSpreadIsLeftOut() {
        // np.sqrt(np.mean(((np.array([.3,-1.])-np.array([0,-2.]))/np.array([1,2.]))**2)) -> 0.412310562561766
        assertThat(MeanShift.rmsStandardised(
                        new double[] {0, 7, -2}, new double[] {1, 0, 2}, new double[] {0.3, 8, -1}))
                .isCloseTo(0.412310562561766, within(1e-12));
        assertThat(MeanShift.rmsStandardised(new double[] {1}, new double[] {0}, new double[] {2}))
                .isNaN();
    }

    /** The judge's figure on fixed projections: reference sd is the sample sd (ddof = 1), as NumericProfile's. */
    @Test
    void theJudgesMeanShiftUsesTheSampleStandardDeviationOfTheReference() {
        double[][] ref = {{1, 2}, {2, 4}, {3, 3}, {4, 8}, {5, 1}};
        double[][] win = {{4, 4}, {6, 2}, {5, 9}};
        DatasetProfile r = ProjectedSketches.create(2);
        DatasetProfile w = ProjectedSketches.create(2);
        for (double[] row : ref) {
            r.update(java.util.Map.of("p00", row[0], "p01", row[1]), null);
        }
        for (double[] row : win) {
            w.update(java.util.Map.of("p00", row[0], "p01", row[1]), null);
        }
        // r=np.array([[1,2],[2,4],[3,3],[4,8],[5,1.]]); w=np.array([[4,4],[6,2],[5,9.]])
        // np.sqrt(np.mean(((w.mean(0)-r.mean(0))/r.std(0,ddof=1))**2)) -> 0.9665643151609031
        assertThat(EmbeddingJudge.judge("emb", new EmbeddingReference(2, 1L, r), w, DriftPolicy.defaults())
                        .meanShift())
                .isCloseTo(0.9665643151609031, within(1e-12));
    }
}
