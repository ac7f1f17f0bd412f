package org.transformerguide.playground.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.InferenceQueue;
import org.transformerguide.playground.service.PlaygroundProperties;

/**
 * Every server-sent event stream of the playground, in one place: streams whose events a worker writes
 * (generate, the XOR trainer) after waiting their turn in the queue, and streams that follow a
 * subscription (training progress). What they share — committing the response, the time limit, a client
 * that leaves, the stop reason and the rate — lives in {@link Stream}.
 *
 * <p>While a worker stream waits for its turn it sends {@code queued} events {ahead}, one each time the
 * number of requests ahead of it changes; if it waits past the queue's limit it gets one {@code busy}
 * event {retryAfterSeconds, detail} and ends. A full queue is refused before anything is written (429).
 *
 * <p>Why the response is committed by hand: filters that run on the request thread after the handler
 * returns (Spring Security's header writer among them) add headers when the response is committed or
 * when the filter chain unwinds. If another thread's first event committed the response, those headers
 * would be written from two threads at once, which corrupts the response object. So the status and
 * headers are flushed here, on the request thread, before anything else may write.
 */
@Component
public class WorkerStreams {

    /** A cancelled or failed commit gives the worker nothing to wait for; this bounds a stray wait. */
    private static final long COMMIT_WAIT_SECONDS = 30;

    private final InferencePool pool;
    private final PlaygroundProperties properties;
    private final ObjectMapper json;

    WorkerStreams(InferencePool pool, PlaygroundProperties properties, ObjectMapper json) {
        this.pool = pool;
        this.properties = properties;
        this.json = json;
    }

    /** What the worker does: sends events until its work is done or the stream says stop. */
    @FunctionalInterface
    public interface Work {
        void run(Stream stream);
    }

    record Queued(int ahead) {
    }

    record Busy(long retryAfterSeconds, String detail) {
    }

    /**
     * Puts {@code work} in the requesting learner's line (or throws {@link InferencePool.QueueFullException},
     * answered 429, while nothing has been written), commits the response as an event stream, and tells
     * the client its place until a worker runs the work. The stream completes when the work returns.
     */
    public SseEmitter open(HttpServletRequest request, HttpServletResponse response, Work work) {
        String learner = Learners.of(request);
        long limitMillis = properties.requestTimeout().toMillis();
        // the work stops at its deadline, a waiting job at the queue's; this is a backstop
        SseEmitter emitter = new SseEmitter(properties.queueWait().toMillis() + limitMillis + 5_000);
        Stream stream = new Stream(emitter, TimeUnit.MILLISECONDS.toNanos(limitMillis), json);
        CountDownLatch committed = new CountDownLatch(1);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());
        stream.ticket = pool.submit(learner, InferenceQueue.Lane.STREAM, () -> {
            try {
                if (committed.await(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS) && stream.begin()) {
                    work.run(stream);
                }
                stream.complete();
            } catch (InterruptedException e) {
                stream.complete(); // stopped (time limit, client gone) while waiting: nothing more to send
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
            }
            return null;
        }, stream::queued, () -> stream.expired(pool.retryAfterSeconds(pool.waiting())));
        try {
            commit(response);
            stream.committed(pool.position(stream.ticket));
        } catch (IOException e) {
            stream.close(); // the client left before the first byte
        } finally {
            committed.countDown();
        }
        return emitter;
    }

    /**
     * A stream without a time limit that follows a subscription: {@code subscribe} starts sending to the
     * stream and returns how to stop; that runs once the stream closes (the client left, or
     * {@link Stream#close()}). The response is committed before {@code subscribe} runs.
     */
    public SseEmitter follow(HttpServletResponse response, Function<Stream, Runnable> subscribe) throws IOException {
        commit(response);
        SseEmitter emitter = new SseEmitter(0L); // no time limit: a training job takes minutes
        Stream stream = new Stream(emitter, Long.MAX_VALUE, json);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());
        stream.committed(-1);
        stream.begin();
        stream.onClose(subscribe.apply(stream));
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

    /** One open stream, as its worker (or subscription) sees it. */
    public static final class Stream {

        /** What SseEmitter writes its event lines as: text in UTF-8 (a token's text may be any character). */
        private static final MediaType EVENT_TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

        private final SseEmitter emitter;
        private final long limitNanos;
        private final ObjectMapper json;
        private final AtomicBoolean gone = new AtomicBoolean();
        private volatile InferencePool.Ticket<?> ticket;
        private volatile Runnable onClose;
        private volatile long startNanos;
        private volatile long deadlineNanos = Long.MAX_VALUE;
        private volatile boolean late;
        // guarded by this: what a queue notice may do depends on where the stream is
        private boolean isCommitted;
        private boolean started;
        private boolean expiredEarly;
        private long expiredRetry;

        private Stream(SseEmitter emitter, long limitNanos, ObjectMapper json) {
            this.emitter = emitter;
            this.limitNanos = limitNanos;
            this.json = json;
        }

        /** When the request's time limit passes (counted from when its work began), as a {@link System#nanoTime()} value. */
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

        /**
         * Sends one event; false if the client has disconnected (from then on {@link #gone()}) or the time
         * limit has passed (then {@link #stopReason} says TIME_LIMIT).
         */
        public boolean send(String name, Object data) {
            return sendAll(name, List.of(data));
        }

        /**
         * Sends events of one name, one per item of {@code data}, written together and flushed once; false
         * as {@link #send} says. A stream whose thread fell behind its producer (a busy machine) catches up
         * with one write instead of one per event.
         */
        public boolean sendAll(String name, List<?> data) {
            if (gone.get()) {
                return false;
            }
            if (pastDeadline()) {
                late = true;
                return false;
            }
            return write(name, data);
        }

        /** Sends one event even past the time limit (a closing summary, or work that keeps its own deadline); false if the client has gone. */
        public boolean sendIgnoringDeadline(String name, Object data) {
            return !gone.get() && write(name, List.of(data));
        }

        /**
         * The events as SseEmitter would frame them ("event:name", "data:json", a blank line), but as one
         * text part: Spring's converters then run once per write, not three times per event.
         */
        private boolean write(String name, List<?> data) {
            StringBuilder text = new StringBuilder(80 * data.size());
            try {
                for (Object item : data) {
                    text.append("event:").append(name).append("\ndata:").append(json.writeValueAsString(item)).append("\n\n");
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("An event that cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
            try {
                emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(text.toString(), EVENT_TEXT))); // one flush
                return true;
            } catch (IOException | IllegalStateException e) {
                gone.set(true);
                return false;
            }
        }

        /** Why the work ended: CLIENT_GONE, TIME_LIMIT (a send came too late), or {@code completed} when it ran its course. */
        public String stopReason(String completed) {
            return gone.get() ? "CLIENT_GONE" : late ? "TIME_LIMIT" : completed;
        }

        /** {@code count} items over the time since the work began, per second. */
        public double perSecond(int count) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return seconds > 0 ? count / seconds : 0;
        }

        /** Stops the stream: the work ends at its next send, a waiting job leaves the line, a subscription ends. */
        public void close() {
            if (gone.getAndSet(true)) {
                return;
            }
            InferencePool.Ticket<?> t = ticket;
            if (t != null) {
                t.cancel(true);
            }
            Runnable stop = onClose;
            if (stop != null) {
                stop.run();
            }
            complete();
        }

        private void onClose(Runnable stop) {
            onClose = stop;
            if (gone.get()) {
                stop.run(); // closed while subscribing
            }
        }

        /** The work begins: its time limit starts now. False if the client has already gone. */
        private synchronized boolean begin() {
            started = true;
            startNanos = System.nanoTime();
            deadlineNanos = limitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : startNanos + limitNanos;
            return !gone.get();
        }

        /** The response is committed: from now on queue notices may be sent. */
        private synchronized void committed(int ahead) {
            isCommitted = true;
            if (expiredEarly) {
                expired(expiredRetry);
            } else if (ahead >= 0 && !started) {
                send("queued", new Queued(ahead));
            }
        }

        private synchronized void queued(int ahead) {
            if (isCommitted && !started) {
                send("queued", new Queued(ahead));
            }
        }

        /** Waited past the queue's limit without running: say so and end. */
        private synchronized void expired(long retryAfterSeconds) {
            if (!isCommitted) {
                expiredEarly = true;
                expiredRetry = retryAfterSeconds;
                return;
            }
            send("busy", new Busy(retryAfterSeconds, "The playground is busy: this request waited its longest; try again in "
                    + retryAfterSeconds + " s"));
            complete();
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
