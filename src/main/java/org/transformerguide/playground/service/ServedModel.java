package org.transformerguide.playground.service;

import org.transformerguide.playground.checkpoint.TrainingMetadata;
import org.transformerguide.playground.inference.Generator;
import org.transformerguide.playground.model.GptConfig;

/** A model ready to answer: its generator (which holds the weights and tokenizer) and how it was trained. */
public record ServedModel(String name, GptConfig config, Generator generator, TrainingMetadata metadata) {

    public long parameterCount() {
        return config.parameterCount();
    }
}
