package org.transformerguide.playground.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.transformerguide.playground.inference.ContinuousBatching;
import org.transformerguide.playground.inference.GenerationResult;
import org.transformerguide.playground.inference.SamplingOptions;
import org.transformerguide.playground.service.ServedModel;
import org.transformerguide.playground.api.PlaygroundController.TokenEvent;
import org.transformerguide.playground.service.TaskFailure;

/**
 * One generate request's side of continuous batching: the model's loop chooses the tokens (with every
 * other stream, one batched step per token) and hands each to this request's queue; the request's own
 * thread writes them to its client. So a slow client's socket holds up only its own stream, never the
 * loop, and a client that leaves (or a time limit that passes) takes its stream out of the batch at the
 * next step. Tokens go out at most every 20 ms, those that came meanwhile in one write: each is still its
 * own "token" event, but the socket is flushed once for all of them.
 */
final class BatchedStream {

    /**
     * At most one write per stream this often (the first token goes at once): a batched loop gives each of
     * 30 streams a token every few milliseconds, and a write (a flush, a system call, a thread woken) per
     * token cost the machine more than the tokens; 20 ms is below what a reader can see.
     */
    private static final long WRITE_EVERY_NANOS = 20_000_000L;
    /** Put in the queue when the generation has ended, so the last tokens go out at once. */
    private static final TokenEvent END = new TokenEvent(-1, -1, "");

    private BatchedStream() {
    }

    /** Generates on {@code served}'s loop, writing "token" events to {@code stream}; returns when the generation has ended. */
    static GenerationResult run(ServedModel served, int[] prompt, int maxTokens, SamplingOptions options, long seed,
                                WorkerStreams.Stream stream) {
        LinkedBlockingQueue<TokenEvent> tokens = new LinkedBlockingQueue<>();          // the events on their way to the client
        ContinuousBatching.Stream generation = served.batching().submit(prompt, maxTokens, options, seed, (index, id, text) -> {
            tokens.add(new TokenEvent(index, id, text));
            return !stream.gone() && !stream.pastDeadline();             // stop at the next step when either holds
        });
        generation.result().whenComplete((result, failure) -> tokens.add(END)); // after the last token
        List<TokenEvent> ready = new ArrayList<>();
        long writeAfter = 0;                                              // the first token goes out at once
        boolean ended = false;
        try {
            while (!ended) {
                TokenEvent token = tokens.poll(20, TimeUnit.MILLISECONDS);
                if (token == null) {
                    continue;
                }
                ready.add(token);
                long wait;                                                // faster than a reader sees: gather until the next write
                while (ready.get(ready.size() - 1) != END && (wait = writeAfter - System.nanoTime()) > 0) { // or the end
                    TokenEvent more = tokens.poll(wait, TimeUnit.NANOSECONDS);
                    if (more == null) {
                        break;
                    }
                    ready.add(more);
                }
                tokens.drainTo(ready);                                    // what else came while this thread waited for a core
                ended = ready.get(ready.size() - 1) == END;               // END is the last thing ever queued
                if (ended) {
                    ready.remove(ready.size() - 1);
                }
                if (!ready.isEmpty() && !stream.sendAll("token", ready)) {
                    generation.cancel();                                  // client gone or too late: leave the batch
                }
                ready.clear();
                writeAfter = System.nanoTime() + WRITE_EVERY_NANOS;
            }
        } catch (InterruptedException e) {
            generation.cancel();                                          // the request was cancelled: out at the next step
            Thread.currentThread().interrupt();
        }
        try {
            return generation.result().join();                            // done, or ending at the loop's next step
        } catch (CompletionException e) {
            throw TaskFailure.unwrap(e);
        }
    }
}
