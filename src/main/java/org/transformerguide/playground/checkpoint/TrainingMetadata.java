package org.transformerguide.playground.checkpoint;

import java.util.Objects;

/**
 * What a checkpoint records about how its weights came about, for the model list and for resuming.
 *
 * @param iterations  optimizer steps taken
 * @param bestValLoss lowest validation loss seen (NaN if never evaluated)
 * @param corpusName  a human-readable name of the training text, e.g. "guide" or an uploaded file's name
 */
public record TrainingMetadata(long iterations, double bestValLoss, String corpusName) {

    public TrainingMetadata {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be ≥ 0, not " + iterations);
        }
        Objects.requireNonNull(corpusName, "corpusName");
    }
}
