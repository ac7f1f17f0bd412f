package org.transformerguide.playground.model;

import org.apache.commons.math3.special.Erf;

/**
 * The exact GELU, x Φ(x) with Φ the standard normal distribution function, as in PyTorch's
 * {@code nn.GELU()} (nanoGPT) and the guide; its derivative (transformers_math.md §2, "Elementwise
 * functions") is Φ(x) + x φ(x), φ the normal density. Applied one row at a time in plain Java (see
 * {@link NativeRows}).
 *
 * <p>Java has no erf, and a call to {@code Math.exp} per element would cost more than all the model's
 * matrix products on these rows, so a FLOAT model uses two approximations that are exact to float32
 * precision and compile to vectorized loops: Eigen's rational erf (|error| < 1e-7, checked in
 * GeluTest) and e^(−y) as (e^(−y/256))^256 with a degree-8 Taylor polynomial (relative error
 * < 3e-7). A DOUBLE model (the gradient check) uses Apache Commons Math's erf and {@code Math.exp}.
 */
final class Gelu {

    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Gelu() {
    }

    /** row ← GELU(row), keeping Φ(row) in cdf[at..at+n) for the backward pass. */
    static void forward(double[] row, int n, double[] cdf, int at, boolean exact) {
        if (exact) {
            for (int j = 0; j < n; j++) {
                cdf[at + j] = 0.5 * (1 + Erf.erf(row[j] * INV_SQRT_2)); // Φ(x)
            }
        } else {
            for (int j = 0; j < n; j++) { // the same with the float-precision erf; a loop of its own so it vectorizes
                cdf[at + j] = 0.5 * (1 + erf(row[j] * INV_SQRT_2));     // Φ(x)
            }
        }
        for (int j = 0; j < n; j++) {
            row[j] *= cdf[at + j];                                      // x Φ(x)
        }
    }

    /** dOut ← dOut ⊙ (Φ(x) + x φ(x)) for one row: x the GELU's input, Φ(x) kept by the forward pass. */
    static void backward(double[] x, double[] dOut, int n, double[] cdf, int at, boolean exact) {
        if (exact) {
            for (int j = 0; j < n; j++) {
                double density = INV_SQRT_2PI * Math.exp(-0.5 * x[j] * x[j]);      // φ(x)
                dOut[j] *= cdf[at + j] + x[j] * density;                          // dL/dx
            }
        } else {
            for (int j = 0; j < n; j++) {
                double density = INV_SQRT_2PI * expNegative(0.5 * x[j] * x[j]);   // φ(x)
                dOut[j] *= cdf[at + j] + x[j] * density;                          // dL/dx
            }
        }
    }

    /**
     * erf(x) to float32 precision: x P(x²) / Q(x²) on [−4, 4] (beyond, erf is ±1 in float), Eigen's
     * {@code generic_fast_erf_float} coefficients.
     */
    static double erf(double x) {
        double z = Math.max(-4, Math.min(4, x));
        double z2 = z * z;
        double p = -2.72614225801306e-10;
        p = p * z2 + 2.77068142495902e-08;
        p = p * z2 - 2.10102402082508e-06;
        p = p * z2 - 5.69250639462346e-05;
        p = p * z2 - 7.34990630326855e-04;
        p = p * z2 - 2.95459980854025e-03;
        p = p * z2 - 1.60960333262415e-02;
        double q = -1.45660718464996e-05;
        q = q * z2 - 2.13374055278905e-04;
        q = q * z2 - 1.68282697438203e-03;
        q = q * z2 - 7.37332916720468e-03;
        q = q * z2 - 1.42647390514189e-02;
        return z * p / q;
    }

    /** e^(−y) for y ≥ 0 to float32 precision, with multiplications only: (e^(−y/256))^256, clamped at y = 80 (e^−80 ≈ 2e-35). */
    static double expNegative(double y) {
        double u = Math.min(y, 80) * (1.0 / 256);
        double e = 1 - u * (1 - u * 0.5 * (1 - u * (1.0 / 3) * (1 - u * 0.25 * (1 - u * 0.2
                * (1 - u * (1.0 / 6) * (1 - u * (1.0 / 7) * (1 - u * 0.125))))))); // e^(−u), Taylor to u⁸
        e *= e; // e^(−2u)
        e *= e;
        e *= e;
        e *= e;
        e *= e;
        e *= e;
        e *= e;
        e *= e; // e^(−256u)
        return e;
    }
}
