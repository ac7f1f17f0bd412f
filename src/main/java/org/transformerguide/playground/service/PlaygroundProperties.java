package org.transformerguide.playground.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.transformerguide.playground.model.GptConfig;

/**
 * The playground's settings ({@code guide.playground.*}).
 *
 * <p>The default preset is nanoGPT's CPU configuration (4 layers, 4 heads, width 128, block 64, batch 12):
 * the engine measured ~150 ms per step for it on this 2-core machine, so 1500 iterations are ≈ 225 s of
 * training, inside the "about 5 minutes" with room for the evaluations and a busy machine, and at
 * character level on the guide (≈ 100 distinct characters) it is the largest model that budget allows.
 *
 * @param trainOnStart     train the default model in the background at start-up when no usable checkpoint exists
 * @param modelDir         where checkpoints live; empty = {@code <guide.data-dir>/models}
 * @param preset           the default model's size (the vocabulary comes from the corpus)
 * @param iterations       optimizer steps of a training job
 * @param batchSize        sequences per step
 * @param learningRate     peak learning rate (nanoGPT's 1e-3 for this size)
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
 */
@ConfigurationProperties("guide.playground")
public record PlaygroundProperties(
        @DefaultValue("true") boolean trainOnStart,
        @DefaultValue("") String modelDir,
        @DefaultValue Preset preset,
        @DefaultValue("1500") int iterations,
        @DefaultValue("12") int batchSize,
        @DefaultValue("1e-3") double learningRate,
        @DefaultValue("100") int warmupIterations,
        @DefaultValue("250") int evalInterval,
        @DefaultValue("20") int evalBatches,
        @DefaultValue("1000") int maxPromptChars,
        @DefaultValue("500") int maxTokens,
        @DefaultValue("0") int workers,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("32") int batchStreams,
        @DefaultValue("10") int workerNice,
        @DefaultValue("100") int queueSize,
        @DefaultValue("20s") Duration queueWait) {

    /** A model size without its vocabulary, which only the corpus decides. */
    public record Preset(@DefaultValue("4") int nLayer, @DefaultValue("4") int nHead,
                         @DefaultValue("128") int nEmbd, @DefaultValue("64") int blockSize) {

        public GptConfig withVocabulary(int vocabSize) {
            return new GptConfig(nLayer, nHead, nEmbd, blockSize, vocabSize, 0.0);
        }
    }
}
