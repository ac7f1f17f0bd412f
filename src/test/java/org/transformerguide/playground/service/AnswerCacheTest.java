package org.transformerguide.playground.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {

    private final AtomicInteger computed = new AtomicInteger();

    private String answer(String value) {
        computed.incrementAndGet();
        return value;
    }

    @Test
    void anAnswerIsComputedOnceForEqualKeys() {
        AnswerCache cache = new AnswerCache(4);
        assertThat(cache.get("attention|the cat", () -> answer("map"))).isEqualTo("map");
        assertThat(cache.get("attention|the cat", () -> answer("another map"))).isEqualTo("map");
        assertThat(cache.get("attention|the dog", () -> answer("dog map"))).isEqualTo("dog map");
        assertThat(computed).hasValue(2);
    }

    @Test
    void anAskerArrivingWhileTheFirstComputesWaitsForThatAnswer() throws Exception {
        AnswerCache cache = new AnswerCache(4);
        ExecutorService askers = Executors.newFixedThreadPool(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> cache.get("k", () -> {
            started.countDown();
            await(release);
            return answer("first");
        }), askers);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> cache.get("k", () -> answer("second")), askers);
        Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(computed).hasValue(1);
        askers.shutdown();
    }

    @Test
    void aFailedComputationIsNotKept() {
        AnswerCache cache = new AnswerCache(4);
        assertThatThrownBy(() -> cache.get("k", () -> {
            throw new IllegalStateException("queue full");
        })).isInstanceOf(IllegalStateException.class).hasMessage("queue full");
        assertThat(cache.size()).isZero();
        assertThat(cache.get("k", () -> answer("computed again"))).isEqualTo("computed again");
    }

    @Test
    void theLeastRecentlyAskedForGoesFirst() {
        AnswerCache cache = new AnswerCache(2);
        cache.get("a", () -> answer("A"));
        cache.get("b", () -> answer("B"));
        cache.get("a", () -> answer("A again"));    // a is now the more recent
        cache.get("c", () -> answer("C"));          // b goes
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a", () -> answer("A recomputed"))).isEqualTo("A");
        assertThat(cache.get("b", () -> answer("B recomputed"))).isEqualTo("B recomputed");
        assertThat(computed).hasValue(4);
    }

    @Test
    void capacityZeroKeepsNothing() {
        AnswerCache cache = new AnswerCache(0);
        cache.get("k", () -> answer("one"));
        assertThat(cache.get("k", () -> answer("two"))).isEqualTo("two");
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> new AnswerCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
