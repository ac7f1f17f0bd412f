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
 * @param heldOut    validation text kept apart from {@code corpus} (the guide's held-out sections); empty:
 *                   the last 10% of the corpus's tokens validate instead
 * @param dropout    dropout probability during training steps
 */
public record TrainingRequest(String model, String corpusName, String corpus, PlaygroundProperties.Preset preset,
                              int iterations, int batchSize, double learningRate, int warmupIterations,
                              int evalInterval, int evalBatches, Path checkpoint, long seed, TokenizerSpec tokenizer,
                              String heldOut, double dropout) {

    /** A job validated on the last 10% of its corpus, without dropout. */
    public TrainingRequest(String model, String corpusName, String corpus, PlaygroundProperties.Preset preset,
                           int iterations, int batchSize, double learningRate, int warmupIterations,
                           int evalInterval, int evalBatches, Path checkpoint, long seed, TokenizerSpec tokenizer) {
        this(model, corpusName, corpus, preset, iterations, batchSize, learningRate, warmupIterations, evalInterval, evalBatches,
                checkpoint, seed, tokenizer, "", 0.0);
    }

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
        Objects.requireNonNull(heldOut, "heldOut");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), not " + dropout);
        }
        if (iterations < 1 || batchSize < 1 || evalInterval < 1 || evalBatches < 1 || warmupIterations < 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("Need iterations, batchSize, evalInterval, evalBatches ≥ 1, warm-up ≥ 0 and a positive learning rate");
        }
    }
}
