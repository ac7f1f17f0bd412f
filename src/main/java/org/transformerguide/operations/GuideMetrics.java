package org.transformerguide.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.TrainingService;
import org.transformerguide.playground.service.TrainingStatus;

/**
 * The platform's own gauges beside Spring's HTTP latency histograms: busy playground workers (requests
 * beyond them are refused with 429, so this is the queue), training jobs and the progress of the latest one,
 * and learners active in the last 15 minutes (anyone who ticked or marked read, on any instance).
 * Tokens generated are counted where they are streamed ({@code guide.playground.tokens.generated}).
 */
@Component
class GuideMetrics implements MeterBinder {

    static final Duration ACTIVE_WINDOW = Duration.ofMinutes(15);

    private final InferencePool pool;
    private final PlaygroundProperties playground;
    private final TrainingService training;
    private final JdbcClient jdbc;
    private volatile long activeLearners;
    private volatile long activeCountedAt;

    GuideMetrics(InferencePool pool, PlaygroundProperties playground, TrainingService training, JdbcClient jdbc) {
        this.pool = pool;
        this.playground = playground;
        this.training = training;
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("guide.playground.workers.busy", () -> pool.workers() - pool.available())
                .description("Playground inference workers in use").register(registry);
        Gauge.builder("guide.playground.workers", pool::workers)
                .description("Playground inference workers").register(registry);
        Gauge.builder("guide.playground.queue.waiting", pool::waiting)
                .description("Playground requests waiting for a worker").register(registry);
        Gauge.builder("guide.training.jobs", () -> training.active().size())
                .description("Training jobs running or queued").register(registry);
        Gauge.builder("guide.training.progress", () -> training.latest().map(GuideMetrics::fraction).orElse(0.0))
                .description("Fraction of the latest training job's iterations done").register(registry);
        Gauge.builder("guide.learners.active", this::activeLearners)
                .description("Learners who ticked an item or marked a document read in the last 15 minutes").register(registry);
    }

    private static double fraction(TrainingStatus s) {
        return s.totalIterations() == 0 ? 0 : (double) s.iteration() / s.totalIterations();
    }

    /** Counted at most every 30 s, so a scrape every few seconds costs the database nothing much. */
    private long activeLearners() {
        long now = System.currentTimeMillis();
        if (now - activeCountedAt > 30_000) {
            Timestamp since = Timestamp.from(Instant.now().minus(ACTIVE_WINDOW));
            activeLearners = jdbc.sql("select count(distinct account_id) from ("
                            + "select account_id from checklist_tick where ticked_at > ? "
                            + "union select account_id from document_read where read_at > ?) recent")
                    .params(since, since).query(Long.class).single();
            activeCountedAt = now;
        }
        return activeLearners;
    }
}
