package org.transformerguide.content.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.transformerguide.testing.SelfContained;

/**
 * Checks the closed forms that content/transformers_math.md states against central finite differences
 * on small random inputs (fixed seeds, double precision), sections 2 and 4. Every closed form below is
 * written exactly as the document writes it. Section 3's variance claim and section 5's positional
 * encodings are {@link TransformersMathPositionsTest}'s; the matrix helpers are {@link Mat}'s.
 */
@SelfContained
class TransformersMathDerivationsTest {

    private static final double STEP = 1e-5;
    private static final double TOLERANCE = 1e-7;

    // ---- Section 2 ----

    /** Section 2, "Gradient of an affine layer": Xbar = Ybar W^T, Wbar = X^T Ybar, bbar = 1^T Ybar. */
    @Test
    void affineLayerGradientsMatchFiniteDifferences() {
        Random random = new Random(11);
        double[][] x = Mat.gaussian(random, 3, 4);
        double[][] w = Mat.gaussian(random, 4, 2);
        double[] b = Mat.gaussian(random, 1, 2)[0];
        double[][] yBar = Mat.gaussian(random, 3, 2);
        ToDoubleFunction<double[][]> lossOfX = xx -> Mat.frobenius(yBar, Mat.add(Mat.mul(xx, w), b));
        ToDoubleFunction<double[][]> lossOfW = ww -> Mat.frobenius(yBar, Mat.add(Mat.mul(x, ww), b));
        ToDoubleFunction<double[][]> lossOfB = bb -> Mat.frobenius(yBar, Mat.add(Mat.mul(x, w), bb[0]));

        Mat.assertClose(TOLERANCE, Mat.mul(yBar, Mat.transpose(w)), numericGradient(lossOfX, x), "Xbar");
        Mat.assertClose(TOLERANCE, Mat.mul(Mat.transpose(x), yBar), numericGradient(lossOfW, w), "Wbar");
        Mat.assertClose(TOLERANCE, Mat.mul(Mat.ones(1, 3), yBar), numericGradient(lossOfB, Mat.row(b)), "bbar");
    }

    /** Section 2, "The softmax Jacobian": J = Mat.diag(p) - p^T p with J_ij = d p_j / d z_i. */
    @Test
    void softmaxJacobianMatchesFiniteDifferences() {
        Random random = new Random(7);
        for (int trial = 0; trial < 5; trial++) {
            double[][] z = Mat.scale(Mat.gaussian(random, 1, 5), 2);
            double[][] p = Mat.softmaxRows(z);
            double[][] closed = Mat.add(Mat.diag(p[0]), Mat.scale(Mat.mul(Mat.transpose(p), p), -1));
            double[][] numeric = new double[5][5];
            for (int i = 0; i < 5; i++) {
                double[][] plus = Mat.copy(z);
                double[][] minus = Mat.copy(z);
                plus[0][i] += STEP;
                minus[0][i] -= STEP;
                double[] pPlus = Mat.softmaxRows(plus)[0];
                double[] pMinus = Mat.softmaxRows(minus)[0];
                for (int j = 0; j < 5; j++) {
                    numeric[i][j] = (pPlus[j] - pMinus[j]) / (2 * STEP);
                }
            }
            Mat.assertClose(TOLERANCE, closed, numeric, "J");
        }
    }

    /** Section 2, the softmax backward rule: zbar = p ⊙ (pbar - (pbar p^T) 1). */
    @Test
    void softmaxBackwardRuleMatchesFiniteDifferences() {
        Random random = new Random(8);
        double[][] z = Mat.gaussian(random, 1, 6);
        double[][] pBar = Mat.gaussian(random, 1, 6);
        double[] p = Mat.softmaxRows(z)[0];
        double scalar = Mat.mul(pBar, Mat.transpose(Mat.row(p)))[0][0];
        double[][] closed = new double[1][6];
        for (int j = 0; j < 6; j++) {
            closed[0][j] = p[j] * (pBar[0][j] - scalar);
        }
        Mat.assertClose(TOLERANCE, closed, numericGradient(zz -> Mat.frobenius(pBar, Mat.softmaxRows(zz)), z), "zbar");
    }

    /** Section 2, "Cross-entropy with softmax": zbar = p - y, for one-hot and for soft targets. */
    @Test
    void softmaxCrossEntropyGradientIsPMinusY() {
        Random random = new Random(9);
        for (int trial = 0; trial < 4; trial++) {
            double[][] z = Mat.scale(Mat.gaussian(random, 1, 5), 1.5);
            double[] y = new double[5];
            if (trial % 2 == 0) {
                y[random.nextInt(5)] = 1;
            } else {
                y = Mat.softmaxRows(Mat.gaussian(random, 1, 5))[0];
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
            Mat.assertClose(TOLERANCE, closed, numericGradient(loss, z), "p - y");
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
        double[][] x = Mat.add(Mat.scale(Mat.gaussian(random, rows, d), 2), Mat.gaussian(random, 1, d)[0]);
        double[] gamma = Mat.gaussian(random, 1, d)[0];
        double[] beta = Mat.gaussian(random, 1, d)[0];
        double[][] yBar = Mat.gaussian(random, rows, d);

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
        Mat.assertClose(TOLERANCE, closedX,
                numericGradient(xx -> Mat.frobenius(yBar, layerNorm(xx, gamma, beta, eps)), x), "xbar");
        Mat.assertClose(TOLERANCE, Mat.row(closedGamma),
                numericGradient(gg -> Mat.frobenius(yBar, layerNorm(x, gg[0], beta, eps)), Mat.row(gamma)),
                "gammabar");
        Mat.assertClose(TOLERANCE, Mat.row(closedBeta),
                numericGradient(bb -> Mat.frobenius(yBar, layerNorm(x, gamma, bb[0], eps)), Mat.row(beta)),
                "betabar");
    }

    /** Section 2, RMSNorm: xbar = (1/s)(ghat - (1/d)(ghat xhat^T) xhat), s = sqrt(x x^T / d + eps). */
    @Test
    void rmsNormGradientMatchesFiniteDifferences() {
        Random random = new Random(12);
        int d = 5;
        double eps = 1e-6;
        double[][] x = Mat.gaussian(random, 1, d);
        double[] gamma = Mat.gaussian(random, 1, d)[0];
        double[][] yBar = Mat.gaussian(random, 1, d);
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
        Mat.assertClose(TOLERANCE, closed, numericGradient(loss, x), "rms xbar");
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
            double[][] q = Mat.gaussian(random, n, dk);
            double[][] k = Mat.gaussian(random, n, dk);
            double[][] v = Mat.gaussian(random, n, dv);
            double[][] oBar = Mat.gaussian(random, n, dv);

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
            Mat.assertClose(TOLERANCE, qBar, numericGradient(qq -> Mat.frobenius(oBar, attention(qq, k, v, causal)), q), "Qbar" + label);
            Mat.assertClose(TOLERANCE, kBar, numericGradient(kk -> Mat.frobenius(oBar, attention(q, kk, v, causal)), k), "Kbar" + label);
            Mat.assertClose(TOLERANCE, vBar, numericGradient(vv -> Mat.frobenius(oBar, attention(q, k, vv, causal)), v), "Vbar" + label);
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

    /** Central finite differences of a scalar function of a matrix, entry by entry. */
    private static double[][] numericGradient(ToDoubleFunction<double[][]> f, double[][] at) {
        double[][] grad = new double[at.length][at[0].length];
        for (int i = 0; i < at.length; i++) {
            for (int j = 0; j < at[0].length; j++) {
                double[][] plus = Mat.copy(at);
                double[][] minus = Mat.copy(at);
                plus[i][j] += STEP;
                minus[i][j] -= STEP;
                grad[i][j] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * STEP);
            }
        }
        return grad;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
