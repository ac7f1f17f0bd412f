package org.transformerguide.playground.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.transformerguide.playground.api.PlaygroundController.TokenEvent;
import org.transformerguide.playground.inference.ContinuousBatching;
import org.transformerguide.playground.inference.GenerationResult;
import org.transformerguide.playground.inference.SamplingOptions;
import org.transformerguide.playground.service.ServedModel;
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

    private BatchedStream() {
    }

    /** Generates on {@code served}'s loop, writing "token" events to {@code stream}; returns when the generation has ended. */
    static GenerationResult run(ServedModel served, int[] prompt, int maxTokens, SamplingOptions options, long seed,
                                WorkerStreams.Stream stream) {
        Mailbox tokens = new Mailbox();                                   // the events on their way to the client
        ContinuousBatching.Stream generation = served.batching().submit(prompt, maxTokens, options, seed, (index, id, text) -> {
            tokens.add(new TokenEvent(index, id, text));
            return !stream.gone() && !stream.pastDeadline();             // stop at the next step when either holds
        });
        generation.result().whenComplete((result, failure) -> tokens.end()); // after the last token
        List<TokenEvent> ready = new ArrayList<>();
        long writeAfter = System.nanoTime();                              // the first token goes out at once
        boolean ended = false;
        try {
            while (!ended) {
                ended = tokens.takeAll(ready, writeAfter);
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

    /**
     * Tokens from the model's loop to the writing thread. The loop wakes the writer only when it matters:
     * for a token while the writer waits for one (the first, or the first after a quiet window) and for the
     * end. A token that comes while the writer waits out its 20 ms window waits with it, so a stream's thread
     * wakes about once per write, not once per token (a blocking queue woke it for each of them, some 6,000
     * wake-ups a second with 32 streams, each a thread competing with the loop for a core).
     */
    private static final class Mailbox {

        private final List<TokenEvent> pending = new ArrayList<>();
        private boolean ended;
        private boolean writerWaitsForAny;

        synchronized void add(TokenEvent token) {
            pending.add(token);
            if (writerWaitsForAny) {
                notifyAll();
            }
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        /**
         * Waits until {@code writeAfter} (System.nanoTime) has passed and a token has come, or the generation
         * has ended, whichever is first; moves every token that came into {@code into}; true once ended.
         */
        synchronized boolean takeAll(List<TokenEvent> into, long writeAfter) throws InterruptedException {
            long wait;
            while (!ended && (wait = writeAfter - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, wait);               // not woken by tokens, only by the end
            }
            writerWaitsForAny = true;
            try {
                while (!ended && pending.isEmpty()) {
                    wait();
                }
            } finally {
                writerWaitsForAny = false;
            }
            into.addAll(pending);
            pending.clear();
            return ended;
        }
    }
}
