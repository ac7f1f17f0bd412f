package org.transformerguide.playground.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.ServedModel;
import org.transformerguide.playground.service.TaskFailure;
import org.transformerguide.playground.service.TrainingService;
import org.transformerguide.playground.service.TrainingStatus;

/**
 * The API's helper for a model-backed request; it holds no models (it asks {@link ServedModelRegistry}).
 *
 * <p>What every such endpoint does first and last: find the model or say why it cannot answer (404
 * unknown, 503 while it trains), then run the work on an inference worker after waiting its turn (429
 * when the queue is full or the wait too long) within the request time limit (503 past it).
 */
@Component
class ModelRequests {

    private final ServedModelRegistry registry;
    private final TrainingService training;
    private final InferencePool pool;
    private final PlaygroundProperties properties;

    /** The current request (a proxy Spring resolves per thread): whose line a job joins. */
    private final HttpServletRequest request;

    ModelRequests(ServedModelRegistry registry, TrainingService training, InferencePool pool, PlaygroundProperties properties,
                  HttpServletRequest request) {
        this.request = request;
        this.registry = registry;
        this.training = training;
        this.pool = pool;
        this.properties = properties;
    }

    ServedModel ready(String name) {
        return registry.find(name).orElseThrow(() -> {
            TrainingStatus status = training.latest(name).orElse(null);
            if (status != null && !status.state().finished()) {
                return new PlaygroundProblems.ModelNotReady("Model '" + name + "' is training: iteration " + status.iteration()
                        + " of " + status.totalIterations(), status);
            }
            if (ServedModelRegistry.DEFAULT.equals(name)) {
                return new PlaygroundProblems.ModelNotReady(registry.problem(name).orElse("The default model is not available"), status);
            }
            return new PlaygroundProblems.UnknownModel(name);
        });
    }

    /**
     * Runs {@code work} in the requesting learner's line of the inference queue and waits for it: at most
     * the queue's wait (then 429), then at most the request time limit (then 503).
     */
    <T> T run(Callable<T> work) {
        try {
            return pool.call(Learners.of(request), work, properties.requestTimeout().toMillis());
        } catch (TimeoutException e) {
            throw new PlaygroundProblems.TimeLimit("The model took longer than " + properties.requestTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundProblems.TimeLimit("Interrupted");
        } catch (ExecutionException e) {
            throw TaskFailure.unwrap(e);
        }
    }
}
