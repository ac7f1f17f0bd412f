package org.transformerguide.playground.service;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.transformerguide.playground.checkpoint.TrainingMetadata;
import org.transformerguide.playground.inference.ContinuousBatching;
import org.transformerguide.playground.inference.Generator;
import org.transformerguide.playground.model.GptConfig;

/**
 * One model answering requests, as {@link ServedModelRegistry} holds it; not its line in the model list
 * ({@link ModelCatalogEntry}).
 *
 * <p>Its generator (which holds the weights and tokenizer), how it was trained, and the one loop thread
 * that computes everything asked of it ({@link ContinuousBatching}: generations batched together, short
 * jobs between their steps), and the answers it gave that depend on the request alone ({@link AnswerCache}).
 */
public record ServedModel(String name, GptConfig config, Generator generator, TrainingMetadata metadata,
                          ContinuousBatching batching, AnswerCache answers) {

    public long parameterCount() {
        return config.parameterCount();
    }

    /** Runs a short job ({@code generator().nextToken(...)} and the like) on the model's loop and waits for it. */
    public <T> T compute(Callable<T> work) throws InterruptedException {
        try {
            return batching.run(work).get();
        } catch (ExecutionException e) {
            throw TaskFailure.unwrap(e);
        }
    }
}
