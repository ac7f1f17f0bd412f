package org.transformerguide.content.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.transformerguide.testing.SelfContained;

/**
 * Checks the claims of content/transformers_math.md about scale and position numerically: section 3's
 * variance of a dot product before and after dividing by sqrt(d_k), and section 5's positional encodings
 * (a sinusoidal offset is a linear map; RoPE scores depend only on the relative position). The gradient
 * derivations are {@link TransformersMathDerivationsTest}'s.
 */
@SelfContained
class TransformersMathPositionsTest {

    private static final double TOLERANCE = 1e-7;

    // ---- Section 3 ----

    /** Section 3: Var(q k^T) = d_k for unit-variance entries, and 1 after dividing by sqrt(d_k). */
    @Test
    void dotProductVarianceIsDkAndOneAfterScaling() {
        int dk = 64;
        int samples = 200_000;
        Random random = new Random(2024);
        checkDotProductVariance(dk, samples, random::nextGaussian);
        // Not only for normal entries: uniform on [-sqrt 3, sqrt 3] also has mean 0 and variance 1.
        double half = Math.sqrt(3);
        checkDotProductVariance(dk, samples, () -> (2 * random.nextDouble() - 1) * half);
    }

    private static void checkDotProductVariance(int dk, int samples, DoubleSupplier entry) {
        double sum = 0;
        double sumSquares = 0;
        double sumScaled = 0;
        double sumScaledSquares = 0;
        double[] q = new double[dk];
        double[] k = new double[dk];
        for (int s = 0; s < samples; s++) {
            double dot = 0;
            for (int i = 0; i < dk; i++) {
                q[i] = entry.getAsDouble();
                k[i] = entry.getAsDouble();
                dot += q[i] * k[i];
            }
            double scaled = dot / Math.sqrt(dk);
            sum += dot;
            sumSquares += dot * dot;
            sumScaled += scaled;
            sumScaledSquares += scaled * scaled;
        }
        double mean = sum / samples;
        double variance = sumSquares / samples - mean * mean;
        double scaledMean = sumScaled / samples;
        double scaledVariance = sumScaledSquares / samples - scaledMean * scaledMean;
        // The standard error of these variance estimates is about sqrt(2 / samples) = 0.3% relative.
        assertEquals(dk, variance, 0.03 * dk, "Var(q k^T)");
        assertEquals(1.0, scaledVariance, 0.03, "Var(q k^T / sqrt(d_k))");
        assertEquals(0.0, mean, 0.1, "E[q k^T]");
    }

    // ---- Section 5 ----

    /** Section 5: PE(t + k) = PE(t) T(k), T(k) = blockdiag(R(-omega_i k)), omega_i = 10000^(-2i/d). */
    @Test
    void sinusoidalOffsetIsALinearMap() {
        int d = 8;
        Random random = new Random(5);
        for (int trial = 0; trial < 5; trial++) {
            int t = random.nextInt(500);
            int k = random.nextInt(100) - 50;
            double[][] blocks = new double[d][d];
            for (int i = 0; i < d / 2; i++) {
                double omega = Math.pow(10000, -2.0 * i / d);
                double[][] r = rotation(-omega * k);
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        blocks[2 * i + a][2 * i + b] = r[a][b];
                    }
                }
            }
            Mat.assertClose(TOLERANCE, Mat.row(sinusoidal(t + k, d)), Mat.mul(Mat.row(sinusoidal(t, d)), blocks), "PE(t+k)");
        }
    }

    /** Section 5: (q R_m)(k R_n)^T = q R_{m-n} k^T, theta_i = 10000^(-2i/d_k). */
    @Test
    void ropeScoresDependOnlyOnRelativePosition() {
        int dk = 8;
        Random random = new Random(6);
        double[][] q = Mat.gaussian(random, 1, dk);
        double[][] k = Mat.gaussian(random, 1, dk);
        for (int trial = 0; trial < 5; trial++) {
            int m = random.nextInt(1000);
            int n = random.nextInt(1000);
            int shift = random.nextInt(1000);
            double score = Mat.mul(Mat.mul(q, rope(m, dk)), Mat.transpose(Mat.mul(k, rope(n, dk))))[0][0];
            double relative = Mat.mul(Mat.mul(q, rope(m - n, dk)), Mat.transpose(k))[0][0];
            double shifted = Mat.mul(Mat.mul(q, rope(m + shift, dk)),
                    Mat.transpose(Mat.mul(k, rope(n + shift, dk))))[0][0];
            assertEquals(relative, score, 1e-9, "q R_{m-n} k^T");
            assertEquals(score, shifted, 1e-9, "shifted score");
        }
    }

    // ---- helpers ----

    private static double[] sinusoidal(int t, int d) {
        double[] pe = new double[d];
        for (int i = 0; i < d / 2; i++) {
            double omega = Math.pow(10000, -2.0 * i / d);
            pe[2 * i] = Math.sin(omega * t);
            pe[2 * i + 1] = Math.cos(omega * t);
        }
        return pe;
    }

    private static double[][] rope(int position, int dk) {
        double[][] r = new double[dk][dk];
        for (int i = 0; i < dk / 2; i++) {
            double[][] block = rotation(position * Math.pow(10000, -2.0 * i / dk));
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    r[2 * i + a][2 * i + b] = block[a][b];
                }
            }
        }
        return r;
    }

    /** The row-vector rotation R(alpha) = [[cos, sin], [-sin, cos]] of the document. */
    private static double[][] rotation(double alpha) {
        return new double[][] {
            {Math.cos(alpha), Math.sin(alpha)},
            {-Math.sin(alpha), Math.cos(alpha)}
        };
    }
}
