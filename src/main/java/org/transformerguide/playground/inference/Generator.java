package org.transformerguide.playground.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.SequenceCache;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.Tokenizer;

/**
 * The inference operations of one trained model: continue a prompt token by token, show the next-token
 * distribution, the attention maps and the logit lens. Plain Java, no web layer: a service wraps it.
 *
 * <p>Threads: the {@link Gpt} holds only weights, which nothing changes while the model is served
 * (training builds a new model). Every call here makes its own state — a {@link SequenceCache} or a set of
 * {@link Gpt.Activations} — uses it on the calling thread and drops it, so any number of calls run at
 * once on one copy of the weights, without a lock.
 */
public final class Generator {

    /** How each next token's logits are computed. */
    public enum Decoding {
        /** One forward pass over the whole (cropped) context per token, as nanoGPT's generate(). */
        FULL_FORWARD,
        /** Each token read once into a {@link SequenceCache}; the window is read again only when it slides. */
        KV_CACHE
    }

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
        int[] tokens = window(prompt, prompt.length);
        float[] logits = model.extend(model.newCache(tokens.length), tokens);  // [V], the same path as generate
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
        Gpt.Activations a = model.newActivations(1, time, false);
        model.forwardBlocks(new int[][] {tokens}, a);                            // the maps, not the logits
        float[][][][] probabilities = new float[config.nLayer()][config.nHead()][time][time];
        for (int l = 0; l < config.nLayer(); l++) {
            float[] flat = a.attention(l);                                       // [1, H, T, T] row-major
            for (int h = 0; h < config.nHead(); h++) {
                for (int q = 0; q < time; q++) {
                    System.arraycopy(flat, (h * time + q) * time, probabilities[l][h][q], 0, time);
                }
            }
        }
        return new AttentionMap(tokens, texts(tokens), probabilities);
    }

    /** The logit lens at the last token of {@code prompt} (its last block): the guesses after every layer. */
    public LogitLens logitLens(String prompt) {
        int[] encoded = tokenizer.encode(prompt);
        if (encoded.length == 0) {
            throw new IllegalArgumentException("The prompt needs at least one token");
        }
        int[] tokens = window(encoded, encoded.length);
        Gpt.Activations a = model.newActivations(1, tokens.length, false);
        model.forwardBlocks(new int[][] {tokens}, a);                            // the lens has its own head
        float[][] lens = model.logitLens(a, tokens.length - 1);                 // [nLayer + 1][V]
        return LogitLens.of(texts(tokens), lens, tokenizer);
    }

    /** A copy of the token embedding table wte [V, C], one row per token id (the weights are only read). */
    public float[][] tokenEmbeddings() {
        return model.parameterSet().get("wte").toMatrix();
    }

    private List<String> texts(int[] tokens) {
        List<String> texts = new ArrayList<>(tokens.length);
        for (int id : tokens) {
            texts.add(tokenizer.tokenText(id));
        }
        return texts;
    }

    /** The last min(size, blockSize) tokens of sequence[0..size), nanoGPT's crop. */
    private int[] window(int[] sequence, int size) {
        return Arrays.copyOfRange(sequence, Math.max(0, size - config.blockSize()), size);
    }

    /** Logits of the token after sequence[0..size): an array the next call may overwrite. */
    private interface NextLogits {
        float[] after(int[] sequence, int size);
    }

    /**
     * nanoGPT's way: the whole window through the model's full forward pass for every token. Kept as the
     * reference the cached decoding is tested against; its activations are rebuilt whenever the window's
     * length changes (every token until the window is full).
     */
    private final class FullForwardLogits implements NextLogits {
        private Gpt.Activations activations;
        private final float[] last = new float[config.vocabSize()];

        @Override
        public float[] after(int[] sequence, int size) {
            int[] tokens = window(sequence, size);
            if (activations == null || activations.time() != tokens.length) {
                activations = model.newActivations(1, tokens.length, false);
            }
            float[] logits = model.forward(new int[][] {tokens}, activations);   // [T, V]
            System.arraycopy(logits, (tokens.length - 1) * last.length, last, 0, last.length);
            return last;
        }
    }

    /** Reads only the tokens the cache has not seen ({@link CachedWindow}). */
    private final class CachedLogits implements NextLogits {
        private final CachedWindow window = new CachedWindow(model.newCache(config.blockSize()), config.blockSize());

        @Override
        public float[] after(int[] sequence, int size) {
            int[] unread = Arrays.copyOfRange(sequence, window.firstUnread(size), size);
            return model.extend(window.cache(), unread);                         // [V]
        }
    }
}
