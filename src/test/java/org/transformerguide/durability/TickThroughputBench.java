package org.transformerguide.durability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many ticks per second the packaged server acknowledges with eight learners writing at once: the
 * price of durable commits. Prints the rate; compare the default with H2's delayed writes by giving
 * another datasource URL in the environment:
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * ./mvnw -q -Pbench test-compile exec:exec -Dexec.classpathScope=test \
 *     -Dbench.main=org.transformerguide.durability.TickThroughputBench
 * BENCH_DATASOURCE_URL='jdbc:h2:file:DATA/guide;AUTO_SERVER=FALSE' ./mvnw ...   (DATA: the temporary data dir)
 * </pre>
 */
public final class TickThroughputBench {

    public static void main(String[] args) throws Exception {
        int writers = 8;
        int seconds = 20;
        String url = System.getenv().getOrDefault("BENCH_DATASOURCE_URL", "");
        Path temp = Files.createTempDirectory("tick-bench");
        Path data = temp.resolve("data");
        List<String> settings = url.isBlank() ? List.of()
                : List.of("--spring.datasource.url=" + url.replace("DATA", data.toAbsolutePath().toString()));
        try (PackagedApp app = PackagedApp.start(data, List.of(), settings)) {
            AtomicLong total = new AtomicLong();
            List<TickWriter> running = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Learner learner = new Learner("bench-w" + w, "bench-password-" + w);
                learner.signUp(app);
                TickWriter writer = new TickWriter(learner, learner.checklistItems(), total);
                running.add(writer);
                threads.add(new Thread(writer));
            }
            threads.forEach(Thread::start);
            Thread.sleep(5_000); // warm-up: JIT and connection pool
            long before = total.get();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double rate = (total.get() - before) / ((System.nanoTime() - start) / 1e9);
            running.forEach(TickWriter::stop);
            for (Thread thread : threads) {
                thread.join();
            }
            System.out.printf("%d writers, %d s: %.0f ticks/s acknowledged (%s); load average %s%n", writers, seconds, rate,
                    url.isBlank() ? "default datasource" : url, Files.readString(Path.of("/proc/loadavg")).strip());
        }
    }
}
