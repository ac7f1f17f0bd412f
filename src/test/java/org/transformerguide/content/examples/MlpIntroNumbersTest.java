package org.transformerguide.content.examples;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes every {@code numbers} block of content/mlp_intro.md. Inputs are always read from the blocks,
 * never re-typed. Each step starts from the values the document prints for the step before it (the numbers
 * a reader with a calculator carries forward), so every printed value is checked to its printed precision.
 */
@SelfContained
class MlpIntroNumbersTest {

    private static final String DOC = "mlp_intro";

    private static WorkedNumbers block(String id) {
        return WorkedNumbers.read(DOC, id);
    }

    // ----- section 2: the spam network, forward ------------------------------------------------

    @Test
    void hiddenLayerIsReluOfXTimesW1PlusB1() {
        WorkedNumbers w = block("spam-weights");
        WorkedNumbers n = block("spam-hidden-layer");
        double[][] z1 = Mat.add(Mat.mul(w.matrix("x"), w.matrix("W1")), w.vector("b1"));
        n.assertMatches("z1", z1);
        n.assertMatches("h", Mat.relu(n.matrix("z1")));
    }

    @Test
    void outputLayerGivesTheSpamProbability() {
        WorkedNumbers w = block("spam-weights");
        WorkedNumbers hidden = block("spam-hidden-layer");
        WorkedNumbers n = block("spam-output");
        double z2 = Mat.add(Mat.mul(hidden.matrix("h"), w.matrix("W2")), w.vector("b2"))[0][0];
        n.assertMatches("z2", z2);
        n.assertMatches("p", Mat.sigmoid(n.scalar("z2")));
    }

    @Test
    void secondEmailSilencesBothHiddenUnits() {
        WorkedNumbers w = block("spam-weights");
        WorkedNumbers n = block("spam-second-email");
        double[][] z1 = Mat.add(Mat.mul(n.matrix("x"), w.matrix("W1")), w.vector("b1"));
        n.assertMatches("z1", z1);
        double[][] h = Mat.relu(n.matrix("z1"));
        n.assertMatches("h", h);
        double z2 = Mat.add(Mat.mul(n.matrix("h"), w.matrix("W2")), w.vector("b2"))[0][0];
        n.assertMatches("z2", z2);
        n.assertMatches("p", Mat.sigmoid(n.scalar("z2")));
    }

    // ----- section 3: activation functions -----------------------------------------------------

    @Test
    void activationTableAndSlopes() {
        WorkedNumbers n = block("activation-values");
        double[][] z = n.matrix("z");
        n.assertMatches("sigmoid", Mat.sigmoid(z));
        n.assertMatches("tanh", Mat.tanh(z));
        n.assertMatches("relu", Mat.relu(z));
        n.assertMatches("gelu", Mat.map(z, v -> v * standardNormalCdf(v)));
        n.assertMatches("sigmoid_slope", Mat.map(z, v -> Mat.sigmoid(v) * (1 - Mat.sigmoid(v))));
        n.assertMatches("tanh_slope", Mat.map(z, v -> 1 - Math.tanh(v) * Math.tanh(v)));
    }

    // ----- section 4: softmax ------------------------------------------------------------------

    @Test
    void softmaxOverThreeClasses() {
        WorkedNumbers n = block("softmax-three-classes");
        double[][] z = n.matrix("z");
        n.assertMatches("e", Mat.map(z, Math::exp));
        double[] e = n.vector("e");
        double sum = 0;
        for (double v : e) {
            sum += v;
        }
        n.assertMatches("S", sum);
        double s = n.scalar("S");
        double[] p = new double[e.length];
        for (int k = 0; k < e.length; k++) {
            p[k] = e[k] / s;
        }
        n.assertMatches("p", p);
        // the exact softmax agrees with the hand computation, and so does the max-shifted one
        n.assertMatches("p", Mat.softmaxRows(z));
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z[0]) {
            max = Math.max(max, v);
        }
        double[] shift = new double[z[0].length];
        Arrays.fill(shift, -max);
        n.assertMatches("p", Mat.softmaxRows(Mat.add(z, shift)));
    }

    @Test
    void sigmoidIsATwoClassSoftmax() {
        WorkedNumbers n = block("softmax-two-classes");
        n.assertMatches("p", Mat.softmaxRows(n.matrix("z")));
        WorkedNumbers output = block("spam-output");
        // the spam logit is the first entry, and its softmax probability is the sigmoid printed earlier
        n.assertMatches("z", new double[] {output.scalar("z2"), 0});
        output.assertMatches("p", n.vector("p")[0]);
    }

    // ----- section 5: one training step --------------------------------------------------------

    @Test
    void binaryCrossEntropyOfTheSpamEmail() {
        WorkedNumbers n = block("spam-loss");
        double p = block("spam-output").scalar("p");
        double y = n.scalar("y");
        n.assertMatches("loss", -(y * Math.log(p) + (1 - y) * Math.log(1 - p)));
    }

    @Test
    void outputLayerGradients() {
        double p = block("spam-output").scalar("p");
        double y = block("spam-loss").scalar("y");
        double[][] h = block("spam-hidden-layer").matrix("h");
        WorkedNumbers n = block("spam-output-gradients");
        n.assertMatches("dz2", p - y);
        double[][] dz2 = {{n.scalar("dz2")}};
        n.assertMatches("dW2", Mat.mul(Mat.transpose(h), dz2));
        n.assertMatches("db2", dz2);
    }

    @Test
    void hiddenLayerGradients() {
        WorkedNumbers w = block("spam-weights");
        double[][] z1 = block("spam-hidden-layer").matrix("z1");
        double[][] dz2 = {{block("spam-output-gradients").scalar("dz2")}};
        WorkedNumbers n = block("spam-hidden-gradients");
        n.assertMatches("dh", Mat.mul(dz2, Mat.transpose(w.matrix("W2"))));
        double[] dh = n.vector("dh");
        double[] dz1 = new double[dh.length];
        for (int j = 0; j < dh.length; j++) {
            dz1[j] = z1[0][j] > 0 ? dh[j] : 0; // ReLU passes the gradient only where it was active
        }
        n.assertMatches("dz1", dz1);
        n.assertMatches("dW1", Mat.mul(Mat.transpose(w.matrix("x")), Mat.row(n.vector("dz1"))));
        n.assertMatches("db1", n.vector("dz1"));
    }

    @Test
    void gradientDescentUpdate() {
        WorkedNumbers w = block("spam-weights");
        WorkedNumbers out = block("spam-output-gradients");
        WorkedNumbers hid = block("spam-hidden-gradients");
        WorkedNumbers n = block("spam-update");
        double eta = n.scalar("eta");
        n.assertMatches("W1_new", Mat.add(w.matrix("W1"), Mat.scale(hid.matrix("dW1"), -eta)));
        n.assertMatches("b1_new", Mat.add(w.matrix("b1"), Mat.scale(hid.matrix("db1"), -eta)));
        n.assertMatches("W2_new", Mat.add(w.matrix("W2"), Mat.scale(out.matrix("dW2"), -eta)));
        n.assertMatches("b2_new", Mat.add(w.matrix("b2"), Mat.scale(out.matrix("db2"), -eta)));
    }

    @Test
    void lossFallsAfterTheUpdate() {
        double[][] x = block("spam-weights").matrix("x");
        WorkedNumbers u = block("spam-update");
        WorkedNumbers n = block("spam-after-update");
        n.assertMatches("z1", Mat.add(Mat.mul(x, u.matrix("W1_new")), u.vector("b1_new")));
        n.assertMatches("h", Mat.relu(n.matrix("z1")));
        n.assertMatches("z2", Mat.add(Mat.mul(n.matrix("h"), u.matrix("W2_new")), u.vector("b2_new"))[0][0]);
        n.assertMatches("p", Mat.sigmoid(n.scalar("z2")));
        n.assertMatches("loss", -Math.log(n.scalar("p")));
        double before = block("spam-loss").scalar("loss");
        if (!(n.scalar("loss") < before)) {
            throw new AssertionError("the loss after the update (" + n.scalar("loss")
                    + ") is not below the loss before it (" + before + ")");
        }
    }

    // ----- section 6: practical guidance -------------------------------------------------------

    @Test
    void initializationScales() {
        WorkedNumbers n = block("init-scales");
        double in = n.scalar("d_in");
        double out = n.scalar("d_out");
        n.assertMatches("std_he", Math.sqrt(2 / in));
        n.assertMatches("std_glorot", Math.sqrt(2 / (in + out)));
    }

    @Test
    void weightDecayShrinksAWeight() {
        WorkedNumbers n = block("weight-decay-step");
        double w = n.scalar("w");
        n.assertMatches("w_new", w - n.scalar("eta") * n.scalar("decay") * w);
    }

    @Test
    void invertedDropoutRescalesTheSurvivors() {
        WorkedNumbers n = block("dropout-example");
        double[] h = n.vector("h");
        double[] mask = n.vector("mask");
        double keep = 1 - n.scalar("p_drop");
        double[] dropped = new double[h.length];
        for (int j = 0; j < h.length; j++) {
            dropped[j] = h[j] * mask[j] / keep;
        }
        n.assertMatches("h_dropped", dropped);
        n.assertMatches("h", block("spam-hidden-layer").vector("h"));
    }

    @Test
    void uniformPredictionCostsLnK() {
        WorkedNumbers n = block("initial-loss-check");
        n.assertMatches("loss", Mat.map(n.matrix("K"), Math::log));
    }

    // ----- section 7: the transformer's feed-forward block -------------------------------------

    @Test
    void gpt2FeedForwardParameters() {
        WorkedNumbers n = block("gpt2-ffn-parameters");
        double d = n.scalar("d_model");
        double ff = n.scalar("d_ff");
        n.assertMatches("d_ff", 4 * d);
        double ffn = d * ff + ff + ff * d + d;
        double attention = 4 * d * d + 4 * d;
        n.assertMatches("ffn_params", ffn);
        n.assertMatches("attention_params", attention);
        n.assertMatches("ffn_share", ffn / (ffn + attention));
    }

    // ----- helpers ------------------------------------------------------------------------------

    /** Phi(z) = (1 + erf(z / sqrt 2)) / 2, with erf from its Taylor series (exact to ~1e-15 for |z| <= 4). */
    private static double standardNormalCdf(double z) {
        return 0.5 * (1 + erf(z / Math.sqrt(2)));
    }

    private static double erf(double x) {
        if (Math.abs(x) > 3) {
            throw new IllegalArgumentException("series used outside its accurate range: " + x);
        }
        double term = x;
        double sum = x;
        for (int n = 1; n < 100; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
