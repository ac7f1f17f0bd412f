package org.transformerguide.playground.inference;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.Tokenizer;

/**
 * The inference operations of one trained model: continue a prompt token by token, show the next-token
 * distribution, show the attention maps. Plain Java, no web layer: a service wraps it.
 *
 * <p>Threads: KV-cached generation ({@link Decoding#KV_CACHE}, the default) uses its own {@link KvCache}
 * and only reads the weights, so streams run in parallel. Everything that runs {@link Gpt#forward}
 * (full-forward generation, {@link #nextToken}, {@link #attention}) uses the model's own activation
 * buffers and therefore takes the model's lock. Nothing may train the model while it serves.
 */
public final class Generator {

    /** How each next token's logits are computed. */
    public enum Decoding {
        /** One forward pass over the whole (cropped) context per token, as nanoGPT's generate(). */
        FULL_FORWARD,
        /** Each token read once into a {@link KvCache}; the window is recomputed only when it slides. */
        KV_CACHE
    }

    /**
     * In full-forward mode every context length is a new batch shape for which the model allocates
     * activation buffers (megabytes each at blockSize 256); releasing them this often bounds the memory.
     */
    private static final int RELEASE_EVERY = 32;

    private final Gpt model;
    private final Tokenizer tokenizer;
    private final GptConfig config;

    public Generator(Gpt model, Tokenizer tokenizer) {
        if (tokenizer.vocabSize() != model.config().vocabSize()) {
            throw new IllegalArgumentException("Tokenizer has " + tokenizer.vocabSize() + " ids, the model " + model.config().vocabSize());
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.config = model.config();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** {@link #generate(int[], int, SamplingOptions, long, Decoding, TokenSink)} for a text prompt, KV-cached. */
    public GenerationResult generate(String prompt, int maxTokens, SamplingOptions options, long seed, TokenSink sink) {
        return generate(tokenizer.encode(prompt), maxTokens, options, seed, Decoding.KV_CACHE, sink);
    }

    /**
     * Continues {@code prompt} (at least one token) by up to {@code maxTokens} tokens, handing each to
     * {@code sink} as soon as it is chosen. The model reads at most the last blockSize tokens. The same
     * prompt, options and seed give the same tokens (both decodings compute the same logits to float
     * rounding, so they agree unless two candidates are within rounding of each other). Stops early when
     * the sink returns false or the thread is interrupted.
     */
    public GenerationResult generate(int[] prompt, int maxTokens, SamplingOptions options, long seed, Decoding decoding, TokenSink sink) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt needs at least one token");
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be ≥ 0, not " + maxTokens);
        }
        Random random = new Random(seed);
        int[] sequence = Arrays.copyOf(prompt, prompt.length + maxTokens); // prompt, then the generated tokens
        int size = prompt.length;
        NextLogits next = decoding == Decoding.KV_CACHE ? new CachedLogits() : new FullForwardLogits();
        GenerationResult.Stop stop = GenerationResult.Stop.MAX_TOKENS;
        try {
            for (int i = 0; i < maxTokens; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    stop = GenerationResult.Stop.INTERRUPTED;
                    break;
                }
                float[] logits = next.after(sequence, size);                        // [V]
                int id = Sampler.sample(logits, options, random);
                sequence[size++] = id;
                if (!sink.accept(i, id, tokenizer.tokenText(id))) {
                    stop = GenerationResult.Stop.SINK;
                    break;
                }
            }
        } finally {
            next.close();
        }
        int[] generated = Arrays.copyOfRange(sequence, prompt.length, size);
        return new GenerationResult(generated, tokenizer.decode(generated), stop);
    }

    /** The filtered distribution of the token after {@code prompt}: top 20 with text and probability, and entropy. */
    public NextTokenDistribution nextToken(String prompt, SamplingOptions options) {
        return nextToken(tokenizer.encode(prompt), options);
    }

    /** As {@link #nextToken(String, SamplingOptions)} for token ids (at least one). */
    public NextTokenDistribution nextToken(int[] prompt, SamplingOptions options) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt needs at least one token");
        }
        float[] logits;
        synchronized (model) {
            logits = lastLogits(model.forward(new int[][] {window(prompt, prompt.length)})); // [V]
        }
        return NextTokenDistribution.of(Sampler.probabilities(logits, options), tokenizer);
    }

    /** Attention maps for {@code prompt}. */
    public AttentionMap attention(String prompt) {
        return attention(tokenizer.encode(prompt));
    }

    /** The tokens read (the last blockSize of {@code prompt}) and every head's probabilities [layer][head][query][key]. */
    public AttentionMap attention(int[] prompt) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt needs at least one token");
        }
        int[] tokens = window(prompt, prompt.length);
        int time = tokens.length;
        float[][][][] probabilities = new float[config.nLayer()][config.nHead()][time][time];
        synchronized (model) {
            model.forward(new int[][] {tokens});
            for (int l = 0; l < config.nLayer(); l++) {
                float[] flat = model.attention(l).dup('c').data().asFloat(); // [1, H, T, T] row-major
                for (int h = 0; h < config.nHead(); h++) {
                    for (int q = 0; q < time; q++) {
                        System.arraycopy(flat, (h * time + q) * time, probabilities[l][h][q], 0, time);
                    }
                }
            }
        }
        List<String> texts = new ArrayList<>(time);
        for (int id : tokens) {
            texts.add(tokenizer.tokenText(id));
        }
        return new AttentionMap(tokens, texts, probabilities);
    }

    /** The logit lens at the last token of {@code prompt} (its last block): the guesses after every layer. */
    public LogitLens logitLens(String prompt) {
        int[] encoded = tokenizer.encode(prompt);
        if (encoded.length == 0) {
            throw new IllegalArgumentException("The prompt needs at least one token");
        }
        int[] tokens = window(encoded, encoded.length);
        float[][] lens;
        synchronized (model) {
            model.forward(new int[][] {tokens});
            lens = model.logitLens(tokens.length - 1);
        }
        List<String> texts = new ArrayList<>(tokens.length);
        for (int id : tokens) {
            texts.add(tokenizer.tokenText(id));
        }
        return LogitLens.of(texts, lens, tokenizer);
    }

    /** A copy of the token embedding table wte [V, C], one row per token id (the weights are only read). */
    public float[][] tokenEmbeddings() {
        synchronized (model) {
            return model.parameterSet().get("wte").value().toFloatMatrix();
        }
    }

    /** The last min(size, blockSize) tokens of sequence[0..size), nanoGPT's crop. */
    private int[] window(int[] sequence, int size) {
        return Arrays.copyOfRange(sequence, Math.max(0, size - config.blockSize()), size);
    }

    private static float[] lastLogits(INDArray logits) {
        return logits.get(point(0), point(logits.size(1) - 1), all()).toFloatVector(); // [1, T, V] → [V]
    }

    /** Logits of the token after sequence[0..size). */
    private interface NextLogits extends AutoCloseable {
        float[] after(int[] sequence, int size);

        @Override
        void close();
    }

    /** nanoGPT's way: the whole window through the model for every token. */
    private final class FullForwardLogits implements NextLogits {
        private int calls;

        @Override
        public float[] after(int[] sequence, int size) {
            synchronized (model) {
                if (++calls % RELEASE_EVERY == 0) {
                    model.releaseBuffers();
                }
                return lastLogits(model.forward(new int[][] {window(sequence, size)}));
            }
        }

        @Override
        public void close() {
            synchronized (model) {
                model.releaseBuffers();
            }
        }
    }

    /**
     * Reads only the tokens the cache has not seen. While the sequence fits in blockSize that is one
     * token per step; once it is longer, every step moves the window (all positions shift by one, and
     * the positions are learned absolute ones), so the new window is read again as one prompt: no
     * faster than a full forward then, but no slower either.
     */
    private final class CachedLogits implements NextLogits {
        private final KvCache cache = new KvCache(model);
        private int windowStart; // sequence index of the cache's position 0

        @Override
        public float[] after(int[] sequence, int size) {
            int start = Math.max(0, size - config.blockSize());
            if (start != windowStart) {
                cache.reset();
                windowStart = start;
            }
            int[] unread = Arrays.copyOfRange(sequence, windowStart + cache.length(), size);
            INDArray logits = cache.append(unread);                     // [n, V]
            return logits.getRow(unread.length - 1).toFloatVector();    // [V]
        }

        @Override
        public void close() {
            // Nothing shared to release: the cache is garbage once this generation ends.
        }
    }
}
