package org.transformerguide.playground.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One served model's answers to the requests whose answer depends on the request alone (the next-token
 * distribution, the attention maps, the logit lens of a prompt), kept for the next asker.
 *
 * <p>Why: a workshop room opens the same page within a minute, and each widget on it asks for its own
 * default sentence. The first request computes on the model's loop; the same request arriving while it
 * runs waits for that answer instead of queueing a second computation, and one arriving later gets it at
 * once, without a place in the line. The loop's time goes to what only it can do, generating.
 *
 * <p>At most {@code capacity} answers, the least recently asked for going first (an attention map of a
 * full 128-token window is about a megabyte). A computation that fails (a full queue, a time limit) is not
 * kept: the next asker tries again. A model that replaces this one comes with an empty cache, so an answer
 * never outlives the weights it was computed with.
 */
public final class AnswerCache {

    private final int capacity;
    private final Map<Object, CompletableFuture<Object>> answers; // guarded by this; access order

    public AnswerCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("An answer cache holds 0 or more answers, not " + capacity);
        }
        this.capacity = capacity;
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, CompletableFuture<Object>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The answer for {@code key}: a kept one, the one being computed for an earlier asker, or {@code compute}'s
     * (run on the calling thread). {@code key} must hold everything the answer depends on, and equal keys
     * must mean equal answers.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> compute) {
        if (capacity == 0) {
            return compute.get();
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> earlier;
        synchronized (this) {
            earlier = answers.putIfAbsent(key, mine);
        }
        if (earlier != null) {
            try {
                return (T) earlier.join();
            } catch (CompletionException | CancellationException e) {
                return compute.get();              // the earlier asker's computation failed: this one tries itself
            }
        }
        try {
            T answer = compute.get();
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                answers.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** How many answers are kept now. */
    public synchronized int size() {
        return answers.size();
    }
}
