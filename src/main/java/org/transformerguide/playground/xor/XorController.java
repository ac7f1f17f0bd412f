package org.transformerguide.playground.xor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.transformerguide.playground.api.WorkerStreams;

/**
 * Trains a small MLP on XOR while the reader watches: a GET (it changes nothing on the server, and a
 * browser's EventSource can only send GET, so CSRF needs no exemption) answered with server-sent events.
 * It needs no language model, so it works while the default model trains. A run takes one of the
 * playground's inference workers, so the cores stay protected: when all are busy it waits its turn in the
 * playground's queue ("queued" events), and only a full queue answers 429.
 */
@RestController
@RequestMapping("/api/playground/xor")
class XorController {

    private final WorkerStreams streams;

    XorController(WorkerStreams streams) {
        this.streams = streams;
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
                     @RequestParam(required = false) Long seed, HttpServletRequest request, HttpServletResponse response) {
        XorOptions options = new XorOptions(hidden, HiddenActivation.parse(activation), learningRate, epochs,
                seed != null ? seed : ThreadLocalRandom.current().nextInt(1_000_000));
        return streams.open(request, response, stream -> {
            if (!stream.send("start", new StartEvent(options.hidden(), options.activation().key(), options.learningRate(),
                    options.epochs(), options.seed(), XorTraining.GRID_MIN, XorTraining.GRID_MAX, XorTraining.GRID_SIZE,
                    XorNetwork.INPUTS, XorNetwork.TARGETS))) {
                return;
            }
            XorTraining.Result result = XorTraining.run(options, stream.deadlineNanos(),
                    progress -> !Thread.currentThread().isInterrupted() && stream.sendIgnoringDeadline("progress", progress)); // it keeps its own deadline
            if (result.stop() != XorTraining.Stop.CLIENT_GONE) {
                stream.sendIgnoringDeadline("done", result);
            }
        });
    }
}
