package org.transformerguide.content.examples;

import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes the {@code numbers} blocks of content/nn_intro.md on training (sections 6 and 7: losses,
 * gradient descent, backpropagation, optimizers) from the inputs printed in the document; the other
 * sections are {@link NnIntroNumbersTest}'s. Results are recomputed at full precision and compared with
 * what the text prints.
 */
@SelfContained
class NnIntroTrainingNumbersTest {

    private static final String DOC = "nn_intro";

    private static WorkedNumbers block(String id) {
        return WorkedNumbers.read(DOC, id);
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

    // ----- helpers -----------------------------------------------------------------------------

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
