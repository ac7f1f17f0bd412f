package org.transformerguide.playground.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.PlaygroundProperties;

/**
 * Server-sent event streams whose events are written by a playground worker (generate, the XOR trainer):
 * the plumbing they share — the worker, the time limit, a client that leaves — in one place.
 *
 * <p>Why the response is committed by hand: filters that run on the request thread after the handler
 * returns (Spring Security's header writer among them) add headers when the response is committed or
 * when the filter chain unwinds. If the worker's first event commits the response, those headers are
 * written from two threads at once, which corrupts the response object. So the status and headers are
 * flushed here, on the request thread, before the worker is allowed to write anything.
 */
@Component
public class WorkerStreams {

    /** A cancelled or failed commit gives the worker nothing to wait for; this bounds a stray wait. */
    private static final long COMMIT_WAIT_SECONDS = 30;

    private final InferencePool pool;
    private final PlaygroundProperties properties;

    WorkerStreams(InferencePool pool, PlaygroundProperties properties) {
        this.pool = pool;
        this.properties = properties;
    }

    /** What the worker does: sends events until its work is done or the stream says stop. */
    @FunctionalInterface
    public interface Work {
        void run(Stream stream);
    }

    /**
     * Takes a worker for {@code work} (or throws {@link InferencePool.PoolFullException}, answered 429,
     * while nothing has been written), commits the response as an event stream, then lets the worker
     * start. The stream completes when the work returns.
     */
    public SseEmitter open(HttpServletResponse response, Work work) {
        long limitMillis = properties.requestTimeout().toMillis();
        SseEmitter emitter = new SseEmitter(limitMillis + 5_000); // the work stops at the deadline; this is a backstop
        Stream stream = new Stream(emitter, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis));
        CountDownLatch committed = new CountDownLatch(1);
        emitter.onTimeout(stream::stop);
        emitter.onError(e -> stream.stop());
        stream.task.set(pool.submit(() -> {
            try {
                if (committed.await(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS) && !stream.gone()) {
                    work.run(stream);
                }
                stream.complete();
            } catch (InterruptedException e) {
                stream.complete(); // stopped (time limit, client gone) while waiting: nothing more to send
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
            }
            return null;
        }));
        try {
            commit(response);
        } catch (IOException e) {
            stream.stop(); // the client left before the first byte
        } finally {
            committed.countDown();
        }
        return emitter;
    }

    /**
     * Sends the status and an event stream's headers now, from the calling (request) thread, so that
     * nothing but the body is written later from another thread.
     */
    public static void commit(HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Accel-Buffering", "no"); // a proxy in front (nginx) passes events on as they come
        response.flushBuffer();
    }

    /** One open stream, as its worker sees it. */
    public static final class Stream {

        private final SseEmitter emitter;
        private final long deadlineNanos;
        private final AtomicBoolean gone = new AtomicBoolean();
        private final AtomicReference<Future<?>> task = new AtomicReference<>();

        private Stream(SseEmitter emitter, long deadlineNanos) {
            this.emitter = emitter;
            this.deadlineNanos = deadlineNanos;
        }

        /** When the request's time limit passes, as a {@link System#nanoTime()} value. */
        public long deadlineNanos() {
            return deadlineNanos;
        }

        public boolean pastDeadline() {
            return System.nanoTime() > deadlineNanos;
        }

        /** True once the client has disconnected (or the stream was stopped): stop working. */
        public boolean gone() {
            return gone.get();
        }

        /** Sends one event; false, and from then on {@link #gone()}, if the client has disconnected. */
        public boolean send(String name, Object data) {
            if (gone.get()) {
                return false;
            }
            try {
                emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
                return true;
            } catch (IOException | IllegalStateException e) {
                gone.set(true);
                return false;
            }
        }

        private void stop() {
            gone.set(true);
            Future<?> f = task.get();
            if (f != null) {
                f.cancel(true);
            }
        }

        private void complete() {
            try {
                emitter.complete();
            } catch (IllegalStateException e) {
                // already completed (timeout, error): nothing to close
            }
        }
    }
}
