package org.transformerguide.durability;

import java.time.Duration;
import org.awaitility.Awaitility;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One round of the crash test: fresh learners sign up, tick concurrently until at least
 * {@code minWrites} ticks were acknowledged, and after a further random moment the server is killed.
 */
final class CrashRound {

    final int number;
    private final List<TickWriter> writers = new ArrayList<>();
    private long acknowledged;
    private double seconds;

    private CrashRound(int number) {
        this.number = number;
    }

    static CrashRound writeThenKill(PackagedApp app, int number, int writerCount, long minWrites, Random random)
            throws IOException, InterruptedException {
        CrashRound round = new CrashRound(number);
        AtomicLong total = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writerCount; w++) {
            Learner learner = new Learner("crash-r" + number + "-w" + w, "durable-" + random.nextInt(1_000_000));
            learner.signUp(app);
            TickWriter writer = new TickWriter(learner, learner.checklistItems(), total);
            round.writers.add(writer);
            threads.add(new Thread(writer, learner.name));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        // bounded: writers that never get going fail the round instead of hanging it
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5)).until(() -> total.get() >= minWrites);
        Thread.sleep(random.nextInt(1500)); // the kill lands at a random point of the write stream
        app.killHard();
        round.seconds = (System.nanoTime() - start) / 1e9;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        round.writers.forEach(TickWriter::stop);
        round.acknowledged = round.writers.stream().mapToLong(TickWriter::acknowledgedWrites).sum();
        return round;
    }

    /** Signs every learner of the round in on the restarted server and counts acknowledged ticks it lost. */
    int lostWrites(PackagedApp app) throws IOException, InterruptedException {
        int lost = 0;
        for (TickWriter writer : writers) {
            writer.learner().signIn(app);
            Set<String> missing = writer.lostWrites(writer.learner().checkedItems());
            lost += missing.size();
        }
        return lost;
    }

    long acknowledged() {
        return acknowledged;
    }

    int itemsChecked() {
        return writers.stream().mapToInt(TickWriter::itemsWritten).sum();
    }

    double writesPerSecond() {
        return acknowledged / seconds;
    }
}
