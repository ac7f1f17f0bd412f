package org.transformerguide.playground.inference;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.model.ParameterSet;

/**
 * One new token through the whole model for {@link KvCache}, in plain Java on float arrays. For a
 * single row every matrix product is a vector-matrix product (u W, with W [in, out] row-major, done as
 * "out += u[i] · row i of W", a loop the JIT vectorizes), and an ND4J call per product costs 20–50 µs
 * of overhead for 30–130 µs... of work at most; one token needs ~30 of them. Here the whole step is
 * a few hundred microseconds of arithmetic. The weights are copied into Java arrays when the cache is
 * created; the keys and values stay in the cache's ND4J arrays [H, T_max, hs], shared with the
 * multi-token (prompt) path, which reads the model's arrays in place.
 */
final class OneTokenStep {

    private static final double LN_EPSILON = 1e-5;
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);

    private final int c;      // C
    private final int nHead;
    private final int hs;     // C / H
    private final int tMax;   // blockSize
    private final int vocab;  // V
    private final float scale; // 1 / √hs
    private final float[] wte, wteT, wpe; // [V·C], [C·V] (the head, transposed for the loop), [T_max·C]
    private final float[] lnfGain, lnfBias;
    private final Layer[] layers;
    // scratch, one row each
    private final float[] x, u, qkv, att, hidden, scores, keys, values;

    private record Layer(float[] ln1Gain, float[] ln1Bias, float[] wQkv, float[] bQkv, float[] wO, float[] bO,
                         float[] ln2Gain, float[] ln2Bias, float[] w1, float[] b1, float[] w2, float[] b2) {
    }

    OneTokenStep(GptConfig config, ParameterSet p) {
        c = config.nEmbd();
        nHead = config.nHead();
        hs = config.headSize();
        tMax = config.blockSize();
        vocab = config.vocabSize();
        scale = (float) (1 / Math.sqrt(hs));
        wte = copy(p, "wte");
        wpe = copy(p, "wpe");
        wteT = new float[c * vocab];
        for (int v = 0; v < vocab; v++) {
            for (int j = 0; j < c; j++) {
                wteT[j * vocab + v] = wte[v * c + j];
            }
        }
        layers = new Layer[config.nLayer()];
        for (int l = 0; l < layers.length; l++) {
            String h = "h" + l + ".";
            layers[l] = new Layer(copy(p, h + "ln1.gain"), copy(p, h + "ln1.bias"),
                    copy(p, h + "attn.qkv.weight"), copy(p, h + "attn.qkv.bias"),
                    copy(p, h + "attn.proj.weight"), copy(p, h + "attn.proj.bias"),
                    copy(p, h + "ln2.gain"), copy(p, h + "ln2.bias"),
                    copy(p, h + "mlp.fc.weight"), copy(p, h + "mlp.fc.bias"),
                    copy(p, h + "mlp.proj.weight"), copy(p, h + "mlp.proj.bias"));
        }
        lnfGain = copy(p, "lnf.gain");
        lnfBias = copy(p, "lnf.bias");
        x = new float[c];
        u = new float[c];
        qkv = new float[3 * c];
        att = new float[c];
        hidden = new float[4 * c];
        scores = new float[tMax];
        keys = new float[tMax * hs];
        values = new float[tMax * hs];
    }

    /**
     * Reads {@code token} at {@code position} (the cache holds positions 0..position−1 in
     * {@code keyCaches}/{@code valueCaches}, one [H, T_max, hs] buffer per layer), stores its keys and
     * values there, and writes the logits of the next token into {@code logits} [V].
     */
    void run(int token, int position, FloatBuffer[] keyCaches, FloatBuffer[] valueCaches, float[] logits) {
        for (int j = 0; j < c; j++) {
            x[j] = wte[token * c + j] + wpe[position * c + j];                 // wte[token] + wpe[pos] [C]
        }
        int end = position + 1;                                               // keys 0..position are visible
        for (int l = 0; l < layers.length; l++) {
            Layer w = layers[l];
            layerNorm(x, w.ln1Gain, w.ln1Bias, u);                            // U [C]
            affine(u, c, w.wQkv, w.bQkv, qkv, 3 * c);                         // [q k v] = U W_qkv + b [3C]
            for (int h = 0; h < nHead; h++) {
                int row = (h * tMax + position) * hs;
                keyCaches[l].put(row, qkv, c + h * hs, hs);                  // K[h, pos] = k_h
                valueCaches[l].put(row, qkv, 2 * c + h * hs, hs);            // V[h, pos] = v_h
            }
            for (int h = 0; h < nHead; h++) {
                keyCaches[l].get(h * tMax * hs, keys, 0, end * hs);          // K_h [end, hs]
                valueCaches[l].get(h * tMax * hs, values, 0, end * hs);      // V_h [end, hs]
                attendOneHead(h * hs, end);                                   // att[h·hs ..] = softmax(q Kᵀ/√hs) V
            }
            affineAdd(att, c, w.wO, w.bO, x, c);                              // x += A W_O + b_O [C]
            layerNorm(x, w.ln2Gain, w.ln2Bias, u);                            // U_2 [C]
            affine(u, c, w.w1, w.b1, hidden, 4 * c);                          // F = U_2 W_1 + b_1 [4C]
            for (int j = 0; j < hidden.length; j++) {
                double z = hidden[j];
                hidden[j] = (float) (z * 0.5 * (1 + KvCache.erf(z * INV_SQRT_2))); // GELU(F), exact
            }
            affineAdd(hidden, 4 * c, w.w2, w.b2, x, c);                       // x += G W_2 + b_2 [C]
        }
        layerNorm(x, lnfGain, lnfBias, u);                                    // LN_f [C]
        java.util.Arrays.fill(logits, 0, vocab, 0f);
        for (int j = 0; j < c; j++) {
            float a = u[j];
            int from = j * vocab;
            for (int v = 0; v < vocab; v++) {
                logits[v] += a * wteT[from + v];                              // h wteᵀ [V]
            }
        }
    }

    /** Head h (query columns at {@code at}) over keys 0..end−1 in {@code keys}/{@code values}: att[at..at+hs). */
    private void attendOneHead(int at, int end) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < end; j++) {
            float dot = 0;
            int k = j * hs;
            for (int d = 0; d < hs; d++) {
                dot += qkv[at + d] * keys[k + d];
            }
            scores[j] = dot * scale;                                          // S = q kⱼ / √hs
            max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (int j = 0; j < end; j++) {
            scores[j] = (float) Math.exp(scores[j] - max);
            sum += scores[j];
        }
        float inverse = (float) (1 / sum);
        java.util.Arrays.fill(att, at, at + hs, 0f);
        for (int j = 0; j < end; j++) {
            float p = scores[j] * inverse;                                    // P_j
            int v = j * hs;
            for (int d = 0; d < hs; d++) {
                att[at + d] += p * values[v + d];                             // O = Σ_j P_j v_j
            }
        }
    }

    /** out[0..outSize) = b + in W for in [inSize], W [inSize, outSize] row-major. */
    private static void affine(float[] in, int inSize, float[] weight, float[] bias, float[] out, int outSize) {
        System.arraycopy(bias, 0, out, 0, outSize);
        affineAccumulate(in, inSize, weight, out, outSize);
    }

    /** out += b + in W. */
    private static void affineAdd(float[] in, int inSize, float[] weight, float[] bias, float[] out, int outSize) {
        for (int j = 0; j < outSize; j++) {
            out[j] += bias[j];
        }
        affineAccumulate(in, inSize, weight, out, outSize);
    }

    private static void affineAccumulate(float[] in, int inSize, float[] weight, float[] out, int outSize) {
        for (int i = 0; i < inSize; i++) {
            float a = in[i];
            int row = i * outSize;
            for (int j = 0; j < outSize; j++) {
                out[j] += a * weight[row + j];                               // out += in[i] · W[i, :]
            }
        }
    }

    /** out = γ ⊙ (x − μ)/√(σ² + ε) + β (biased σ², as the model's LayerNorm). */
    private void layerNorm(float[] in, float[] gain, float[] bias, float[] out) {
        double mean = 0;
        for (int j = 0; j < c; j++) {
            mean += in[j];
        }
        mean /= c;
        double variance = 0;
        for (int j = 0; j < c; j++) {
            double d = in[j] - mean;
            variance += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(variance / c + LN_EPSILON));
        float mu = (float) mean;
        for (int j = 0; j < c; j++) {
            out[j] = gain[j] * ((in[j] - mu) * rstd) + bias[j];
        }
    }

    private static float[] copy(ParameterSet p, String name) {
        INDArray value = p.get(name).value();
        return value.dup().data().asFloat(); // a contiguous copy of the view, then its numbers
    }
}
