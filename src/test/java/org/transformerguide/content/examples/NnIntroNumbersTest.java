package org.transformerguide.content.examples;

import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;

/**
 * Recomputes every {@code numbers} block of content/nn_intro.md from the inputs printed in the
 * document. Inputs are always read from the blocks; results are recomputed at full precision and
 * compared with what the text prints.
 */
class NnIntroNumbersTest {

    private static final String DOC = "nn_intro";

    private static WorkedNumbers block(String id) {
        return WorkedNumbers.read(DOC, id);
    }

    // ----- section 2: bag-of-words and n-grams -------------------------------------------------

    @Test
    void ngramCountsGrowAsPowersOfTheVocabulary() {
        WorkedNumbers n = block("ngram-explosion");
        double v = n.scalar("V");
        n.assertMatches("bigrams", v * v);
        n.assertMatches("trigrams", v * v * v);
    }

    // ----- section 3: the neuron ---------------------------------------------------------------

    @Test
    void singleNeuronForwardPass() {
        WorkedNumbers n = block("neuron-forward");
        double z = Mat.mul(Mat.row(n.vector("x")), n.matrix("w"))[0][0] + n.scalar("b");
        n.assertMatches("z", z);
        n.assertMatches("a_sigmoid", Mat.sigmoid(z));
        n.assertMatches("a_relu", Math.max(0, z));
        n.assertMatches("a_step", step(z));
    }

    @Test
    void perceptronComputesAndAndOr() {
        WorkedNumbers n = block("perceptron-and-or");
        double[][] xw = Mat.mul(n.matrix("X"), n.matrix("w"));
        double[][] zAnd = Mat.add(xw, new double[] {n.scalar("b_and")});
        n.assertMatches("z_and", zAnd);
        n.assertMatches("y_and", Mat.map(zAnd, NnIntroNumbersTest::step));
        double[][] zOr = Mat.add(xw, new double[] {n.scalar("b_or")});
        n.assertMatches("z_or", zOr);
        n.assertMatches("y_or", Mat.map(zOr, NnIntroNumbersTest::step));
    }

    @Test
    void decisionBoundaryGeometry() {
        WorkedNumbers n = block("neuron-geometry");
        double[] w = n.vector("w");
        double b = n.scalar("b");
        double norm = Math.sqrt(Mat.dot(w, w));
        n.assertMatches("norm_w", norm);
        n.assertMatches("offset", Math.abs(b) / norm);
        double zp = Mat.dot(n.vector("p"), w) + b;
        n.assertMatches("z_p", zp);
        n.assertMatches("dist_p", zp / norm);
        n.assertMatches("z_q", Mat.dot(n.vector("q"), w) + b);
    }

    @Test
    void activationsBendEvenlySpacedInputs() {
        WorkedNumbers n = block("activation-bend");
        double[][] z = n.matrix("z");
        n.assertMatches("s", Mat.sigmoid(z));
        n.assertMatches("r", Mat.relu(z));
    }

    // ----- section 4: from neurons to networks -------------------------------------------------

    @Test
    void oneLayerOfThreeNeurons() {
        WorkedNumbers n = block("layer-forward");
        double[][] z = Mat.add(Mat.mul(Mat.row(n.vector("x")), n.matrix("W")), n.vector("b"));
        n.assertMatches("z", z);
        n.assertMatches("h", Mat.relu(z));
    }

    @Test
    void digitClassifierParameterCount() {
        WorkedNumbers n = block("mnist-params");
        double dIn = n.scalar("d_in");
        double dHidden = n.scalar("d_hidden");
        double dOut = n.scalar("d_out");
        double p1 = dIn * dHidden + dHidden;
        double p2 = dHidden * dOut + dOut;
        n.assertMatches("params_1", p1);
        n.assertMatches("params_2", p2);
        n.assertMatches("params", p1 + p2);
    }

    @Test
    void twoLinearLayersCollapseIntoOne() {
        WorkedNumbers n = block("linear-collapse");
        double[][] x = Mat.row(n.vector("x"));
        double[][] w1 = n.matrix("W1");
        double[][] w2 = n.matrix("W2");
        double[][] h = Mat.mul(x, w1);
        n.assertMatches("h", h);
        n.assertMatches("y", Mat.mul(h, w2)[0][0]);
        double[][] w12 = Mat.mul(w1, w2);
        n.assertMatches("W12", w12);
        n.assertMatches("y_direct", Mat.mul(x, w12)[0][0]);
    }

    // ----- section 5: XOR ----------------------------------------------------------------------

    @Test
    void xorWithReluHiddenLayer() {
        WorkedNumbers hidden = block("xor-hidden-layer");
        double[][] z1 = Mat.add(Mat.mul(hidden.matrix("X"), hidden.matrix("W1")), hidden.vector("b1"));
        hidden.assertMatches("Z1", z1);

        WorkedNumbers activation = block("xor-hidden-activation");
        double[][] h = Mat.relu(z1);
        activation.assertMatches("H", h);

        WorkedNumbers output = block("xor-output-layer");
        double[][] w2 = output.matrix("W2");
        double[] b2 = output.vector("b2");
        output.assertMatches("Y", Mat.add(Mat.mul(h, w2), b2));

        WorkedNumbers linear = block("xor-without-relu");
        linear.assertMatches("Y_linear", Mat.add(Mat.mul(z1, w2), b2));
    }

    @Test
    void xorWithSigmoidNeurons() {
        WorkedNumbers hidden = block("xor-sigmoid-hidden");
        double[][] z1 = Mat.add(Mat.mul(hidden.matrix("X"), hidden.matrix("W1")), hidden.vector("b1"));
        hidden.assertMatches("Z1", z1);
        double[][] h = Mat.sigmoid(z1);
        hidden.assertMatches("H", h);

        WorkedNumbers output = block("xor-sigmoid-output");
        double[][] z2 = Mat.add(Mat.mul(h, output.matrix("W2")), output.vector("b2"));
        output.assertMatches("Z2", z2);
        output.assertMatches("Y", Mat.sigmoid(z2));
    }

    // ----- section 6: losses -------------------------------------------------------------------

    @Test
    void meanSquaredError() {
        WorkedNumbers n = block("mse-example");
        double[] yHat = n.vector("y_hat");
        double[] y = n.vector("y");
        double[] sq = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sq[i] = (yHat[i] - y[i]) * (yHat[i] - y[i]);
            sum += sq[i];
        }
        n.assertMatches("sq_err", sq);
        n.assertMatches("mse", sum / y.length);
    }

    @Test
    void softmaxAndCrossEntropy() {
        WorkedNumbers n = block("cross-entropy-example");
        double[] z = n.vector("z");
        double[] e = new double[z.length];
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i]);
            total += e[i];
        }
        n.assertMatches("e", e);
        n.assertMatches("total", total);
        double[] p = Mat.softmaxRows(Mat.row(z))[0];
        n.assertMatches("p", p);
        n.assertMatches("loss_cat", -Math.log(p[0]));
        n.assertMatches("loss_bird", -Math.log(p[2]));
    }

    @Test
    void logLossTable() {
        WorkedNumbers n = block("log-loss-table");
        n.assertMatches("loss", Mat.map(n.matrix("p"), v -> -Math.log(v)));
    }

    // ----- section 6: gradient descent on L(w) = (w - c)^2 -------------------------------------

    @Test
    void gradientDescentSteps() {
        WorkedNumbers n = block("gd-steps");
        double c = n.scalar("c");
        double[] w = descend(n.scalar("w0"), c, n.scalar("eta"), n.vector("w").length - 1);
        n.assertMatches("w", w);
        double[] grad = new double[n.vector("grad").length];
        for (int k = 0; k < grad.length; k++) {
            grad[k] = 2 * (w[k] - c);
        }
        n.assertMatches("grad", grad);
        double[] loss = new double[n.vector("loss").length];
        for (int k = 0; k < loss.length; k++) {
            loss[k] = (w[k] - c) * (w[k] - c);
        }
        n.assertMatches("loss", loss);
    }

    @Test
    void learningRateComparison() {
        WorkedNumbers setup = block("gd-steps");
        WorkedNumbers n = block("lr-comparison");
        for (String s : new String[] {"a", "b", "c", "d", "e"}) {
            int steps = n.vector("w_" + s).length - 1;
            n.assertMatches("w_" + s,
                    descend(setup.scalar("w0"), setup.scalar("c"), n.scalar("eta_" + s), steps));
        }
    }

    // ----- section 6: backpropagation through one sigmoid neuron -------------------------------

    @Test
    void backpropagationThroughOneNeuron() {
        WorkedNumbers f = block("backprop-forward");
        double x = f.scalar("x");
        double w = f.scalar("w");
        double b = f.scalar("b");
        double y = f.scalar("y");
        double z = x * w + b;
        double a = Mat.sigmoid(z);
        f.assertMatches("z", z);
        f.assertMatches("a", a);
        f.assertMatches("loss", (a - y) * (a - y));

        WorkedNumbers g = block("backprop-backward");
        double dLda = 2 * (a - y);
        double dadz = a * (1 - a);
        double dLdz = dLda * dadz;
        g.assertMatches("dL_da", dLda);
        g.assertMatches("da_dz", dadz);
        g.assertMatches("dL_dz", dLdz);
        g.assertMatches("dL_dw", dLdz * x);
        g.assertMatches("dL_db", dLdz);

        WorkedNumbers u = block("backprop-update");
        double eta = u.scalar("eta");
        double wNew = w - eta * dLdz * x;
        double bNew = b - eta * dLdz;
        double zNew = x * wNew + bNew;
        double aNew = Mat.sigmoid(zNew);
        u.assertMatches("w_new", wNew);
        u.assertMatches("b_new", bNew);
        u.assertMatches("z_new", zNew);
        u.assertMatches("a_new", aNew);
        u.assertMatches("loss_new", (aNew - y) * (aNew - y));

        WorkedNumbers check = block("backprop-check");
        double h = check.scalar("h");
        double plus = neuronLoss(x, w + h, b, y);
        double minus = neuronLoss(x, w - h, b, y);
        check.assertMatches("loss_plus", plus);
        check.assertMatches("loss_minus", minus);
        check.assertMatches("numeric_grad", (plus - minus) / (2 * h));
    }

    @Test
    void trainingLoopRepeatsTheStep() {
        WorkedNumbers f = block("backprop-forward");
        WorkedNumbers u = block("backprop-update");
        WorkedNumbers n = block("training-loop");
        double x = f.scalar("x");
        double y = f.scalar("y");
        double eta = u.scalar("eta");
        int steps = n.vector("loss").length;
        double[] ws = new double[steps + 1];
        double[] bs = new double[steps + 1];
        double[] losses = new double[steps];
        ws[0] = f.scalar("w");
        bs[0] = f.scalar("b");
        for (int k = 0; k < steps; k++) {
            double a = Mat.sigmoid(x * ws[k] + bs[k]);
            losses[k] = (a - y) * (a - y);
            double dLdz = 2 * (a - y) * a * (1 - a);
            ws[k + 1] = ws[k] - eta * dLdz * x;
            bs[k + 1] = bs[k] - eta * dLdz;
        }
        n.assertMatches("loss", losses);
        n.assertMatches("w", ws);
        n.assertMatches("b", bs);
    }

    // ----- section 7: optimizers on the same parabola ------------------------------------------

    @Test
    void momentumSteps() {
        WorkedNumbers setup = block("gd-steps");
        WorkedNumbers n = block("momentum-steps");
        double c = setup.scalar("c");
        double eta = n.scalar("eta");
        double beta = n.scalar("beta");
        int steps = n.vector("grad").length;
        double[] grad = new double[steps];
        double[] v = new double[steps];
        double[] w = new double[steps + 1];
        w[0] = setup.scalar("w0");
        double velocity = 0;
        for (int t = 0; t < steps; t++) {
            grad[t] = 2 * (w[t] - c);
            velocity = beta * velocity + grad[t];
            v[t] = velocity;
            w[t + 1] = w[t] - eta * velocity;
        }
        n.assertMatches("grad", grad);
        n.assertMatches("v", v);
        n.assertMatches("w", w);
    }

    @Test
    void adamSteps() {
        WorkedNumbers setup = block("gd-steps");
        WorkedNumbers n = block("adam-steps");
        double c = setup.scalar("c");
        double eta = n.scalar("eta");
        double beta1 = n.scalar("beta1");
        double beta2 = n.scalar("beta2");
        double eps = n.scalar("eps");
        int steps = n.vector("grad").length;
        double[] grad = new double[steps];
        double[] m = new double[steps];
        double[] v = new double[steps];
        double[] mHat = new double[steps];
        double[] vHat = new double[steps];
        double[] w = new double[steps + 1];
        w[0] = setup.scalar("w0");
        double mt = 0;
        double vt = 0;
        for (int t = 1; t <= steps; t++) {
            double g = 2 * (w[t - 1] - c);
            mt = beta1 * mt + (1 - beta1) * g;
            vt = beta2 * vt + (1 - beta2) * g * g;
            double mh = mt / (1 - Math.pow(beta1, t));
            double vh = vt / (1 - Math.pow(beta2, t));
            w[t] = w[t - 1] - eta * mh / (Math.sqrt(vh) + eps);
            grad[t - 1] = g;
            m[t - 1] = mt;
            v[t - 1] = vt;
            mHat[t - 1] = mh;
            vHat[t - 1] = vh;
        }
        n.assertMatches("grad", grad);
        n.assertMatches("m", m);
        n.assertMatches("v", v);
        n.assertMatches("m_hat", mHat);
        n.assertMatches("v_hat", vHat);
        n.assertMatches("w", w);
    }

    @Test
    void adamFirstStepIgnoresGradientScale() {
        WorkedNumbers adam = block("adam-steps");
        WorkedNumbers n = block("adam-scale-free");
        double eta = adam.scalar("eta");
        double eps = adam.scalar("eps");
        for (String s : new String[] {"large", "tiny"}) {
            double g = n.scalar("g_" + s);
            n.assertMatches("sgd_" + s, -eta * g);
            // first Adam step: bias correction gives m_hat = g and v_hat = g^2
            n.assertMatches("adam_" + s, -eta * g / (Math.sqrt(g * g) + eps));
        }
    }

    // ----- section 8: from symbols to vectors --------------------------------------------------

    @Test
    void oneHotVectorsAreMutuallyOrthogonal() {
        WorkedNumbers n = block("one-hot-vectors");
        double[][] x = n.matrix("X");
        n.assertMatches("S_onehot", Mat.mul(x, Mat.transpose(x)));
    }

    @Test
    void bagOfWordsIsTheSumOfOneHotRows() {
        WorkedNumbers n = block("bag-of-words");
        n.assertMatches("bow_A", columnSums(n.matrix("A")));
        n.assertMatches("bow_B", columnSums(n.matrix("B")));
    }

    @Test
    void embeddingLookupIsOneHotTimesE() {
        WorkedNumbers n = block("embedding-lookup");
        n.assertMatches("e_dog", Mat.mul(Mat.row(n.vector("x_dog")), n.matrix("E")));
    }

    @Test
    void embeddingTableSize() {
        WorkedNumbers n = block("embedding-size");
        n.assertMatches("params", n.scalar("V") * n.scalar("d_model"));
    }

    @Test
    void embeddingDotProductsAndCosines() {
        double[][] e = block("embedding-lookup").matrix("E");
        double[][] s = Mat.mul(e, Mat.transpose(e));
        block("embedding-similarity").assertMatches("S", s);

        WorkedNumbers n = block("embedding-cosine");
        double[] norms = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            norms[i] = Math.sqrt(s[i][i]);
        }
        n.assertMatches("norms", norms);
        double[][] cos = new double[e.length][e.length];
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                cos[i][j] = s[i][j] / (norms[i] * norms[j]);
            }
        }
        n.assertMatches("C", cos);
    }

    // ----- section 9: hidden states versus layers ----------------------------------------------

    @Test
    void gpt2MachineryVersusMaterial() {
        WorkedNumbers n = block("gpt2-hidden-size");
        double vocab = n.scalar("V");
        double ctx = n.scalar("n");
        double d = n.scalar("d_model");
        double blocks = n.scalar("N");
        // token and position embeddings, then per block: two LayerNorms (4d), the fused QKV
        // projection (3d^2 + 3d), the attention output (d^2 + d) and the MLP (8d^2 + 5d);
        // finally the last LayerNorm (2d). The output head shares the token embedding.
        double perBlock = 12 * d * d + 13 * d;
        n.assertMatches("params", vocab * d + ctx * d + blocks * perBlock + 2 * d);
        double perLayer = ctx * d;
        n.assertMatches("per_layer", perLayer);
        n.assertMatches("all_layers", (blocks + 1) * perLayer);
    }

    // ----- helpers -----------------------------------------------------------------------------

    private static double step(double z) {
        return z > 0 ? 1 : 0;
    }


    private static double[] columnSums(double[][] m) {
        double[] s = new double[m[0].length];
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                s[j] += row[j];
            }
        }
        return s;
    }

    /** Gradient descent on L(w) = (w - c)^2; entry k is the weight after k steps. */
    private static double[] descend(double w0, double c, double eta, int steps) {
        double[] w = new double[steps + 1];
        w[0] = w0;
        for (int k = 0; k < steps; k++) {
            w[k + 1] = w[k] - eta * 2 * (w[k] - c);
        }
        return w;
    }

    private static double neuronLoss(double x, double w, double b, double y) {
        double a = Mat.sigmoid(x * w + b);
        return (a - y) * (a - y);
    }
}
