package org.transformerguide.content.examples;

import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes the {@code numbers} blocks of content/nn_intro.md from the inputs printed in the document:
 * sections 2 to 5 (counting, the neuron, networks, XOR) and 8 to 9 (vectors, hidden states); training
 * (sections 6 and 7) is {@link NnIntroTrainingNumbersTest}'s. Inputs are always read from the blocks;
 * results are recomputed at full precision and compared with what the text prints.
 */
@SelfContained
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

}
