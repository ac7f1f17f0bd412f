package org.transformerguide.playground.inference;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;

/**
 * Incremental decoding of one sequence: the keys and values of every token already read are kept per
 * layer, so reading one more token costs one row through every layer (a handful of matrix-vector
 * products) plus attention over the cached keys, instead of a full forward pass over the whole context.
 * Same mathematics as {@link Gpt#forward}, written for inference only (no backward buffers). Several
 * caches can decode different sequences from one model at once. A multi-token append (a prompt) reads
 * the model's weights in place; the one-token step ({@link OneTokenStep}, plain Java) reads a copy made
 * when the cache is created, so a cache must not outlive a change of the weights (a served model's never
 * change: training builds a new model).
 *
 * <p>Positions are absolute (learned position embeddings), so a cache holds at most {@code blockSize}
 * tokens; sliding the window by one means recomputing it ({@link #reset} and {@link #append} the new
 * window), as nanoGPT's crop does. Not thread-safe: one cache per sequence.
 *
 * <p>Why plain Java loops: for one token every array is a single row (C = 128 numbers), so an ND4J
 * call costs its fixed ~20–50 µs overhead and almost nothing for the arithmetic; the one-token step is
 * therefore all Java ({@link OneTokenStep}). A prompt of n tokens keeps ND4J's matrix products and
 * attention (7 calls per layer, worth it for n rows); its embedding lookup, LayerNorm, bias adds, GELU
 * and the split and merge of heads run as loops directly on the arrays' native float buffers. Float32
 * models only.
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
    private final OneTokenStep oneToken;     // the one-token path, on a copy of the weights
    private final FloatBuffer[] keyBuffers;  // each layer's keys' native memory [H, T_max, hs]
    private final FloatBuffer[] valueBuffers; // ... values'
    private final float[] oneTokenLogits;
    private Rows single; // buffers for one new token, reused every step
    private Rows batch;  // buffers for the last multi-token append (a prompt)
    private int length;

    /**
     * The weights of one block (views of the model's parameters) and its K, V caches [H, T_max, hs].
     * The views of the caches' first {@code end} positions are made once per length and kept: building
     * an ND4J index view costs more than the arithmetic of a one-token step.
     */
    private record Layer(INDArray ln1Gain, INDArray ln1Bias, INDArray wQkv, INDArray bQkv, INDArray wO, INDArray bO,
                         INDArray ln2Gain, INDArray ln2Bias, INDArray w1, INDArray b1, INDArray w2, INDArray b2,
                         INDArray keys, INDArray values, INDArray[] keyPrefixes, INDArray[] valuePrefixes) {

        /** cache[:, 0:end, :] [H, end, hs], memoized in {@code views}. */
        INDArray prefix(INDArray cache, INDArray[] views, int end) {
            if (views[end] == null) {
                views[end] = cache.get(all(), interval(0, end), all());
            }
            return views[end];
        }
    }

    /** A cache for {@code model}, empty. */
    public KvCache(Gpt model) {
        if (model.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("KvCache decodes float32 models, not " + model.dataType());
        }
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
                    Nd4j.create(type, nHead, config.blockSize(), headSize),
                    new INDArray[config.blockSize() + 1], new INDArray[config.blockSize() + 1]);
        }
        lnfGain = p.get("lnf.gain").value();
        lnfBias = p.get("lnf.bias").value();
        oneToken = new OneTokenStep(config, p);
        keyBuffers = new FloatBuffer[layers.length];
        valueBuffers = new FloatBuffer[layers.length];
        for (int l = 0; l < layers.length; l++) {
            keyBuffers[l] = layers[l].keys().data().asNioFloat();     // own arrays, offset 0
            valueBuffers[l] = layers[l].values().data().asNioFloat();
        }
        oneTokenLogits = new float[config.vocabSize()];
    }

    /** Activation buffers for n new rows. */
    private final class Rows {
        final int n;
        final INDArray x;            // residual stream [n, C]
        final INDArray ln;           // a LayerNorm's output [n, C]
        final INDArray qkv;          // [Q K V] [n, 3C]
        final INDArray q;            // Q, contiguous [H, n, hs]
        final INDArray scoresFlat;   // room for S and P up to [H, n, T_max]
        final INDArray[] scoresByEnd; // views of it as [H, n, end], made when first needed
        final INDArray heads;        // O = P V [H, n, hs]
        final INDArray merged;       // A, heads side by side [n, C]
        final INDArray hidden;       // MLP F, then GELU(F) in place [n, 4C]
        final INDArray logits;       // [n, V]

        Rows(int n) {
            this.n = n;
            long c = config.nEmbd();
            x = Nd4j.create(type, n, c);
            ln = Nd4j.create(type, n, c);
            qkv = Nd4j.create(type, n, 3 * c);
            q = Nd4j.create(type, nHead, n, headSize);
            scoresFlat = Nd4j.create(type, (long) nHead * n * config.blockSize());
            scoresByEnd = new INDArray[config.blockSize() + 1];
            heads = Nd4j.create(type, nHead, n, headSize);
            merged = Nd4j.create(type, n, c);
            hidden = Nd4j.create(type, n, 4 * c);
            logits = Nd4j.create(type, n, config.vocabSize());
        }

        /** The first H·n·end numbers of scoresFlat as [H, n, end], memoized per length. */
        INDArray scores(int end) {
            if (scoresByEnd[end] == null) {
                scoresByEnd[end] = scoresFlat.get(interval(0, (long) nHead * n * end)).reshape(nHead, n, end);
            }
            return scoresByEnd[end];
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
        checkRoom(1);
        checkId(token);
        oneToken.run(token, length, keyBuffers, valueBuffers, oneTokenLogits);
        length++;
        return oneTokenLogits.clone();
    }

    /**
     * Reads {@code tokens} at positions length() .. length()+n−1 (n = tokens.length, the total at most
     * blockSize) and returns their logits [n, V]: row i scores the token after tokens[i] given everything
     * before it. The array is this cache's buffer, overwritten by the next call; copy what you keep.
     */
    public INDArray append(int... tokens) {
        int n = tokens.length;
        checkRoom(n);
        for (int id : tokens) {
            checkId(id);
        }
        Rows r = rowsFor(n);
        if (n == 1) {                                                            // one token: the plain-Java step
            float[] logits = appendOne(tokens[0]);
            r.logits.data().asNioFloat().put(0, logits);                        // own [1, V] array, offset 0
            return r.logits;
        }
        int start = length;
        int end = start + n;                                                     // keys visible to the last row
        embed(tokens, start, r.x);                                               // wte[token] + wpe[pos] [n, C]
        INDArray mask = n == 1 ? null : causalMask(start, n);                    // [n, end] or none
        INDArray scores = r.scores(end);                                         // [H, n, end]
        for (Layer layer : layers) {
            // Attention branch: x += attention(LN_1(x)) W_O + b_O
            layerNorm(r.x, layer.ln1Gain, layer.ln1Bias, r.ln);                   // U [n, C]
            Nd4j.gemm(r.ln, layer.wQkv, r.qkv, false, false, 1.0, 0.0);         // U W_qkv [n, 3C]
            addRow(r.qkv, layer.bQkv);                                            // + b_qkv [n, 3C]
            splitHeads(r.qkv, start, r.q, layer.keys, layer.values);            // Q [H, n, hs]; K, V rows cached
            INDArray keys = layer.prefix(layer.keys, layer.keyPrefixes, end);    // K [H, end, hs]
            INDArray values = layer.prefix(layer.values, layer.valuePrefixes, end); // V [H, end, hs]
            Nd4j.exec(new Mmul(r.q, keys, scores, scale, 0.0, TRANSPOSE_B));     // S = Q Kᵀ / √hs [H, n, end]
            if (mask != null) {
                scores.addi(mask);                                                // no look-ahead [H, n, end]
            }
            Nd4j.exec(new SoftMax(scores, scores, 2));                            // P [H, n, end]
            Nd4j.exec(new Mmul(scores, values, r.heads, 1.0, 0.0, NO_TRANSPOSE)); // O = P V [H, n, hs]
            mergeHeads(r.heads, r.merged);                                        // A [n, C]
            Nd4j.gemm(r.merged, layer.wO, r.x, false, false, 1.0, 1.0);          // x += A W_O [n, C]
            addRow(r.x, layer.bO);                                                // + b_O [n, C]
            // MLP branch: x += GELU(LN_2(x) W_1 + b_1) W_2 + b_2
            layerNorm(r.x, layer.ln2Gain, layer.ln2Bias, r.ln);                   // U_2 [n, C]
            Nd4j.gemm(r.ln, layer.w1, r.hidden, false, false, 1.0, 0.0);        // F [n, 4C]
            addRowAndGelu(r.hidden, layer.b1);                                    // GELU(F + b_1) [n, 4C]
            Nd4j.gemm(r.hidden, layer.w2, r.x, false, false, 1.0, 1.0);         // x += G W_2 [n, C]
            addRow(r.x, layer.b2);                                                // + b_2 [n, C]
        }
        layerNorm(r.x, lnfGain, lnfBias, r.ln);                                   // LN_f [n, C]
        Nd4j.gemm(r.ln, wte, r.logits, false, true, 1.0, 0.0);                   // h wteᵀ [n, V]
        length = end;
        return r.logits;
    }

    private void checkRoom(int n) {
        if (n == 0 || length + n > config.blockSize()) {
            throw new IllegalArgumentException("Cannot add " + n + " tokens to " + length + " (blockSize " + config.blockSize() + ")");
        }
    }

    private void checkId(int id) {
        if (id < 0 || id >= config.vocabSize()) {
            throw new IllegalArgumentException("Token id " + id + " is outside [0, " + config.vocabSize() + ")");
        }
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

    /** x[i, :] = wte[tokens[i], :] + wpe[start + i, :] for x [n, C]. */
    private void embed(int[] tokens, int start, INDArray x) {
        FloatBuffer tokenTable = floats(wte);
        FloatBuffer positionTable = floats(wpe);
        FloatBuffer out = floats(x);
        int channels = config.nEmbd();
        for (int i = 0; i < tokens.length; i++) {
            int tokenRow = (int) wte.offset() + tokens[i] * channels;
            int positionRow = (int) wpe.offset() + (start + i) * channels;
            int outRow = (int) x.offset() + i * channels;
            for (int c = 0; c < channels; c++) {
                out.put(outRow + c, tokenTable.get(tokenRow + c) + positionTable.get(positionRow + c));
            }
        }
    }

    /**
     * From [Q K V] [n, 3C]: Q into q [H, n, hs], and K and V into rows start..start+n of the caches
     * [H, T_max, hs]. Column h·hs + d of a block is dimension d of head h.
     */
    private void splitHeads(INDArray qkv, int start, INDArray q, INDArray keys, INDArray values) {
        FloatBuffer in = floats(qkv);
        FloatBuffer qOut = floats3(q);
        FloatBuffer kOut = keys.data().asNioFloat(); // own buffers, offset 0
        FloatBuffer vOut = values.data().asNioFloat();
        int n = (int) qkv.size(0);
        int channels = nHead * headSize;
        int tMax = config.blockSize();
        float[] slice = new float[headSize];
        for (int i = 0; i < n; i++) {
            int row = (int) qkv.offset() + i * 3 * channels;
            for (int h = 0; h < nHead; h++) {
                in.get(row + h * headSize, slice);
                qOut.put((h * n + i) * headSize, slice);                     // q[h, i, :]
                in.get(row + channels + h * headSize, slice);
                kOut.put((h * tMax + start + i) * headSize, slice);          // K[h, start + i, :]
                in.get(row + 2 * channels + h * headSize, slice);
                vOut.put((h * tMax + start + i) * headSize, slice);          // V[h, start + i, :]
            }
        }
    }

    /** heads [H, n, hs] side by side into merged [n, C]: merged[i, h·hs + d] = heads[h, i, d]. */
    private void mergeHeads(INDArray heads, INDArray merged) {
        FloatBuffer in = floats3(heads);
        FloatBuffer out = floats(merged);
        int n = (int) merged.size(0);
        float[] slice = new float[headSize];
        for (int h = 0; h < nHead; h++) {
            for (int i = 0; i < n; i++) {
                in.get((h * n + i) * headSize, slice);
                out.put(i * nHead * headSize + h * headSize, slice);
            }
        }
    }

    /**
     * out = γ ⊙ (x − μ)/√(σ² + ε) + β per row (biased σ², as the model's LayerNorm), for contiguous
     * x, out [n, C] and γ, β [1, C] (views into the parameter buffer, hence the offsets).
     */
    private static void layerNorm(INDArray x, INDArray gain, INDArray bias, INDArray out) {
        FloatBuffer in = floats(x);
        FloatBuffer result = floats(out);
        FloatBuffer g = floats(gain);
        FloatBuffer b = floats(bias);
        int rows = (int) x.size(0);
        int channels = (int) x.size(1);
        int xOffset = (int) x.offset();
        int outOffset = (int) out.offset();
        int gOffset = (int) gain.offset();
        int bOffset = (int) bias.offset();
        for (int row = 0; row < rows; row++) {
            int base = xOffset + row * channels;
            double mean = 0;
            for (int c = 0; c < channels; c++) {
                mean += in.get(base + c);
            }
            mean /= channels;                                            // μ
            double variance = 0;
            for (int c = 0; c < channels; c++) {
                double d = in.get(base + c) - mean;
                variance += d * d;
            }
            double rstd = 1 / Math.sqrt(variance / channels + LN_EPSILON); // 1/s
            int outBase = outOffset + row * channels;
            for (int c = 0; c < channels; c++) {
                double xHat = (in.get(base + c) - mean) * rstd;
                result.put(outBase + c, (float) (g.get(gOffset + c) * xHat + b.get(bOffset + c)));
            }
        }
    }

    /** a[i, :] += row for contiguous a [n, D] and row [1, D]. */
    private static void addRow(INDArray a, INDArray row) {
        FloatBuffer target = floats(a);
        FloatBuffer add = floats(row);
        int width = (int) a.size(1);
        int aOffset = (int) a.offset();
        int rowOffset = (int) row.offset();
        for (int i = 0; i < a.size(0); i++) {
            int base = aOffset + i * width;
            for (int j = 0; j < width; j++) {
                target.put(base + j, target.get(base + j) + add.get(rowOffset + j));
            }
        }
    }

    /** f ← GELU(f + b) = z Φ(z) with z = f + b, the exact GELU, for contiguous f [n, 4C] and b [1, 4C]. */
    private static void addRowAndGelu(INDArray f, INDArray bias) {
        FloatBuffer values = floats(f);
        FloatBuffer add = floats(bias);
        int width = (int) f.size(1);
        int fOffset = (int) f.offset();
        int bOffset = (int) bias.offset();
        for (int i = 0; i < f.size(0); i++) {
            int base = fOffset + i * width;
            for (int j = 0; j < width; j++) {
                double z = values.get(base + j) + add.get(bOffset + j);
                values.put(base + j, (float) (z * 0.5 * (1 + erf(z * INV_SQRT_2))));
            }
        }
    }

    /**
     * erf(x) from Numerical Recipes' Chebyshev fit of erfc (fractional error below 1.2e-7 everywhere),
     * enough for float32: Java has no erf, and this is the one GELU (PyTorch's exact) the model uses.
     */
    static double erf(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc : erfc - 1;
    }

    /** The float buffer of an array this class created itself, [H, n, hs] contiguous with offset 0. */
    private static FloatBuffer floats3(INDArray a) {
        if (a.offset() != 0 || a.ordering() != 'c' || a.isView()) {
            throw new IllegalStateException("Expected an own contiguous array");
        }
        return a.data().asNioFloat();
    }

    /** The native float buffer under an array, indexed from the buffer's start (add the array's offset). */
    private static FloatBuffer floats(INDArray a) {
        boolean rowMajor = a.rank() == 2 && a.ordering() == 'c' && a.stride(1) == 1 && (a.size(0) == 1 || a.stride(0) == a.size(1));
        if (!rowMajor) {
            throw new IllegalStateException("Expected a contiguous row-major array, got strides " + Arrays.toString(a.stride()));
        }
        return a.data().asNioFloat();
    }
}
