package org.transformerguide.content.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes the {@code numbers} blocks of content/transformers.md on the model's parts (sections 4 to
 * 11: embeddings, positions, attention, the feed-forward block, normalization, sampling) from the inputs
 * printed in the document; scale (sections 12 to 18) is {@link TransformersScaleNumbersTest}'s and the
 * BPE merges of section 3 are re-run by {@link TransformersBpeTest}. Inputs are always read from the
 * document; results are recomputed at full precision and compared with what the text prints.
 */
@SelfContained
class TransformersNumbersTest {

    private static final String DOC = "transformers";

    private static WorkedNumbers block(String id) {
        return WorkedNumbers.read(DOC, id);
    }

    // ----- section 4: embeddings -------------------------------------------------------------------

    @Test
    void gpt3EmbeddingMatrixSize() {
        WorkedNumbers n = block("gpt3-embedding");
        double params = n.scalar("vocab") * n.scalar("d_model");
        n.assertMatches("params", params);
        n.assertMatches("params_millions", params / 1e6);
    }

    @Test
    void embeddingAnalogy() {
        WorkedNumbers n = block("embedding-analogy");
        double[] king = n.vector("king");
        double[] man = n.vector("man");
        double[] woman = n.vector("woman");
        double[] queen = n.vector("queen");
        double[] r = new double[king.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = king[i] - man[i] + woman[i];
        }
        n.assertMatches("r", r);
        n.assertMatches("dot_r_queen", Mat.dot(r, queen));
        n.assertMatches("cos_r_queen", cosine(r, queen));
        n.assertMatches("cos_r_king", cosine(r, king));
        n.assertMatches("cos_r_woman", cosine(r, woman));
        n.assertMatches("cos_man_woman", cosine(man, woman));
    }

    // ----- section 5: positional information -------------------------------------------------------

    @Test
    void sinusoidalEncodingsAndTheirDotProducts() {
        WorkedNumbers n = block("sinusoid");
        double[] omega = omegas(n);
        n.assertMatches("omega", omega);
        double[][] p = sinusoids(n.vector("pos"), omega);
        n.assertMatches("P", p);
        n.assertMatches("G", Mat.mul(p, Mat.transpose(p)));
    }

    @Test
    void sinusoidalOffsetIsARotation() {
        WorkedNumbers enc = block("sinusoid");
        WorkedNumbers n = block("sinusoid-shift");
        double[] omega = omegas(enc);
        double k = n.scalar("k");
        int d = 2 * omega.length;
        double[][] r = new double[d][d];
        for (int i = 0; i < omega.length; i++) {
            double c = Math.cos(omega[i] * k);
            double s = Math.sin(omega[i] * k);
            r[2 * i][2 * i] = c;
            r[2 * i][2 * i + 1] = -s;
            r[2 * i + 1][2 * i] = s;
            r[2 * i + 1][2 * i + 1] = c;
        }
        n.assertMatches("R", r);
        // p1 is the encoding of position 1; rotating it by R must give the encoding of position 1 + k.
        double[][] p = sinusoids(new double[] {1, 1 + k}, omega);
        n.assertMatches("p1", p[0]);
        n.assertMatches("p1R", Mat.mul(Mat.row(p[0]), r)[0]);
        n.assertMatches("p1R", p[1]);
    }

    private static double[] omegas(WorkedNumbers n) {
        int d = (int) n.scalar("d_model");
        double base = n.scalar("base");
        double[] omega = new double[d / 2];
        for (int i = 0; i < omega.length; i++) {
            omega[i] = 1.0 / Math.pow(base, 2.0 * i / d);
        }
        return omega;
    }

    private static double[][] sinusoids(double[] positions, double[] omega) {
        double[][] p = new double[positions.length][2 * omega.length];
        for (int r = 0; r < positions.length; r++) {
            for (int i = 0; i < omega.length; i++) {
                p[r][2 * i] = Math.sin(omega[i] * positions[r]);
                p[r][2 * i + 1] = Math.cos(omega[i] * positions[r]);
            }
        }
        return p;
    }

    // ----- section 6: self-attention ---------------------------------------------------------------

    @Test
    void selfAttentionWorkedExample() {
        WorkedNumbers in = block("attention-inputs");
        double[][] x = in.matrix("X");
        double[][] q = Mat.mul(x, in.matrix("W_Q"));
        double[][] k = Mat.mul(x, in.matrix("W_K"));
        double[][] v = Mat.mul(x, in.matrix("W_V"));
        WorkedNumbers qkv = block("attention-qkv");
        qkv.assertMatches("Q", q);
        qkv.assertMatches("K", k);
        qkv.assertMatches("V", v);

        WorkedNumbers sc = block("attention-scores");
        assertEquals(q[0].length, (int) sc.scalar("d_k"), "d_k is the number of columns of W_Q");
        double[][] s = Mat.mul(q, Mat.transpose(k));
        sc.assertMatches("S", s);
        double[][] scaled = Mat.scale(s, 1.0 / Math.sqrt(sc.scalar("d_k")));
        sc.assertMatches("S_scaled", scaled);

        double[][] masked = Mat.map(scaled, a -> a);
        for (int i = 0; i < masked.length; i++) {
            for (int j = i + 1; j < masked[i].length; j++) {
                masked[i][j] = Double.NEGATIVE_INFINITY;
            }
        }
        double[][] a = Mat.softmaxRows(masked);
        block("attention-weights").assertMatches("A", a);
        block("attention-output").assertMatches("Z", Mat.mul(a, v));

        WorkedNumbers full = block("attention-bidirectional");
        double[][] aFull = Mat.softmaxRows(scaled);
        full.assertMatches("A_full", aFull);
        full.assertMatches("Z_full", Mat.mul(aFull, v));
    }

    @Test
    void scalingBySqrtDkKeepsTheSoftmaxUnsaturated() {
        WorkedNumbers n = block("attention-scaling");
        double std = Math.sqrt(n.scalar("d_k"));
        n.assertMatches("std_raw", std);
        double[] s = n.vector("s");
        double[] raw = Arrays.stream(s).map(v -> v * std).toArray();
        n.assertMatches("s_raw", raw);
        double[] pScaled = softmax(s);
        double[] pRaw = softmax(raw);
        n.assertMatches("p_scaled", pScaled);
        n.assertMatches("p_raw", pRaw);
        n.assertMatches("g_scaled", pScaled[0] * (1 - pScaled[0]));
        n.assertMatches("g_raw", pRaw[0] * (1 - pRaw[0]));
    }

    // ----- section 7: multi-head attention ----------------------------------------------------------

    @Test
    void multiHeadAttentionSizesOfGpt2Small() {
        WorkedNumbers n = block("mha-gpt2-small");
        double d = n.scalar("d_model");
        double h = n.scalar("H");
        n.assertMatches("d_k", d / h);
        n.assertMatches("attn_params", 4 * d * d + 4 * d);
        double ctx = n.scalar("n");
        n.assertMatches("score_entries", h * ctx * ctx);
    }

    // ----- section 9: feed-forward block ------------------------------------------------------------

    @Test
    void feedForwardHoldsTwoThirdsOfABlock() {
        WorkedNumbers n = block("ffn-gpt2-small");
        double d = n.scalar("d_model");
        double ff = 4 * d;
        n.assertMatches("d_ff", ff);
        double ffn = 2 * d * ff + ff + d;
        double attn = 4 * d * d + 4 * d;
        n.assertMatches("ffn_params", ffn);
        n.assertMatches("attn_params", attn);
        n.assertMatches("ffn_share", ffn / (ffn + attn));
    }

    // ----- section 10: normalization -----------------------------------------------------------------

    @Test
    void layerNormAndRmsNorm() {
        WorkedNumbers n = block("layernorm");
        double[] x = n.vector("x");
        double eps = n.scalar("eps");
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        n.assertMatches("mean", mean);
        n.assertMatches("var", var);
        n.assertMatches("x_ln", Arrays.stream(x).map(v -> (v - mean) / Math.sqrt(var + eps)).toArray());
        double rms = Math.sqrt(Arrays.stream(x).map(v -> v * v).average().orElseThrow() + eps);
        n.assertMatches("rms", rms);
        n.assertMatches("x_rms", Arrays.stream(x).map(v -> v / rms).toArray());
    }

    // ----- section 11: sampling --------------------------------------------------------------------

    @Test
    void temperatureReshapesTheDistribution() {
        WorkedNumbers n = block("sampling-temperature");
        double[] z = n.vector("z");
        double[] p = softmax(z);
        double[] low = softmax(divide(z, n.scalar("T_low")));
        double[] high = softmax(divide(z, n.scalar("T_high")));
        n.assertMatches("p", p);
        n.assertMatches("p_low", low);
        n.assertMatches("p_high", high);
        n.assertMatches("H", entropy(p));
        n.assertMatches("H_low", entropy(low));
        n.assertMatches("H_high", entropy(high));
    }

    @Test
    void topKKeepsTheKMostProbableTokens() {
        double[] p = sortedDescending(softmax(block("sampling-temperature").vector("z")));
        WorkedNumbers n = block("sampling-topk");
        int k = (int) n.scalar("k");
        n.assertMatches("p_topk", renormalize(Arrays.copyOf(p, k)));
    }

    @Test
    void topPKeepsTheSmallestNucleus() {
        WorkedNumbers t = block("sampling-temperature");
        double[] z = t.vector("z");
        WorkedNumbers n = block("sampling-topp");
        double topP = n.scalar("top_p");

        double[] p = sortedDescending(softmax(z));
        double[] cum = cumulative(p);
        n.assertMatches("cum", cum);
        int kept = nucleusSize(cum, topP);
        n.assertMatches("kept", kept);
        n.assertMatches("p_topp", renormalize(Arrays.copyOf(p, kept)));

        double[] low = sortedDescending(softmax(divide(z, t.scalar("T_low"))));
        double[] cumLow = cumulative(low);
        n.assertMatches("cum_low", cumLow);
        int keptLow = nucleusSize(cumLow, topP);
        n.assertMatches("kept_low", keptLow);
        n.assertMatches("p_topp_low", renormalize(Arrays.copyOf(low, keptLow)));
    }

    private static int nucleusSize(double[] cumulative, double topP) {
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= topP) {
                return i + 1;
            }
        }
        return cumulative.length;
    }

    // ----- helpers ---------------------------------------------------------------------------------


    private static double cosine(double[] a, double[] b) {
        return Mat.dot(a, b) / Math.sqrt(Mat.dot(a, a) * Mat.dot(b, b));
    }

    private static double[] softmax(double[] z) {
        return Mat.softmaxRows(Mat.row(z))[0];
    }

    private static double[] divide(double[] z, double t) {
        return Arrays.stream(z).map(v -> v / t).toArray();
    }

    private static double entropy(double[] p) {
        return -Arrays.stream(p).filter(v -> v > 0).map(v -> v * Math.log(v)).sum();
    }

    private static double[] sortedDescending(double[] p) {
        return Arrays.stream(p).boxed().sorted((a, b) -> Double.compare(b, a)).mapToDouble(Double::doubleValue)
                .toArray();
    }

    private static double[] cumulative(double[] p) {
        double[] c = new double[p.length];
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i];
            c[i] = s;
        }
        return c;
    }

    private static double[] renormalize(double[] p) {
        double s = Arrays.stream(p).sum();
        return Arrays.stream(p).map(v -> v / s).toArray();
    }
}
