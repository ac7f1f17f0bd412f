package org.transformerguide.playground.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** What the classroom load saw, per kind of request: outcomes, latencies and, for streams, tokens. */
final class LoadStats {

    /** One kind of request's figures; every method is synchronized, the learners record from many threads. */
    static final class Kind {
        private final List<Double> millis = new ArrayList<>();
        private final List<Double> ttftMillis = new ArrayList<>();
        private long ok;
        private long client;
        private long refused;
        private long server;
        private long failed;
        private long tokens;
        private long queuedStreams;

        synchronized void record(int status, double latencyMillis) {
            millis.add(latencyMillis);
            if (status == 429) {
                refused++;
            } else if (status >= 500) {
                server++;
            } else if (status >= 400) {
                client++;
            } else if (status >= 200 && status < 300) {
                ok++;
            }
        }

        /** No answer at all (connection refused or reset, client timeout). */
        synchronized void failed() {
            failed++;
        }

        synchronized void stream(double ttft, int streamed, boolean waitedInQueue) {
            if (ttft >= 0) {
                ttftMillis.add(ttft);
            }
            tokens += streamed;
            if (waitedInQueue) {
                queuedStreams++;
            }
        }

        synchronized long count() {
            return millis.size() + failed;
        }
    }

    private final Map<String, Kind> kinds = new ConcurrentSkipListMap<>();

    Kind kind(String name) {
        return kinds.computeIfAbsent(name, k -> new Kind());
    }

    void print(double seconds) {
        System.out.printf(Locale.ROOT, "%-11s %7s %6s %5s %5s %5s %5s %9s %9s %9s%n",
                "request", "count", "2xx", "4xx", "429", "5xx", "fail", "p50 ms", "p95 ms", "p99 ms");
        long tokens = 0;
        for (Map.Entry<String, Kind> e : kinds.entrySet()) {
            Kind k = e.getValue();
            synchronized (k) {
                System.out.printf(Locale.ROOT, "%-11s %7d %6d %5d %5d %5d %5d %9.1f %9.1f %9.1f%n", e.getKey(), k.count(), k.ok, k.client,
                        k.refused, k.server, k.failed, percentile(k.millis, 50), percentile(k.millis, 95), percentile(k.millis, 99));
                tokens += k.tokens;
            }
        }
        for (Map.Entry<String, Kind> e : kinds.entrySet()) {
            Kind k = e.getValue();
            synchronized (k) {
                if (!k.ttftMillis.isEmpty() || k.tokens > 0) {
                    System.out.printf(Locale.ROOT, "%s streams: time to first token p50 %.1f ms, p95 %.1f ms, p99 %.1f ms over %d streams; "
                                    + "%d waited in the queue; %d tokens delivered, %.0f tokens/s%n", e.getKey(),
                            percentile(k.ttftMillis, 50), percentile(k.ttftMillis, 95), percentile(k.ttftMillis, 99), k.ttftMillis.size(),
                            k.queuedStreams, k.tokens, k.tokens / seconds);
                }
            }
        }
        System.out.printf(Locale.ROOT, "all streams: %d tokens in %.1f s = %.0f tokens/s delivered%n", tokens, seconds, tokens / seconds);
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
