package org.transformerguide.content.examples;

import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes the worked numbers of content/transformers.md §19, "What models learn inside": the induction head
 * is rebuilt from its weight matrices (not from the pattern it is meant to show), and the sparse autoencoder is run.
 */
@SelfContained
class TransformersInsideNumbersTest {

    private static WorkedNumbers block(String id) {
        return WorkedNumbers.read("transformers", id);
    }

    @Test
    void aPreviousTokenHeadAndAnInductionHeadCompleteTheRepeatedPattern() {
        WorkedNumbers n = block("induction-head");
        double[] tokens = n.vector("tokens");
        int vocab = 4;
        int len = tokens.length;
        double beta = n.scalar("beta");
        int dk = (int) n.scalar("d_k");
        // the residual stream after layer 1: own token (first half), previous token written by the previous-token head (second half)
        double[][] x = new double[len][2 * vocab];
        for (int i = 0; i < len; i++) {
            x[i][(int) tokens[i]] = 1;
            if (i > 0) {
                x[i][vocab + (int) tokens[i - 1]] = 1;
            }
        }
        double[][] wq = new double[2 * vocab][dk];
        double[][] wk = new double[2 * vocab][dk];
        double[][] wv = new double[2 * vocab][dk];
        for (int c = 0; c < vocab; c++) {
            wq[c][c] = beta;
            wk[vocab + c][c] = 1;
            wv[c][c] = 1;
        }
        double[][] scores = Mat.scale(Mat.mul(Mat.mul(x, wq), Mat.transpose(Mat.mul(x, wk))), 1 / Math.sqrt(dk));
        n.assertMatches("S", scores);
        double[][] masked = new double[len][len];
        for (int i = 0; i < len; i++) {
            for (int j = 0; j < len; j++) {
                masked[i][j] = j <= i ? scores[i][j] : Double.NEGATIVE_INFINITY;
            }
        }
        double[][] a = Mat.softmaxRows(masked);
        n.assertMatches("A", a);
        double[][] copied = Mat.mul(a, Mat.mul(x, wv));
        n.assertMatches("copied", copied);
        double[] predicted = {argmax(copied[4]), argmax(copied[5])};
        n.assertMatches("predicted", predicted);
    }

    private static double argmax(double[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void aLinearProbeReadsTheLabelOffTheStream() {
        WorkedNumbers n = block("probe");
        double[][] x = n.matrix("X");
        double[] y = n.vector("y");
        double[] z = new double[x.length];
        double[] p = new double[x.length];
        double correct = 0;
        for (int i = 0; i < x.length; i++) {
            z[i] = Mat.dot(x[i], n.vector("w")) + n.scalar("b");
            p[i] = Mat.sigmoid(z[i]);
            correct += (p[i] > 0.5 ? 1 : 0) == y[i] ? 1 : 0;
        }
        n.assertMatches("z", z);
        n.assertMatches("y_hat", p);
        n.assertMatches("accuracy", correct / x.length);
    }

    @Test
    void aSparseAutoencoderReadsOneOfThreeFeaturesOutOfTwoDimensions() {
        WorkedNumbers n = block("sae");
        double[][] dec = n.matrix("W_dec");
        double[] cos120 = {1, Math.cos(2 * Math.PI / 3), Math.cos(4 * Math.PI / 3)};
        double[] sin120 = {0, Math.sin(2 * Math.PI / 3), Math.sin(4 * Math.PI / 3)};
        n.assertMatches("W_dec", new double[][] {{cos120[0], sin120[0]}, {cos120[1], sin120[1]}, {cos120[2], sin120[2]}});
        double bias = n.scalar("b_enc");
        double[] fa = encode(n.vector("x_a"), dec, bias);
        n.assertMatches("f_a", fa);
        // x_b is 1.2 times the second feature's exact direction
        n.assertMatches("x_b", new double[] {1.2 * cos120[1], 1.2 * sin120[1]});
        double[] fb = encode(n.vector("x_b"), dec, bias);
        n.assertMatches("f_b", fb);
        n.assertMatches("x_b_hat", Mat.mul(Mat.row(fb), dec)[0]);
    }

    private static double[] encode(double[] x, double[][] dec, double bias) {
        double[] f = new double[dec.length];
        for (int k = 0; k < dec.length; k++) {
            f[k] = Math.max(0, Mat.dot(x, dec[k]) + bias); // W_enc is W_dec transposed
        }
        return f;
    }
}
