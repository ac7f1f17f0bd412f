package org.transformerguide.playground.xor;

import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.PlaygroundProperties;

/**
 * Trains a small MLP on XOR while the reader watches: a GET (it changes nothing on the server, and a
 * browser's EventSource can only send GET, so CSRF needs no exemption) answered with server-sent events.
 * It needs no language model, so it works while the default model trains. A run takes one of the
 * playground's inference workers, so the two cores stay protected: when all are busy the answer is 429.
 */
@RestController
@RequestMapping("/api/playground/xor")
class XorController {

    private final InferencePool pool;
    private final PlaygroundProperties properties;

    XorController(InferencePool pool, PlaygroundProperties properties) {
        this.pool = pool;
        this.properties = properties;
    }

    /** The run's settings as used (with the seed drawn when none was given) and the boundary grid's geometry. */
    record StartEvent(int hidden, String activation, double learningRate, int epochs, long seed,
                      double gridMin, double gridMax, int gridSize, double[][] inputs, double[] targets) {
    }

    /**
     * Events: "start" (the settings), "progress" {epoch, loss, predictions, grid} about a hundred times
     * (grid, ŷ over [-0.5, 1.5]² as 41 rows of 41 from x2 = -0.5 up, only every fifth time), then "done"
     * {stop, epochs, loss, predictions, correct, solved, weights} with stop EPOCHS or TIME_LIMIT. A client
     * that disconnects stops the run at its next report.
     */
    @GetMapping(path = "/train", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter train(@RequestParam(defaultValue = "2") int hidden, @RequestParam(defaultValue = "tanh") String activation,
                     @RequestParam(defaultValue = "1") double learningRate, @RequestParam(defaultValue = "2000") int epochs,
                     @RequestParam(required = false) Long seed) {
        XorOptions options = new XorOptions(hidden, HiddenActivation.parse(activation), learningRate, epochs,
                seed != null ? seed : ThreadLocalRandom.current().nextInt(1_000_000));
        long limitMillis = properties.requestTimeout().toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);

        SseEmitter emitter = new SseEmitter(limitMillis + 5_000); // the run stops at the deadline; this is a backstop
        AtomicBoolean gone = new AtomicBoolean();
        AtomicReference<Future<?>> task = new AtomicReference<>();
        Runnable stop = () -> {
            gone.set(true);
            Future<?> f = task.get();
            if (f != null) {
                f.cancel(true);
            }
        };
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        task.set(pool.submit(() -> {
            try {
                send(emitter, "start", new StartEvent(options.hidden(), options.activation().key(), options.learningRate(),
                        options.epochs(), options.seed(), XorTraining.GRID_MIN, XorTraining.GRID_MAX, XorTraining.GRID_SIZE,
                        XorNetwork.INPUTS, XorNetwork.TARGETS));
                XorTraining.Result result = XorTraining.run(options, deadline, progress -> {
                    if (gone.get() || Thread.currentThread().isInterrupted()) {
                        return false;
                    }
                    try {
                        send(emitter, "progress", progress);
                        return true;
                    } catch (IOException | IllegalStateException e) {
                        gone.set(true); // the client disconnected
                        return false;
                    }
                });
                if (result.stop() != XorTraining.Stop.CLIENT_GONE) {
                    send(emitter, "done", result);
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away before the first or after the last report: nothing left to tell it.
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
            }
            return null;
        }));
        return emitter;
    }

    private static void send(SseEmitter emitter, String name, Object data) throws IOException {
        emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
    }
}
