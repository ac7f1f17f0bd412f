package org.transformerguide.playground.service;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to train: a corpus, a size and a schedule, and where the best checkpoint goes.
 *
 * @param model      the name the model is served under once trained
 * @param corpusName recorded in the checkpoint ("guide", a file name)
 * @param checkpoint the file the best weights are saved to (atomically)
 * @param seed       initial weights and batch order
 * @param tokenizer  the tokenizer learned from the corpus (character-level unless said otherwise)
 */
public record TrainingRequest(String model, String corpusName, String corpus, PlaygroundProperties.Preset preset,
                              int iterations, int batchSize, double learningRate, int warmupIterations,
                              int evalInterval, int evalBatches, Path checkpoint, long seed, TokenizerSpec tokenizer) {

    /** A character-level job. */
    public TrainingRequest(String model, String corpusName, String corpus, PlaygroundProperties.Preset preset,
                           int iterations, int batchSize, double learningRate, int warmupIterations,
                           int evalInterval, int evalBatches, Path checkpoint, long seed) {
        this(model, corpusName, corpus, preset, iterations, batchSize, learningRate, warmupIterations, evalInterval, evalBatches,
                checkpoint, seed, TokenizerSpec.CHAR);
    }

    public TrainingRequest {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (iterations < 1 || batchSize < 1 || evalInterval < 1 || evalBatches < 1 || warmupIterations < 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("Need iterations, batchSize, evalInterval, evalBatches ≥ 1, warm-up ≥ 0 and a positive learning rate");
        }
    }
}
