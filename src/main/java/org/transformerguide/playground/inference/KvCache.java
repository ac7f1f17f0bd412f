package org.transformerguide.playground.inference;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;

/**
 * Incremental decoding of one sequence: the keys and values of every token already read are kept per
 * layer, so reading one more token costs one row through every layer (a handful of matrix-vector
 * products) plus attention over the cached keys, instead of a full forward pass over the whole context.
 * Same mathematics as {@link Gpt#forward}, written for inference only (no backward buffers), reading
 * the model's weights in place: later changes to the weights are seen, and several caches can decode
 * different sequences from one model at once.
 *
 * <p>Positions are absolute (learned position embeddings), so a cache holds at most {@code blockSize}
 * tokens; sliding the window by one means recomputing it ({@link #reset} and {@link #append} the new
 * window), as nanoGPT's crop does. Not thread-safe: one cache per sequence.
 */
public final class KvCache {

    private static final MMulTranspose TRANSPOSE_B = MMulTranspose.builder().transposeB(true).build();
    private static final MMulTranspose NO_TRANSPOSE = MMulTranspose.allFalse();
    private static final double LN_EPSILON = 1e-5; // as the model's LayerNorm (PyTorch's default)
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);

    private final GptConfig config;
    private final DataType type;
    private final int nHead;
    private final int headSize;
    private final double scale; // 1 / √hs
    private final INDArray wte; // [V, C], also the head
    private final INDArray wpe; // [T_max, C]
    private final Layer[] layers;
    private final INDArray lnfGain, lnfBias; // [1, C]
    private Rows single; // buffers for one new token, reused every step
    private Rows batch;  // buffers for the last multi-token append (a prompt)
    private int length;

    /** The weights of one block, views of the model's parameters. */
    private record Layer(INDArray ln1Gain, INDArray ln1Bias, INDArray wQkv, INDArray bQkv, INDArray wO, INDArray bO,
                         INDArray ln2Gain, INDArray ln2Bias, INDArray w1, INDArray b1, INDArray w2, INDArray b2,
                         INDArray keys, INDArray values) { // K, V caches [H, T_max, hs]
    }

    /** A cache for {@code model}, empty. */
    public KvCache(Gpt model) {
        config = model.config();
        type = model.dataType();
        nHead = config.nHead();
        headSize = config.headSize();
        scale = 1 / Math.sqrt(headSize);
        var p = model.parameterSet();
        wte = p.get("wte").value();
        wpe = p.get("wpe").value();
        layers = new Layer[config.nLayer()];
        for (int l = 0; l < layers.length; l++) {
            String h = "h" + l + ".";
            layers[l] = new Layer(
                    p.get(h + "ln1.gain").value(), p.get(h + "ln1.bias").value(),
                    p.get(h + "attn.qkv.weight").value(), p.get(h + "attn.qkv.bias").value(),
                    p.get(h + "attn.proj.weight").value(), p.get(h + "attn.proj.bias").value(),
                    p.get(h + "ln2.gain").value(), p.get(h + "ln2.bias").value(),
                    p.get(h + "mlp.fc.weight").value(), p.get(h + "mlp.fc.bias").value(),
                    p.get(h + "mlp.proj.weight").value(), p.get(h + "mlp.proj.bias").value(),
                    Nd4j.create(type, nHead, config.blockSize(), headSize),
                    Nd4j.create(type, nHead, config.blockSize(), headSize));
        }
        lnfGain = p.get("lnf.gain").value();
        lnfBias = p.get("lnf.bias").value();
    }

    /** Activation buffers for n new rows. */
    private final class Rows {
        final int n;
        final INDArray x;            // residual stream [n, C]
        final INDArray pos;          // position embeddings of the new rows [n, C]
        final INDArray ln;           // a LayerNorm's output [n, C]
        final INDArray mean, rstd;   // [n, 1]
        final INDArray qkv;          // [Q K V] [n, 3C]
        final INDArray[] qkvByHead;  // views of its column blocks as [H, n, hs] (strided)
        final INDArray q;            // Q, contiguous [H, n, hs]
        final INDArray scoresFlat;   // room for S and P up to [H, n, T_max]
        final INDArray heads;        // O = P V [H, n, hs]
        final INDArray merged;       // A, heads side by side [n, C]
        final INDArray mergedByHead; // view of A as [H, n, hs] (strided)
        final INDArray hidden, cdf;  // MLP F then GELU(F), and Φ(F) [n, 4C]
        final INDArray logits;       // [n, V]

        Rows(int n) {
            this.n = n;
            long c = config.nEmbd();
            x = Nd4j.create(type, n, c);
            pos = Nd4j.create(type, n, c);
            ln = Nd4j.create(type, n, c);
            mean = Nd4j.create(type, n, 1);
            rstd = Nd4j.create(type, n, 1);
            qkv = Nd4j.create(type, n, 3 * c);
            INDArray split = qkv.reshape(n, 3, nHead, headSize);                      // [n, 3, H, hs] view
            qkvByHead = new INDArray[3];
            for (int i = 0; i < 3; i++) {
                qkvByHead[i] = split.get(all(), point(i), all(), all()).permute(1, 0, 2); // [H, n, hs]
            }
            q = Nd4j.create(type, nHead, n, headSize);
            scoresFlat = Nd4j.create(type, (long) nHead * n * config.blockSize());
            heads = Nd4j.create(type, nHead, n, headSize);
            merged = Nd4j.create(type, n, c);
            mergedByHead = merged.reshape(n, nHead, headSize).permute(1, 0, 2);          // [H, n, hs] view
            hidden = Nd4j.create(type, n, 4 * c);
            cdf = Nd4j.create(type, n, 4 * c);
            logits = Nd4j.create(type, n, config.vocabSize());
        }
    }

    /** Tokens read so far (the next token's position). */
    public int length() {
        return length;
    }

    /** Forgets every token (the buffers stay allocated). */
    public void reset() {
        length = 0;
    }

    /** Forgets the tokens after the first {@code keep}: their cached keys and values are simply overwritten later. */
    public void truncate(int keep) {
        if (keep < 0 || keep > length) {
            throw new IllegalArgumentException("Cannot keep " + keep + " of " + length + " tokens");
        }
        length = keep;
    }

    /** Reads one more token; returns the logits for the token after it [V] (a copy). */
    public float[] appendOne(int token) {
        INDArray logits = append(new int[] {token}); // [1, V]
        return logits.toFloatVector();
    }

    /**
     * Reads {@code tokens} at positions length() .. length()+n−1 (n = tokens.length, the total at most
     * blockSize) and returns their logits [n, V]: row i scores the token after tokens[i] given everything
     * before it. The array is this cache's buffer, overwritten by the next call; copy what you keep.
     */
    public INDArray append(int... tokens) {
        int n = tokens.length;
        if (n == 0 || length + n > config.blockSize()) {
            throw new IllegalArgumentException("Cannot add " + n + " tokens to " + length + " (blockSize " + config.blockSize() + ")");
        }
        for (int id : tokens) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("Token id " + id + " is outside [0, " + config.vocabSize() + ")");
            }
        }
        Rows r = rowsFor(n);
        int start = length;
        int end = start + n;                                                     // keys visible to the last row
        Nd4j.pullRows(wte, r.x, 1, tokens);                                      // wte[token] [n, C]
        // Rows of wpe by pullRows too: in ND4J M2.1, wpe.get(interval(255, 256), all()) of a [256, C]
        // array came back with shape [] (a scalar), so index views of single rows are avoided here.
        int[] positions = new int[n];
        Arrays.setAll(positions, i -> start + i);
        Nd4j.pullRows(wpe, r.pos, 1, positions);                                 // wpe[start..end) [n, C]
        r.x.addi(r.pos);                                                         // x [n, C]
        INDArray mask = n == 1 ? null : causalMask(start, n);                    // [n, end] or none
        INDArray scores = r.scoresFlat.get(interval(0, (long) nHead * n * end)).reshape(nHead, n, end); // [H, n, end]
        for (Layer layer : layers) {
            // Attention branch: x += attention(LN_1(x)) W_O + b_O
            layerNorm(r.x, layer.ln1Gain, layer.ln1Bias, r);                      // U [n, C]
            Nd4j.gemm(r.ln, layer.wQkv, r.qkv, false, false, 1.0, 0.0);         // U W_qkv [n, 3C]
            r.qkv.addiRowVector(layer.bQkv);                                      // + b_qkv [n, 3C]
            r.q.assign(r.qkvByHead[0]);                                           // Q [H, n, hs]
            layer.keys.get(all(), interval(start, end), all()).assign(r.qkvByHead[1]);   // K cache rows [H, n, hs]
            layer.values.get(all(), interval(start, end), all()).assign(r.qkvByHead[2]); // V cache rows [H, n, hs]
            INDArray keys = layer.keys.get(all(), interval(0, end), all());       // K [H, end, hs]
            INDArray values = layer.values.get(all(), interval(0, end), all());   // V [H, end, hs]
            Nd4j.exec(new Mmul(r.q, keys, scores, scale, 0.0, TRANSPOSE_B));     // S = Q Kᵀ / √hs [H, n, end]
            if (mask != null) {
                scores.addi(mask);                                                // no look-ahead [H, n, end]
            }
            Nd4j.exec(new SoftMax(scores, scores, 2));                            // P [H, n, end]
            Nd4j.exec(new Mmul(scores, values, r.heads, 1.0, 0.0, NO_TRANSPOSE)); // O = P V [H, n, hs]
            r.mergedByHead.assign(r.heads);                                       // A [n, C]
            Nd4j.gemm(r.merged, layer.wO, r.x, false, false, 1.0, 1.0);          // x += A W_O [n, C]
            r.x.addiRowVector(layer.bO);                                          // + b_O [n, C]
            // MLP branch: x += GELU(LN_2(x) W_1 + b_1) W_2 + b_2
            layerNorm(r.x, layer.ln2Gain, layer.ln2Bias, r);                      // U_2 [n, C]
            Nd4j.gemm(r.ln, layer.w1, r.hidden, false, false, 1.0, 0.0);        // F [n, 4C]
            r.hidden.addiRowVector(layer.b1);                                     // + b_1 [n, 4C]
            gelu(r.hidden, r.cdf);                                                // GELU(F) [n, 4C]
            Nd4j.gemm(r.hidden, layer.w2, r.x, false, false, 1.0, 1.0);         // x += G W_2 [n, C]
            r.x.addiRowVector(layer.b2);                                          // + b_2 [n, C]
        }
        layerNorm(r.x, lnfGain, lnfBias, r);                                      // LN_f [n, C]
        Nd4j.gemm(r.ln, wte, r.logits, false, true, 1.0, 0.0);                   // h wteᵀ [n, V]
        length = end;
        return r.logits;
    }

    private Rows rowsFor(int n) {
        if (n == 1) {
            if (single == null) {
                single = new Rows(1);
            }
            return single;
        }
        if (batch == null || batch.n != n) {
            batch = new Rows(n); // a prompt is read once; keeping only the latest size bounds the memory
        }
        return batch;
    }

    /** Row i (absolute position start+i) may see keys 0..start+i: 0 there, −∞ after [n, start+n]. */
    private INDArray causalMask(int start, int n) {
        INDArray mask = Nd4j.zeros(type, n, start + n);
        for (int i = 0; i < n; i++) {
            for (int j = start + i + 1; j < start + n; j++) {
                mask.putScalar(i, j, Double.NEGATIVE_INFINITY);
            }
        }
        return mask;
    }

    /** r.ln = γ ⊙ (x − μ)/√(σ² + ε) + β per row, the model's LayerNorm. */
    private static void layerNorm(INDArray x, INDArray gain, INDArray bias, Rows r) {
        x.mean(r.mean, 1);                                              // μ [n, 1]
        Nd4j.getExecutioner().exec(new Variance(x, r.rstd, false, 1));  // σ² (biased) [n, 1]
        r.rstd.addi(LN_EPSILON);                                        // σ² + ε [n, 1]
        Transforms.sqrt(r.rstd, false).rdivi(1.0);                      // 1/s [n, 1]
        r.ln.assign(x).subiColumnVector(r.mean).muliColumnVector(r.rstd) // x̂ [n, C]
                .muliRowVector(gain).addiRowVector(bias);               // γ ⊙ x̂ + β [n, C]
    }

    /** f ← f Φ(f), the exact GELU, using {@code cdf} as scratch [n, 4C]. */
    private static void gelu(INDArray f, INDArray cdf) {
        cdf.assign(f).muli(INV_SQRT_2);    // f/√2 [n, 4C]
        Nd4j.exec(new Erf(cdf, cdf));      // erf(f/√2) [n, 4C]
        cdf.addi(1.0).muli(0.5);           // Φ(f) [n, 4C]
        f.muli(cdf);                       // f Φ(f) [n, 4C]
    }
}
