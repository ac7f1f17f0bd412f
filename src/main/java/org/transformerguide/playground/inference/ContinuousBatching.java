package org.transformerguide.playground.inference;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.SequenceCache;
import org.transformerguide.playground.model.StepBatch;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.Tokenizer;

/**
 * Continuous batching for one served model (the idea of vLLM's and TGI's schedulers, at our scale): one
 * loop thread owns every running generation and advances them together, one {@link Gpt#step batched step}
 * per token for all of them, so N streams cost little more than one while the weights are read once per
 * step. A new stream joins at the next step once its prompt is read; prompts are read in chunks of
 * {@code prefillChunk} tokens between steps, so a long prompt never stalls the running streams for long;
 * a finished, cancelled or abandoned stream (its sink says stop) leaves at once. Short jobs (the next-token
 * distribution, attention maps) run on the same thread between steps.
 *
 * <p>Each stream samples with its own {@code Random(seed)} exactly as {@link Generator#generate} does, and
 * the kernels give a row the same bits in a batch as alone, so a stream's text does not depend on who else
 * is generating. The loop runs below normal priority, so page requests win a contended core, and it uses
 * one core: the kernels never share a served model's work between threads.
 */
public final class ContinuousBatching implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContinuousBatching.class);

    private final Gpt model;
    private final Tokenizer tokenizer;
    private final GptConfig config;
    private final int capacity;
    private final int prefillChunk;
    private final ConcurrentLinkedQueue<Stream> waiting = new ConcurrentLinkedQueue<>(); // in order of arrival
    private final ConcurrentLinkedQueue<Task<?>> tasks = new ConcurrentLinkedQueue<>();
    private final Object wakeUp = new Object();
    private final List<Stream> running = new ArrayList<>();  // the loop thread's own
    private final Thread loop;
    private volatile boolean closed;
    private volatile boolean retired;   // no longer the served one: stop once idle
    private final LongAdder steps = new LongAdder();
    private final LongAdder rowsStepped = new LongAdder();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder tasksRun = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();

    /**
     * @param capacity     most streams advanced together (more wait in line, in order)
     * @param prefillChunk most prompt tokens one stream reads between two steps
     */
    public ContinuousBatching(Gpt model, Tokenizer tokenizer, int capacity, int prefillChunk, String name) {
        this(model, tokenizer, capacity, prefillChunk, name, 0);
    }

    /** As above, the loop thread at {@code nice} (Linux) below normal priority ({@link ThreadPriority}). */
    public ContinuousBatching(Gpt model, Tokenizer tokenizer, int capacity, int prefillChunk, String name, int nice) {
        if (capacity < 1 || prefillChunk < 1) {
            throw new IllegalArgumentException("capacity and prefillChunk must be at least 1");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.config = model.config();
        this.capacity = capacity;
        this.prefillChunk = Math.min(prefillChunk, config.blockSize());
        loop = new Thread(() -> {
            ThreadPriority.lowerCurrentThread(nice);
            run();
        }, name);
        loop.setDaemon(true);
        loop.start();
    }

    /** One generation in the loop: its tokens, cache, sampler state and where its result goes. */
    public final class Stream {
        private final int[] sequence;      // prompt, then generated tokens
        private int size;
        private final int promptLength;
        private final int maxTokens;
        private final SamplingOptions options;
        private final Random random;
        private final TokenSink sink;
        private final CachedWindow window = new CachedWindow(model.newCache(prefillChunk), config.blockSize());
        private volatile boolean cancelled;
        private final CompletableFuture<GenerationResult> result = new CompletableFuture<>();

        private Stream(int[] prompt, int maxTokens, SamplingOptions options, long seed, TokenSink sink) {
            this.sequence = Arrays.copyOf(prompt, prompt.length + maxTokens);
            this.size = prompt.length;
            this.promptLength = prompt.length;
            this.maxTokens = maxTokens;
            this.options = options;
            this.random = new Random(seed);
            this.sink = sink;
        }

        /** Completes when the stream has stopped (its tokens, text and why). */
        public CompletableFuture<GenerationResult> result() {
            return result;
        }

        /** Stops the stream at the next step (its result says INTERRUPTED). */
        public void cancel() {
            cancelled = true;
        }

        /** Tokens not yet read into the cache ({@link CachedWindow} moves the window first if it slid). */
        private int unread() {
            return size - window.firstUnread(size);
        }

        private int generated() {
            return size - promptLength;
        }
    }

    /** Starts generating (see {@link Generator#generate}); the stream joins the batch at the next step. */
    public Stream submit(int[] prompt, int maxTokens, SamplingOptions options, long seed, TokenSink sink) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt needs at least one token");
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be ≥ 0, not " + maxTokens);
        }
        Stream stream = new Stream(prompt, maxTokens, options, seed, sink);
        synchronized (wakeUp) {                      // with the loop's idle check: nothing slips past its end
            if (!refuseWhenClosed(stream.result)) {
                waiting.add(stream);
                wakeUp.notifyAll();
            }
        }
        return stream;
    }

    /** Runs {@code work} on the loop's thread between two steps (a short job: next token, attention maps). */
    public <T> CompletableFuture<T> run(Callable<T> work) {
        Task<T> task = new Task<>(work);
        synchronized (wakeUp) {
            if (!refuseWhenClosed(task.result)) {
                tasks.add(task);
                wakeUp.notifyAll();
            }
        }
        return task.result;
    }

    private record Task<T>(Callable<T> work, CompletableFuture<T> result) {
        Task(Callable<T> work) {
            this(work, new CompletableFuture<>());
        }

        void runNow() {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        }
    }

    private boolean refuseWhenClosed(CompletableFuture<?> result) {
        if (closed) {
            result.completeExceptionally(new IllegalStateException("The model is no longer served (it was just replaced); try again"));
        }
        return closed;
    }

    /**
     * The model is no longer the one served (replaced or removed): the loop finishes what is running and
     * waiting, then stops; anything submitted after it stopped is refused.
     */
    public void retire() {
        retired = true;
        signal();
    }

    private void signal() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /**
     * What the loop has done since it started: batched steps and the rows (stream tokens) they advanced,
     * prompt tokens read, short jobs run, the time it spent working rather than waiting for work (wall
     * time, so it includes time the thread was ready but another had the core), and the CPU time its thread
     * has used (-1 where the JVM does not measure it): busy time over CPU time is the share of a core it got.
     */
    public record Stats(long steps, long rowsStepped, long promptTokens, long tasks, long busyNanos, long cpuNanos) {
    }

    public Stats stats() {
        return new Stats(steps.sum(), rowsStepped.sum(), promptTokens.sum(), tasksRun.sum(), busyNanos.sum(),
                ManagementFactory.getThreadMXBean().getThreadCpuTime(loop.getId()));
    }

    private void run() {
        StepBatch batch = model.newBatch(capacity);
        SequenceCache[] caches = new SequenceCache[capacity];
        int[] tokens = new int[capacity];
        Stream[] stepping = new Stream[capacity];
        while (!closed) {
            try {
                admit();
                long start = System.nanoTime();
                for (Iterator<Stream> it = running.iterator(); it.hasNext(); ) {
                    Stream s = it.next();
                    if (s.cancelled || s.generated() >= s.maxTokens) {
                        finish(s, s.cancelled ? GenerationResult.Stop.INTERRUPTED : GenerationResult.Stop.MAX_TOKENS);
                        it.remove();
                    }
                }
                int count = 0;
                for (Iterator<Stream> it = running.iterator(); it.hasNext(); ) {
                    Stream s = it.next();
                    int unread = s.unread();
                    if (unread == 1) {                                     // the usual case: one new token
                        caches[count] = s.window.cache();
                        tokens[count] = s.sequence[s.size - 1];
                        stepping[count++] = s;
                    } else {                                               // a prompt (or a slid window): a chunk
                        int from = s.size - unread;
                        int n = Math.min(unread, prefillChunk);
                        float[] logits = model.extend(s.window.cache(), Arrays.copyOfRange(s.sequence, from, from + n));
                        promptTokens.add(n);
                        if (n == unread && !emit(s, logits)) {
                            it.remove();
                        }
                    }
                }
                if (count > 0) {
                    float[] logits = model.step(batch, caches, tokens, count); // [count, V]
                    steps.increment();
                    rowsStepped.add(count);
                    int v = config.vocabSize();
                    for (int i = 0; i < count; i++) {
                        Stream s = stepping[i];
                        if (!emit(s, Arrays.copyOfRange(logits, i * v, (i + 1) * v))) {
                            running.remove(s);
                        }
                        stepping[i] = null;
                        caches[i] = null;
                    }
                }
                busyNanos.add(System.nanoTime() - start);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | Error e) {
                log.error("Continuous batching step failed; failing its streams", e);
                for (Stream s : running) {
                    s.result.completeExceptionally(e);
                }
                running.clear();
            }
        }
        for (Stream s : running) {
            finish(s, GenerationResult.Stop.INTERRUPTED);
        }
        running.clear();
    }

    /** Runs waiting tasks, admits waiting streams up to the capacity in order of arrival; sleeps while idle. */
    private void admit() throws InterruptedException {
        synchronized (wakeUp) {
            while (running.isEmpty() && waiting.isEmpty() && tasks.isEmpty() && !closed) {
                if (retired) {
                    closed = true;                                 // idle and replaced: this loop's work is done
                    return;
                }
                wakeUp.wait();
            }
        }
        Task<?> task;
        long start = System.nanoTime();
        while ((task = tasks.poll()) != null) {
            tasksRun.increment();                                          // counted before its asker hears the answer
            task.runNow();
        }
        busyNanos.add(System.nanoTime() - start);
        while (running.size() < capacity) {
            Stream s = waiting.poll();
            if (s == null) {
                return;
            }
            if (s.maxTokens == 0) {
                finish(s, GenerationResult.Stop.MAX_TOKENS);
            } else {
                running.add(s);
            }
        }
    }

    /** Samples the next token from {@code logits}, hands it to the sink; false when the stream has ended. */
    private boolean emit(Stream s, float[] logits) {
        int id = Sampler.sample(logits, s.options, s.random);
        int index = s.generated();
        s.sequence[s.size++] = id;
        boolean more;
        try {
            more = s.sink.accept(index, id, tokenizer.tokenText(id));
        } catch (RuntimeException e) {
            s.result.completeExceptionally(e);
            return false;
        }
        if (!more) {
            finish(s, GenerationResult.Stop.SINK);
            return false;
        }
        if (s.generated() >= s.maxTokens) {
            finish(s, GenerationResult.Stop.MAX_TOKENS);
            return false;
        }
        return true;
    }

    private void finish(Stream s, GenerationResult.Stop stop) {
        int[] generated = Arrays.copyOfRange(s.sequence, s.promptLength, s.size);
        s.result.complete(new GenerationResult(generated, tokenizer.decode(generated), stop));
    }

    /** Stops the loop; running and waiting streams end (INTERRUPTED), waiting tasks fail. */
    @Override
    public void close() {
        closed = true;
        signal();
        loop.interrupt();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Stream s;
        while ((s = waiting.poll()) != null) {
            finish(s, GenerationResult.Stop.INTERRUPTED);
        }
        Task<?> task;
        while ((task = tasks.poll()) != null) {
            task.result.completeExceptionally(new IllegalStateException("The model is no longer served"));
        }
    }
}
