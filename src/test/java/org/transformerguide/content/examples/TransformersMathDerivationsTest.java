package org.transformerguide.content.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Checks the closed forms that content/transformers_math.md states against central finite differences
 * on small random inputs (fixed seeds, double precision), and checks the sqrt(d_k) variance claim by
 * sampling. Every closed form below is written exactly as the document writes it.
 */
class TransformersMathDerivationsTest {

    private static final double STEP = 1e-5;
    private static final double TOLERANCE = 1e-7;

    // ---- Section 2 ----

    /** Section 2, "Gradient of an affine layer": Xbar = Ybar W^T, Wbar = X^T Ybar, bbar = 1^T Ybar. */
    @Test
    void affineLayerGradientsMatchFiniteDifferences() {
        Random random = new Random(11);
        double[][] x = gaussian(random, 3, 4);
        double[][] w = gaussian(random, 4, 2);
        double[] b = gaussian(random, 1, 2)[0];
        double[][] yBar = gaussian(random, 3, 2);
        ToDoubleFunction<double[][]> lossOfX = xx -> frobenius(yBar, Mat.add(Mat.mul(xx, w), b));
        ToDoubleFunction<double[][]> lossOfW = ww -> frobenius(yBar, Mat.add(Mat.mul(x, ww), b));
        ToDoubleFunction<double[][]> lossOfB = bb -> frobenius(yBar, Mat.add(Mat.mul(x, w), bb[0]));

        assertClose(Mat.mul(yBar, Mat.transpose(w)), numericGradient(lossOfX, x), "Xbar");
        assertClose(Mat.mul(Mat.transpose(x), yBar), numericGradient(lossOfW, w), "Wbar");
        assertClose(Mat.mul(ones(1, 3), yBar), numericGradient(lossOfB, Mat.row(b)), "bbar");
    }

    /** Section 2, "The softmax Jacobian": J = diag(p) - p^T p with J_ij = d p_j / d z_i. */
    @Test
    void softmaxJacobianMatchesFiniteDifferences() {
        Random random = new Random(7);
        for (int trial = 0; trial < 5; trial++) {
            double[][] z = Mat.scale(gaussian(random, 1, 5), 2);
            double[][] p = Mat.softmaxRows(z);
            double[][] closed = Mat.add(diag(p[0]), Mat.scale(Mat.mul(Mat.transpose(p), p), -1));
            double[][] numeric = new double[5][5];
            for (int i = 0; i < 5; i++) {
                double[][] plus = copy(z);
                double[][] minus = copy(z);
                plus[0][i] += STEP;
                minus[0][i] -= STEP;
                double[] pPlus = Mat.softmaxRows(plus)[0];
                double[] pMinus = Mat.softmaxRows(minus)[0];
                for (int j = 0; j < 5; j++) {
                    numeric[i][j] = (pPlus[j] - pMinus[j]) / (2 * STEP);
                }
            }
            assertClose(closed, numeric, "J");
        }
    }

    /** Section 2, the softmax backward rule: zbar = p ⊙ (pbar - (pbar p^T) 1). */
    @Test
    void softmaxBackwardRuleMatchesFiniteDifferences() {
        Random random = new Random(8);
        double[][] z = gaussian(random, 1, 6);
        double[][] pBar = gaussian(random, 1, 6);
        double[] p = Mat.softmaxRows(z)[0];
        double scalar = Mat.mul(pBar, Mat.transpose(Mat.row(p)))[0][0];
        double[][] closed = new double[1][6];
        for (int j = 0; j < 6; j++) {
            closed[0][j] = p[j] * (pBar[0][j] - scalar);
        }
        assertClose(closed, numericGradient(zz -> frobenius(pBar, Mat.softmaxRows(zz)), z), "zbar");
    }

    /** Section 2, "Cross-entropy with softmax": zbar = p - y, for one-hot and for soft targets. */
    @Test
    void softmaxCrossEntropyGradientIsPMinusY() {
        Random random = new Random(9);
        for (int trial = 0; trial < 4; trial++) {
            double[][] z = Mat.scale(gaussian(random, 1, 5), 1.5);
            double[] y = new double[5];
            if (trial % 2 == 0) {
                y[random.nextInt(5)] = 1;
            } else {
                y = Mat.softmaxRows(gaussian(random, 1, 5))[0];
            }
            double[] target = y;
            ToDoubleFunction<double[][]> loss = zz -> {
                double[] p = Mat.softmaxRows(zz)[0];
                double sum = 0;
                for (int j = 0; j < p.length; j++) {
                    sum -= target[j] * Math.log(p[j]);
                }
                return sum;
            };
            double[] p = Mat.softmaxRows(z)[0];
            double[][] closed = new double[1][5];
            for (int j = 0; j < 5; j++) {
                closed[0][j] = p[j] - y[j];
            }
            assertClose(closed, numericGradient(loss, z), "p - y");
        }
    }

    /**
     * Section 2, "The gradient of LayerNorm":
     * xbar = (1/s) (ghat - (1/d)(ghat 1^T) 1 - (1/d)(ghat xhat^T) xhat), ghat = ybar ⊙ gamma,
     * and gammabar = sum over rows of ybar ⊙ xhat, betabar = sum over rows of ybar.
     */
    @Test
    void layerNormGradientsMatchFiniteDifferences() {
        Random random = new Random(10);
        int rows = 3;
        int d = 6;
        double eps = 1e-5;
        double[][] x = Mat.add(Mat.scale(gaussian(random, rows, d), 2), gaussian(random, 1, d)[0]);
        double[] gamma = gaussian(random, 1, d)[0];
        double[] beta = gaussian(random, 1, d)[0];
        double[][] yBar = gaussian(random, rows, d);

        double[][] closedX = new double[rows][d];
        double[] closedGamma = new double[d];
        double[] closedBeta = new double[d];
        for (int r = 0; r < rows; r++) {
            double[] row = x[r];
            double mu = mean(row);
            double var = 0;
            for (double v : row) {
                var += (v - mu) * (v - mu) / d;
            }
            double s = Math.sqrt(var + eps);
            double[] xHat = new double[d];
            double[] gHat = new double[d];
            for (int j = 0; j < d; j++) {
                xHat[j] = (row[j] - mu) / s;
                gHat[j] = yBar[r][j] * gamma[j];
                closedGamma[j] += yBar[r][j] * xHat[j];
                closedBeta[j] += yBar[r][j];
            }
            double gHatOnes = 0;
            double gHatXHat = 0;
            for (int j = 0; j < d; j++) {
                gHatOnes += gHat[j];
                gHatXHat += gHat[j] * xHat[j];
            }
            for (int j = 0; j < d; j++) {
                closedX[r][j] = (gHat[j] - gHatOnes / d - gHatXHat * xHat[j] / d) / s;
            }
        }
        assertClose(closedX,
                numericGradient(xx -> frobenius(yBar, layerNorm(xx, gamma, beta, eps)), x), "xbar");
        assertClose(Mat.row(closedGamma),
                numericGradient(gg -> frobenius(yBar, layerNorm(x, gg[0], beta, eps)), Mat.row(gamma)),
                "gammabar");
        assertClose(Mat.row(closedBeta),
                numericGradient(bb -> frobenius(yBar, layerNorm(x, gamma, bb[0], eps)), Mat.row(beta)),
                "betabar");
    }

    /** Section 2, RMSNorm: xbar = (1/s)(ghat - (1/d)(ghat xhat^T) xhat), s = sqrt(x x^T / d + eps). */
    @Test
    void rmsNormGradientMatchesFiniteDifferences() {
        Random random = new Random(12);
        int d = 5;
        double eps = 1e-6;
        double[][] x = gaussian(random, 1, d);
        double[] gamma = gaussian(random, 1, d)[0];
        double[][] yBar = gaussian(random, 1, d);
        double s = Math.sqrt(Mat.mul(x, Mat.transpose(x))[0][0] / d + eps);
        double[] xHat = new double[d];
        double[] gHat = new double[d];
        double gHatXHat = 0;
        for (int j = 0; j < d; j++) {
            xHat[j] = x[0][j] / s;
            gHat[j] = yBar[0][j] * gamma[j];
            gHatXHat += gHat[j] * xHat[j];
        }
        double[][] closed = new double[1][d];
        for (int j = 0; j < d; j++) {
            closed[0][j] = (gHat[j] - gHatXHat * xHat[j] / d) / s;
        }
        ToDoubleFunction<double[][]> loss = xx -> {
            double ss = Math.sqrt(Mat.mul(xx, Mat.transpose(xx))[0][0] / d + eps);
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += yBar[0][j] * gamma[j] * xx[0][j] / ss;
            }
            return sum;
        };
        assertClose(closed, numericGradient(loss, x), "rms xbar");
    }

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

    // ---- Section 4 ----

    /**
     * Section 4, "Gradients with respect to Q, K and V":
     * Vbar = P^T Obar, Pbar = Obar V^T, Delta = rowsum(Obar ⊙ O), Sbar = P ⊙ (Pbar - Delta 1),
     * Qbar = Sbar K / sqrt(d_k), Kbar = Sbar^T Q / sqrt(d_k); with and without the causal mask.
     */
    @Test
    void attentionGradientsMatchFiniteDifferences() {
        Random random = new Random(42);
        int n = 4;
        int dk = 3;
        int dv = 2;
        for (boolean causal : new boolean[] {false, true}) {
            double[][] q = gaussian(random, n, dk);
            double[][] k = gaussian(random, n, dk);
            double[][] v = gaussian(random, n, dv);
            double[][] oBar = gaussian(random, n, dv);

            double[][] p = attentionWeights(q, k, causal);
            double[][] o = Mat.mul(p, v);
            double[][] vBar = Mat.mul(Mat.transpose(p), oBar);
            double[][] pBar = Mat.mul(oBar, Mat.transpose(v));
            double[] delta = new double[n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < dv; c++) {
                    delta[i] += oBar[i][c] * o[i][c];
                }
            }
            double[][] sBar = new double[n][n];
            for (int i = 0; i < n; i++) {
                double check = 0;
                for (int j = 0; j < n; j++) {
                    sBar[i][j] = p[i][j] * (pBar[i][j] - delta[i]);
                    check += pBar[i][j] * p[i][j];
                }
                // The identity Pbar_i P_i^T = Obar_i O_i^T used to define Delta.
                assertEquals(check, delta[i], 1e-12, "Delta row " + i);
            }
            double scale = 1 / Math.sqrt(dk);
            double[][] qBar = Mat.scale(Mat.mul(sBar, k), scale);
            double[][] kBar = Mat.scale(Mat.mul(Mat.transpose(sBar), q), scale);

            String label = causal ? " (causal)" : " (no mask)";
            assertClose(qBar, numericGradient(qq -> frobenius(oBar, attention(qq, k, v, causal)), q), "Qbar" + label);
            assertClose(kBar, numericGradient(kk -> frobenius(oBar, attention(q, kk, v, causal)), k), "Kbar" + label);
            assertClose(vBar, numericGradient(vv -> frobenius(oBar, attention(q, k, vv, causal)), v), "Vbar" + label);
            if (causal) {
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        assertEquals(0.0, p[i][j], 0.0, "masked weight");
                        assertEquals(0.0, sBar[i][j], 0.0, "masked score gradient");
                    }
                }
            }
        }
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
            assertClose(Mat.row(sinusoidal(t + k, d)), Mat.mul(Mat.row(sinusoidal(t, d)), blocks), "PE(t+k)");
        }
    }

    /** Section 5: (q R_m)(k R_n)^T = q R_{m-n} k^T, theta_i = 10000^(-2i/d_k). */
    @Test
    void ropeScoresDependOnlyOnRelativePosition() {
        int dk = 8;
        Random random = new Random(6);
        double[][] q = gaussian(random, 1, dk);
        double[][] k = gaussian(random, 1, dk);
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

    private static double[][] attentionWeights(double[][] q, double[][] k, boolean causal) {
        double[][] s = Mat.scale(Mat.mul(q, Mat.transpose(k)), 1 / Math.sqrt(q[0].length));
        if (causal) {
            for (int i = 0; i < s.length; i++) {
                for (int j = i + 1; j < s[i].length; j++) {
                    s[i][j] = Double.NEGATIVE_INFINITY;
                }
            }
        }
        return Mat.softmaxRows(s);
    }

    private static double[][] attention(double[][] q, double[][] k, double[][] v, boolean causal) {
        return Mat.mul(attentionWeights(q, k, causal), v);
    }

    private static double[][] layerNorm(double[][] x, double[] gamma, double[] beta, double eps) {
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            int d = x[r].length;
            double mu = mean(x[r]);
            double var = 0;
            for (double v : x[r]) {
                var += (v - mu) * (v - mu) / d;
            }
            double s = Math.sqrt(var + eps);
            y[r] = new double[d];
            for (int j = 0; j < d; j++) {
                y[r][j] = gamma[j] * (x[r][j] - mu) / s + beta[j];
            }
        }
        return y;
    }

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

    /** Central finite differences of a scalar function of a matrix, entry by entry. */
    private static double[][] numericGradient(ToDoubleFunction<double[][]> f, double[][] at) {
        double[][] grad = new double[at.length][at[0].length];
        for (int i = 0; i < at.length; i++) {
            for (int j = 0; j < at[0].length; j++) {
                double[][] plus = copy(at);
                double[][] minus = copy(at);
                plus[i][j] += STEP;
                minus[i][j] -= STEP;
                grad[i][j] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * STEP);
            }
        }
        return grad;
    }

    private static void assertClose(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + " columns");
            for (int j = 0; j < expected[i].length; j++) {
                double scale = Math.max(1, Math.abs(expected[i][j]));
                assertTrue(Math.abs(expected[i][j] - actual[i][j]) <= TOLERANCE * scale,
                        what + "[" + i + "][" + j + "]: closed form " + expected[i][j]
                                + ", finite differences " + actual[i][j]);
            }
        }
    }

    /** The Frobenius inner product sum_ij a_ij b_ij: a linear loss whose upstream gradient is a. */
    private static double frobenius(double[][] a, double[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                sum += a[i][j] * b[i][j];
            }
        }
        return sum;
    }

    private static double[][] gaussian(Random random, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = random.nextGaussian();
            }
        }
        return a;
    }

    private static double[][] ones(int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            java.util.Arrays.fill(row, 1);
        }
        return a;
    }

    private static double[][] diag(double[] v) {
        double[][] a = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            a[i][i] = v[i];
        }
        return a;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
