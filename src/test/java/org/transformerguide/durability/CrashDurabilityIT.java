package org.transformerguide.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A learner's tick, once acknowledged, survives the server being killed with SIGKILL: the packaged jar
 * runs as its own process on a temporary data directory, eight learners tick concurrently, the process is
 * killed at a random moment after at least 1,000 acknowledged ticks, and the restarted server must show
 * every acknowledged tick. Three rounds on the same files, then every round is checked once more.
 */
@ResourceLock(PackagedApp.LOCK)
class CrashDurabilityIT {

    private static final int ROUNDS = Integer.getInteger("crash.rounds", 3);
    private static final int WRITERS = Integer.getInteger("crash.writers", 8);
    private static final long MIN_WRITES = Long.getLong("crash.min-writes", 1000);
    /** A quick-starting JVM: the test measures durability, not throughput. */
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");
    /**
     * The server's niceness (the build sets 19, the lowest priority). It runs beside the browser classes, which
     * leave about a third of the two cores idle while they wait on pages: at the lowest priority it takes that
     * idle time instead of slowing them. Durability does not depend on speed.
     */
    private static final int NICENESS = Integer.getInteger("crash.niceness", 0);

    @Test
    void everyAcknowledgedTickSurvivesKillNine(@TempDir Path temp) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path data = temp.resolve("data");
        List<CrashRound> rounds = new ArrayList<>();
        PackagedApp app = PackagedApp.start(data, NICENESS, JVM, List.of());
        try {
            for (int r = 1; r <= ROUNDS; r++) {
                CrashRound round = CrashRound.writeThenKill(app, r, WRITERS, MIN_WRITES, random);
                app = PackagedApp.start(data, NICENESS, JVM, List.of());
                int lost = round.lostWrites(app);
                System.out.printf("crash round %d (seed %d): %d ticks acknowledged (%.0f/s), %d item states checked, %d lost%n",
                        r, seed, round.acknowledged(), round.writesPerSecond(), round.itemsChecked(), lost);
                assertThat(round.acknowledged()).as("acknowledged ticks in round %d", r).isGreaterThanOrEqualTo(MIN_WRITES);
                assertThat(lost).as("acknowledged ticks lost in round %d (seed %d)", r, seed).isZero();
                rounds.add(round);
            }
            for (CrashRound round : rounds) { // later crashes must not have undone earlier rounds either
                assertThat(round.lostWrites(app)).as("round %d after all crashes", round.number).isZero();
            }
        } finally {
            app.close();
        }
    }
}
