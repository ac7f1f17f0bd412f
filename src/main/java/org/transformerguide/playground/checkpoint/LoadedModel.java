package org.transformerguide.playground.checkpoint;

import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.tokenizer.Tokenizer;

/** Everything one checkpoint file holds: the model (float32) with its weights, its tokenizer and its history. */
public record LoadedModel(Gpt model, Tokenizer tokenizer, TrainingMetadata metadata) {
}
