package dev.lazaret.detectors.compare;

/** The limiting Kolmogorov distribution of sqrt(n)·D. */
final class KolmogorovDistribution {

    private KolmogorovDistribution() {}

    /**
     * Returns P(K > lambda) for the Kolmogorov limit K. Uses the theta-function series for small lambda, where the
     * alternating series converges slowly, and the alternating series otherwise.
     */
    static double survival(double lambda) {
        if (lambda <= 0) {
            return 1.0;
        }
        if (lambda < 1.18) {
            double sum = 0;
            double c = Math.PI * Math.PI / (8 * lambda * lambda);
            for (int k = 1; k <= 20; k++) {
                double odd = 2 * k - 1;
                sum += Math.exp(-odd * odd * c);
            }
            return Math.min(1.0, Math.max(0.0, 1 - Math.sqrt(2 * Math.PI) / lambda * sum));
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1) ? term : -term;
            if (term < 1e-300) {
                break;
            }
        }
        return Math.min(1.0, Math.max(0.0, 2 * sum));
    }
}
