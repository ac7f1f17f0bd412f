package org.transformerguide.playground.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** The float-precision approximations the GELU and softmax of FLOAT models use, against exact values. */
class GeluTest {

    @Test
    void erfApproximationIsExactToFloatPrecision() {
        double worst = 0;
        for (double x = -8; x <= 8; x += 1e-4) {
            worst = Math.max(worst, Math.abs(Gelu.erf(x) - Erf.erf(x)));
        }
        assertThat(worst).as("max |erf error| on [-8, 8]").isLessThan(1e-7);
    }

    @Test
    void expNegativeIsExactToFloatPrecisionAndZeroFarOut() {
        double worst = 0;
        for (double y = 0; y <= 80; y += 1e-3) {
            worst = Math.max(worst, Math.abs(Gelu.expNegative(y) / Math.exp(-y) - 1));
        }
        assertThat(worst).as("max relative error of e^-y on [0, 80]").isLessThan(3e-7);
        assertThat(Gelu.expNegative(1e6)).isLessThan(1e-34);
        assertThat(Gelu.expNegative(Double.POSITIVE_INFINITY)).isLessThan(1e-34);
    }

    @Test
    void bothPrecisionsGiveTheSameGeluAndDerivativeToFloatPrecision() {
        int n = 1001;
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = -10 + 20.0 * j / (n - 1);
        }
        double[] exact = x.clone();
        double[] fast = x.clone();
        double[] cdfExact = new double[n];
        double[] cdfFast = new double[n];
        Gelu.forward(exact, n, cdfExact, 0, true);
        Gelu.forward(fast, n, cdfFast, 0, false);
        double[] dExact = new double[n];
        double[] dFast = new double[n];
        java.util.Arrays.fill(dExact, 1);
        java.util.Arrays.fill(dFast, 1);
        Gelu.backward(x, dExact, n, cdfExact, 0, true);
        Gelu.backward(x, dFast, n, cdfFast, 0, false);
        for (int j = 0; j < n; j++) {
            assertThat(Math.abs(fast[j] - exact[j])).as("GELU(%f)", x[j]).isLessThan(1e-6);
            assertThat(Math.abs(dFast[j] - dExact[j])).as("GELU'(%f)", x[j]).isLessThan(1e-6);
            // and the derivative is the derivative: a central difference of the exact GELU
            double h = 1e-5;
            double plus = (x[j] + h) * 0.5 * (1 + Erf.erf((x[j] + h) / Math.sqrt(2)));
            double minus = (x[j] - h) * 0.5 * (1 + Erf.erf((x[j] - h) / Math.sqrt(2)));
            assertThat(dExact[j]).as("GELU'(%f) by finite differences", x[j]).isCloseTo((plus - minus) / (2 * h), org.assertj.core.api.Assertions.within(1e-8));
        }
    }
}
