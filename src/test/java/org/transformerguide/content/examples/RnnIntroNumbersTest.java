package org.transformerguide.content.examples;

import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes every {@code numbers} block of content/rnn_intro.md. Inputs are always read from the blocks,
 * never re-typed. Each step starts from the values the document prints for the step before it (the hidden
 * state a reader carries from one time step to the next), so every printed value is checked to its printed
 * precision.
 */
@SelfContained
class RnnIntroNumbersTest {

    private static final String DOC = "rnn_intro";

    /** Vocabulary order of the example: cat, sat, here, end. */
    private static final int CAT = 0;
    private static final int SAT = 1;
    private static final int HERE = 2;
    private static final int END = 3;

    private static WorkedNumbers block(String id) {
        return WorkedNumbers.read(DOC, id);
    }

    // ----- section 1: an MLP over padded words versus an RNN cell ------------------------------

    @Test
    void paddedMlpGrowsWithLengthButTheCellDoesNot() {
        WorkedNumbers n = block("padded-mlp-size");
        double len = n.scalar("n");
        double vocab = n.scalar("V");
        double hidden = n.scalar("d_hidden");
        n.assertMatches("input_width", len * vocab);
        n.assertMatches("mlp_first_layer", len * vocab * hidden + hidden);
        n.assertMatches("rnn_cell", vocab * hidden + hidden * hidden + hidden);
    }

    // ----- section 3: cat sat here, forward ----------------------------------------------------

    @Test
    void step1ReadsCatAndPredictsSat() {
        checkStep(1, CAT, SAT, block("cat-sat-here-weights").matrix("h0"));
    }

    @Test
    void step2ReadsSatAndPredictsHere() {
        checkStep(2, SAT, HERE, block("cat-sat-here-step-1").matrix("h1"));
    }

    @Test
    void step3ReadsHereAndPredictsEnd() {
        checkStep(3, HERE, END, block("cat-sat-here-step-2").matrix("h2"));
        WorkedNumbers n = block("cat-sat-here-step-3");
        double sum = block("cat-sat-here-step-1").scalar("loss1") + block("cat-sat-here-step-2").scalar("loss2")
                + n.scalar("loss3");
        n.assertMatches("loss_sum", sum);
        n.assertMatches("loss_mean", sum / 3);
    }

    /**
     * One time step: a = x W_xh + h_prev W_hh + b_h, h = tanh(a), y = h W_hy + b_y, p = softmax(y),
     * loss = -ln p[target]; each quantity from the printed value of the one before.
     */
    private static void checkStep(int t, int word, int target, double[][] hPrev) {
        WorkedNumbers w = block("cat-sat-here-weights");
        WorkedNumbers n = block("cat-sat-here-step-" + t);
        n.assertMatches("x" + t, oneHot(word, w.matrix("W_xh").length));
        double[][] x = n.matrix("x" + t);
        double[][] a = Mat.add(Mat.add(Mat.mul(x, w.matrix("W_xh")), Mat.mul(hPrev, w.matrix("W_hh"))),
                w.vector("b_h"));
        n.assertMatches("a" + t, a);
        n.assertMatches("h" + t, Mat.tanh(n.matrix("a" + t)));
        n.assertMatches("y" + t, Mat.add(Mat.mul(n.matrix("h" + t), w.matrix("W_hy")), w.vector("b_y")));
        n.assertMatches("p" + t, Mat.softmaxRows(n.matrix("y" + t)));
        n.assertMatches("loss" + t, -Math.log(n.vector("p" + t)[target]));
        double[] p = n.vector("p" + t);
        for (int k = 0; k < p.length; k++) {
            if (p[k] > p[target]) {
                throw new AssertionError("step " + t + " should put the most probability on word " + target
                        + ", but word " + k + " has more");
            }
        }
    }

    @Test
    void satWithoutCatStartsFromAnEmptyMemory() {
        WorkedNumbers w = block("cat-sat-here-weights");
        WorkedNumbers n = block("sat-without-cat");
        n.assertMatches("x", oneHot(SAT, w.matrix("W_xh").length));
        double[][] a = Mat.add(Mat.add(Mat.mul(n.matrix("x"), w.matrix("W_xh")),
                Mat.mul(w.matrix("h0"), w.matrix("W_hh"))), w.vector("b_h"));
        n.assertMatches("a", a);
        n.assertMatches("h", Mat.tanh(n.matrix("a")));
    }

    // ----- section 4: backpropagation through time ---------------------------------------------

    @Test
    void lossOfStep3FlowsBackToH1() {
        WorkedNumbers w = block("cat-sat-here-weights");
        double[][] whhT = Mat.transpose(w.matrix("W_hh"));
        double[][] h1 = block("cat-sat-here-step-1").matrix("h1");
        double[][] h2 = block("cat-sat-here-step-2").matrix("h2");
        WorkedNumbers s3 = block("cat-sat-here-step-3");
        double[][] h3 = s3.matrix("h3");
        WorkedNumbers n = block("bptt-from-step-3");

        n.assertMatches("t3", oneHot(END, 4));
        n.assertMatches("dy3", Mat.add(s3.matrix("p3"), Mat.scale(n.matrix("t3"), -1)));
        n.assertMatches("dh3", Mat.mul(n.matrix("dy3"), Mat.transpose(w.matrix("W_hy"))));
        n.assertMatches("d3", tanhSlope(h3));
        n.assertMatches("da3", hadamard(n.matrix("dh3"), n.matrix("d3")));
        n.assertMatches("dh2", Mat.mul(n.matrix("da3"), whhT));
        n.assertMatches("d2", tanhSlope(h2));
        n.assertMatches("da2", hadamard(n.matrix("dh2"), n.matrix("d2")));
        n.assertMatches("dh1", Mat.mul(n.matrix("da2"), whhT));
        // W_hh was used at steps 3 and 2 (step 1 multiplied h0 = 0): the two contributions add up
        double[][] dWhh = Mat.add(Mat.mul(Mat.transpose(h2), n.matrix("da3")),
                Mat.mul(Mat.transpose(h1), n.matrix("da2")));
        n.assertMatches("dW_hh", dWhh);
        if (!isZero(block("cat-sat-here-weights").matrix("h0"))) {
            throw new AssertionError("the text relies on h0 = 0 for the missing step-1 term of dW_hh");
        }
    }

    @Test
    void gradientNormShrinksGoingBackInTime() {
        WorkedNumbers g = block("bptt-from-step-3");
        WorkedNumbers n = block("bptt-gradient-norms");
        n.assertMatches("norm_dh3", Mat.norm(g.vector("dh3")));
        n.assertMatches("norm_dh2", Mat.norm(g.vector("dh2")));
        n.assertMatches("norm_dh1", Mat.norm(g.vector("dh1")));
    }

    // ----- section 5: vanishing and exploding gradients ----------------------------------------

    @Test
    void repeatedFactorsVanishOrExplode() {
        WorkedNumbers n = block("gradient-powers");
        double steps = n.scalar("T");
        n.assertMatches("shrink_T", Math.pow(n.scalar("shrink"), steps));
        n.assertMatches("grow_T", Math.pow(n.scalar("grow"), steps));
        n.assertMatches("rho_T", Math.pow(n.scalar("rho"), steps));
        // rho is the spectral radius (and here also the spectral norm) of the example's W_hh
        double[][] whh = block("cat-sat-here-weights").matrix("W_hh");
        n.assertMatches("rho", spectralRadius2x2(whh));
        n.assertMatches("rho", spectralNorm2x2(whh));
    }

    @Test
    void jacobiansOfTheExampleAndTheirNorms() {
        double[][] whh = block("cat-sat-here-weights").matrix("W_hh");
        WorkedNumbers g = block("bptt-from-step-3");
        WorkedNumbers n = block("cat-sat-here-jacobians");
        double[][] j2 = Mat.mul(whh, diag(g.vector("d2")));
        double[][] j3 = Mat.mul(whh, diag(g.vector("d3")));
        n.assertMatches("J2", j2);
        n.assertMatches("J3", j3);
        double[][] j23 = Mat.mul(j2, j3);
        n.assertMatches("J2J3", j23);
        n.assertMatches("norm_Whh", spectralNorm2x2(whh));
        n.assertMatches("norm_J2", spectralNorm2x2(j2));
        n.assertMatches("norm_J3", spectralNorm2x2(j3));
        n.assertMatches("norm_J2J3", spectralNorm2x2(j23));
        // the backward pass is the same product, transposed: dh1 = dh3 (J2 J3)^T, to rounding
        double[][] viaJacobians = Mat.mul(g.matrix("dh3"), Mat.transpose(j23));
        double[] dh1 = g.vector("dh1");
        for (int k = 0; k < dh1.length; k++) {
            if (Math.abs(viaJacobians[0][k] - dh1[k]) > 5e-4) {
                throw new AssertionError("dh3 (J2 J3)^T = " + viaJacobians[0][k] + " differs from dh1 = " + dh1[k]);
            }
        }
    }

    @Test
    void gradientClippingRescalesToTheThreshold() {
        WorkedNumbers n = block("gradient-clipping");
        double[] g = n.vector("g");
        double length = Mat.norm(g);
        n.assertMatches("norm_g", length);
        double scale = Math.min(1, n.scalar("threshold") / length);
        n.assertMatches("g_clipped", Mat.scale(n.matrix("g"), scale));
    }

    // ----- section 6: LSTM ---------------------------------------------------------------------

    @Test
    void lstmCellStep() {
        WorkedNumbers n = block("lstm-cell-step");
        double[][] c = Mat.add(hadamard(n.matrix("f"), n.matrix("c_prev")), hadamard(n.matrix("i"), n.matrix("g")));
        n.assertMatches("c", c);
        n.assertMatches("h", hadamard(n.matrix("o"), Mat.tanh(n.matrix("c"))));
    }

    @Test
    void forgetGateNearOneKeepsTheGradient() {
        WorkedNumbers n = block("forget-gate-memory");
        n.assertMatches("f_T", Math.pow(n.scalar("f"), n.scalar("T")));
    }

    @Test
    void gatedCellsMultiplyTheParameterCount() {
        WorkedNumbers n = block("gated-cell-parameters");
        double in = n.scalar("d_in");
        double h = n.scalar("d_h");
        double one = in * h + h * h + h;
        n.assertMatches("rnn", one);
        n.assertMatches("gru", 3 * one);
        n.assertMatches("lstm", 4 * one);
    }

    // ----- section 7: attention over the encoder states ----------------------------------------

    @Test
    void dotProductAttentionOverCatSatHere() {
        WorkedNumbers n = block("attention-over-cat-sat-here");
        double[][] states = {
            block("cat-sat-here-step-1").vector("h1"),
            block("cat-sat-here-step-2").vector("h2"),
            block("cat-sat-here-step-3").vector("h3"),
        };
        n.assertMatches("H", states);
        double[][] h = n.matrix("H");
        n.assertMatches("scores", Mat.transpose(Mat.mul(h, Mat.transpose(n.matrix("s")))));
        n.assertMatches("alpha", Mat.softmaxRows(n.matrix("scores")));
        n.assertMatches("context", Mat.mul(n.matrix("alpha"), h));
    }

    // ----- helpers ------------------------------------------------------------------------------

    private static double[] oneHot(int index, int size) {
        double[] v = new double[size];
        v[index] = 1;
        return v;
    }

    private static double[][] hadamard(double[][] a, double[][] b) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] * b[i][j];
            }
        }
        return c;
    }

    private static double[][] tanhSlope(double[][] h) {
        return Mat.map(h, v -> 1 - v * v);
    }

    private static double[][] diag(double[] d) {
        double[][] m = new double[d.length][d.length];
        for (int i = 0; i < d.length; i++) {
            m[i][i] = d[i];
        }
        return m;
    }


    private static boolean isZero(double[][] m) {
        for (double[] row : m) {
            for (double v : row) {
                if (v != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Largest singular value of a 2x2 matrix: the square root of the largest eigenvalue of M^T M. */
    private static double spectralNorm2x2(double[][] m) {
        double[][] a = Mat.mul(Mat.transpose(m), m);
        double trace = a[0][0] + a[1][1];
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        return Math.sqrt((trace + Math.sqrt(Math.max(0, trace * trace - 4 * det))) / 2);
    }

    /** Largest absolute eigenvalue of a 2x2 matrix (complex pairs have modulus sqrt(det)). */
    private static double spectralRadius2x2(double[][] m) {
        double trace = m[0][0] + m[1][1];
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        double disc = trace * trace - 4 * det;
        if (disc < 0) {
            return Math.sqrt(det);
        }
        double root = Math.sqrt(disc);
        return Math.max(Math.abs((trace + root) / 2), Math.abs((trace - root) / 2));
    }
}
