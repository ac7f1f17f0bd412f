package org.transformerguide.playground.kernels;

/**
 * The two transcendental functions the model needs, in forms that vectorize (multiplications, additions
 * and one division, no library call per element): erf to float precision and e^(−y) for y ≥ 0.
 * Both kernel implementations use exactly these formulas, so they agree to rounding.
 */
final class Erf {

    static final float INV_SQRT_2 = (float) (1 / Math.sqrt(2));
    static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    /** erf is ±1 in float beyond |x| = 4; the rational form is fitted on [−4, 4]. */
    static final float CLAMP = 4f;
    /** e^(−87) ≈ 1.6e−38 is near float's smallest normal number; larger arguments are clamped. */
    static final float EXP_CLAMP = 87f;
    static final float LOG2_E = (float) (1 / Math.log(2));
    static final float LN_2 = (float) Math.log(2);
    static final float E2 = 1f / 2, E3 = 1f / 6, E4 = 1f / 24, E5 = 1f / 120, E6 = 1f / 720, E7 = 1f / 5040;
    /** 1.5·2²³: adding it to |t| < 2²² rounds t to an integer held in the sum's low mantissa bits. */
    static final float ROUNDING = 12582912f;
    static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);

    // erf(x) ≈ x P(x²) / Q(x²) on [−4, 4]: the coefficients of Eigen's float erf (|error| < 1e−7 there).
    static final float P0 = -2.72614225801306e-10f;
    static final float P1 = 2.77068142495902e-08f;
    static final float P2 = -2.10102402082508e-06f;
    static final float P3 = -5.69250639462346e-05f;
    static final float P4 = -7.34990630326855e-04f;
    static final float P5 = -2.95459980854025e-03f;
    static final float P6 = -1.60960333262415e-02f;
    static final float Q0 = -1.45660718464996e-05f;
    static final float Q1 = -2.13374055278905e-04f;
    static final float Q2 = -1.68282697438203e-03f;
    static final float Q3 = -7.37332916720468e-03f;
    static final float Q4 = -1.42647390514189e-02f;

    private Erf() {
    }

    /** erf(x), absolute error below 1e−6 in float arithmetic (ErfTest checks it against Commons Math). */
    static float erf(float x) {
        float z = Math.max(-CLAMP, Math.min(CLAMP, x));
        float z2 = z * z;
        float p = P0;
        p = p * z2 + P1;
        p = p * z2 + P2;
        p = p * z2 + P3;
        p = p * z2 + P4;
        p = p * z2 + P5;
        p = p * z2 + P6;
        float q = Q0;
        q = q * z2 + Q1;
        q = q * z2 + Q2;
        q = q * z2 + Q3;
        q = q * z2 + Q4;
        return z * p / q;
    }

    /**
     * e^(−y) for y ≥ 0, relative error below 1e−6 + 6e−8·y (the second term is float's rounding of
     * y·log₂e, the same for any float exp; KernelsTest measures both): with t = −min(y, 87)·log₂e = n + f (n the nearest
     * integer, |f| ≤ ½), e^(−y) = 2ⁿ · e^(f ln 2); 2ⁿ is built from its exponent bits and e^(f ln 2)
     * is its Taylor polynomial to degree 7 (|f ln 2| ≤ 0.35, remainder below 1e−8). n comes from adding
     * 1.5·2²³, which leaves the rounded integer in the low bits of the sum (the vector kernel's way too).
     */
    static float expNegative(float y) {
        float t = -Math.min(y, EXP_CLAMP) * LOG2_E;
        float shifted = t + ROUNDING;
        float g = (t - (shifted - ROUNDING)) * LN_2;
        int n = Float.floatToRawIntBits(shifted) - ROUNDING_BITS;
        return taylorExp(g) * Float.intBitsToFloat((n + 127) << 23);
    }

    /** e^g for |g| ≤ 0.35 by Horner's rule on the Taylor series to g⁷. */
    static float taylorExp(float g) {
        float p = E7;
        p = p * g + E6;
        p = p * g + E5;
        p = p * g + E4;
        p = p * g + E3;
        p = p * g + E2;
        p = p * g + 1;
        return p * g + 1;
    }
}
