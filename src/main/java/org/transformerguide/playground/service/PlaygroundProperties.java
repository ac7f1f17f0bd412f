package org.transformerguide.playground.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.transformerguide.playground.model.GptConfig;

/**
 * The playground's settings ({@code guide.playground.*}).
 *
 * <p>The defaults are the settings the model shipped in the jar was trained with ({@code --train-default},
 * seed 1337): 4 layers, 4 heads, width 192, block 128 tokens of a 1,024-token byte-level BPE vocabulary
 * learned on the guide, batch 16, 4500 iterations at a peak rate of 1.5e-3 with dropout 0.2 (with dropout
 * 0.1 the held-out loss stopped improving after about 2,400 iterations). The sizes and schedules tried and
 * the bits per character each reached are in README ("The default model"). Training it again (an edition
 * of the guide with other content) takes about 40 minutes on one busy core.
 *
 * @param trainOnStart     train the default model in the background at start-up when no usable checkpoint exists
 * @param modelDir         where checkpoints live; empty = {@code <guide.data-dir>/models}
 * @param preset           the default model's size (the vocabulary comes from the corpus)
 * @param iterations       optimizer steps of a training job
 * @param batchSize        sequences per step
 * @param learningRate     peak learning rate
 * @param warmupIterations linear warm-up before the cosine decay to learningRate / 10
 * @param evalInterval     steps between validation-loss estimates (and best-checkpoint saves)
 * @param evalBatches      batches averaged per validation estimate
 * @param maxPromptChars   longest prompt the API accepts
 * @param maxTokens        most tokens one generate request may ask for
 * @param workers          inference requests in flight at once (0, the default: {@code batchStreams}); they wait while a
 *                         served model's one loop thread computes, so this is not a number of busy cores
 * @param requestTimeout   time limit of one inference request once it runs
 * @param batchStreams     generations one served model advances together in one batched step (continuous batching)
 * @param workerNice       how much the workers lower their own scheduling priority (Linux nice; 0 = not at all)
 * @param queueSize        requests that may wait for a worker (fairly, per learner); past it, 429 with Retry-After
 * @param queueWait        longest wait in the queue; a request still waiting then gets 429 (a stream, a "busy" event)
 * @param tokenizer        the default model's tokenizer: "bpe" (byte-level BPE learned on the guide) or "char"
 * @param vocabSize        the BPE vocabulary size (ignored for "char")
 * @param dropout          dropout probability while training the default model
 * @param bundledModel     install the checkpoint shipped in the jar when the model directory has none; false
 *                         for an edition of the guide with other content, so the model is trained on that
 */
@ConfigurationProperties("guide.playground")
public record PlaygroundProperties(
        @DefaultValue("true") boolean trainOnStart,
        @DefaultValue("") String modelDir,
        @DefaultValue Preset preset,
        @DefaultValue("4500") int iterations,
        @DefaultValue("16") int batchSize,
        @DefaultValue("1.5e-3") double learningRate,
        @DefaultValue("50") int warmupIterations,
        @DefaultValue("100") int evalInterval,
        @DefaultValue("20") int evalBatches,
        @DefaultValue("1000") int maxPromptChars,
        @DefaultValue("500") int maxTokens,
        @DefaultValue("0") int workers,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("32") int batchStreams,
        @DefaultValue("10") int workerNice,
        @DefaultValue("100") int queueSize,
        @DefaultValue("20s") Duration queueWait,
        @DefaultValue("bpe") String tokenizer,
        @DefaultValue("1024") int vocabSize,
        @DefaultValue("0.2") double dropout,
        @DefaultValue("true") boolean bundledModel) {

    @ConstructorBinding
    public PlaygroundProperties {
    }

    /** Settings with the default model's tokenizer, dropout and bundled checkpoint left at their defaults. */
    public PlaygroundProperties(boolean trainOnStart, String modelDir, Preset preset, int iterations, int batchSize,
                                double learningRate, int warmupIterations, int evalInterval, int evalBatches,
                                int maxPromptChars, int maxTokens, int workers, Duration requestTimeout,
                                int batchStreams, int workerNice, int queueSize, Duration queueWait) {
        this(trainOnStart, modelDir, preset, iterations, batchSize, learningRate, warmupIterations, evalInterval, evalBatches,
                maxPromptChars, maxTokens, workers, requestTimeout, batchStreams, workerNice, queueSize, queueWait,
                "bpe", 1024, 0.2, true);
    }

    /** The same with the queue's and the batching's settings at their defaults too. */
    public PlaygroundProperties(boolean trainOnStart, String modelDir, Preset preset, int iterations, int batchSize,
                                double learningRate, int warmupIterations, int evalInterval, int evalBatches,
                                int maxPromptChars, int maxTokens, int workers, Duration requestTimeout) {
        this(trainOnStart, modelDir, preset, iterations, batchSize, learningRate, warmupIterations, evalInterval, evalBatches,
                maxPromptChars, maxTokens, workers, requestTimeout, 32, 10, 100, Duration.ofSeconds(20));
    }

    /** The default model's tokenizer as a training job takes it. */
    public TokenizerSpec tokenizerSpec() {
        return "char".equalsIgnoreCase(tokenizer) ? TokenizerSpec.CHAR : TokenizerSpec.bpe(vocabSize);
    }

    /** A model size without its vocabulary, which only the corpus decides. */
    public record Preset(@DefaultValue("4") int nLayer, @DefaultValue("4") int nHead,
                         @DefaultValue("192") int nEmbd, @DefaultValue("128") int blockSize) {

        public GptConfig withVocabulary(int vocabSize) {
            return withVocabulary(vocabSize, 0.0);
        }

        public GptConfig withVocabulary(int vocabSize, double dropout) {
            return new GptConfig(nLayer, nHead, nEmbd, blockSize, vocabSize, dropout);
        }
    }
}
