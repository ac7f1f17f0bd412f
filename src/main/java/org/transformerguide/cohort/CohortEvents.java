package org.transformerguide.cohort;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.transformerguide.progress.ProgressChanged;

/**
 * Server-sent events for instructors' live grids. A tick made on this instance sends the learner's new
 * row at once ("learner"); every {@code guide.cohorts.refresh} each open grid also gets the whole grid
 * ("grid"), which carries ticks made through another instance and the "no progress" flags as time passes.
 */
@Component
class CohortEvents {

    private static final Logger log = LoggerFactory.getLogger(CohortEvents.class);

    private final CohortRepository cohorts;
    private final CohortGrid grids;
    private final Map<Long, Set<SseEmitter>> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cohort-events");
        t.setDaemon(true);
        return t;
    });

    CohortEvents(CohortRepository cohorts, CohortGrid grids, @Value("${guide.cohorts.refresh:20s}") java.time.Duration refresh) {
        this.cohorts = cohorts;
        this.grids = grids;
        sender.scheduleWithFixedDelay(this::refreshAll, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    SseEmitter subscribe(Cohort cohort) {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: the grid stays open for the whole session
        Set<SseEmitter> set = open.computeIfAbsent(cohort.id(), id -> new CopyOnWriteArraySet<>());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        sender.execute(() -> send(cohort.id(), emitter, "grid", grids.grid(cohort)));
        return emitter;
    }

    /** After the tick is committed, off the learner's request thread: a slow grid never slows a learner. */
    @TransactionalEventListener(fallbackExecution = true)
    void onProgress(ProgressChanged changed) {
        sender.execute(() -> {
            for (Long cohortId : cohorts.cohortIdsOf(changed.accountId())) {
                Set<SseEmitter> emitters = open.get(cohortId);
                if (emitters == null || emitters.isEmpty()) {
                    continue;
                }
                cohorts.find(cohortId).flatMap(c -> grids.row(c, changed.accountId()))
                        .ifPresent(row -> emitters.forEach(e -> send(cohortId, e, "learner", row)));
            }
        });
    }

    private void refreshAll() {
        try {
            for (Map.Entry<Long, Set<SseEmitter>> entry : open.entrySet()) {
                if (!entry.getValue().isEmpty()) {
                    cohorts.find(entry.getKey()).map(grids::grid)
                            .ifPresent(grid -> entry.getValue().forEach(e -> send(entry.getKey(), e, "grid", grid)));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not refresh the cohorts' live grids", e); // try again at the next refresh
        }
    }

    private void send(long cohortId, SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, org.springframework.http.MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            Set<SseEmitter> set = open.get(cohortId);
            if (set != null) {
                set.remove(emitter);
            }
        }
    }

    /** Open grids per cohort, for the active-learner and stream gauges. */
    int openStreams() {
        return open.values().stream().mapToInt(Set::size).sum();
    }

    @PreDestroy
    void stop() {
        open.values().forEach(set -> set.forEach(SseEmitter::complete));
        sender.shutdownNow();
    }
}
