package org.transformerguide.playground.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference worker threads, sized and prioritised so that pages come first: by default one core
 * fewer than the machine has (at least one), each at the lowest Java priority and, on Linux, a higher
 * nice value. Java priorities alone do nothing on Linux (the JVM ignores them unless run as root with
 * a special flag), but any thread may lower its own scheduling weight, so each worker asks
 * {@code renice} for its own thread id; if that fails the worker runs on and the failure is logged.
 */
final class WorkerThreads {

    private static final Logger log = LoggerFactory.getLogger(WorkerThreads.class);

    /** One turn of a worker's loop: take a job and run it (or return after a bounded wait). */
    @FunctionalInterface
    interface Turn {
        void run() throws InterruptedException;
    }

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    WorkerThreads(int count, int nice, Turn turn) {
        for (int i = 1; i <= count; i++) {
            Thread thread = new Thread(() -> loop(nice, turn), "playground-inference-" + i);
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            threads.add(thread);
            thread.start();
        }
    }

    /** The configured number of workers, or (0, the default) the cores less the ones kept for the web server. */
    static int count(PlaygroundProperties properties) {
        if (properties.workers() > 0) {
            return properties.workers();
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() - properties.reservedCores());
    }

    private void loop(int nice, Turn turn) {
        lowerPriority(nice);
        while (!stopped) {
            try {
                turn.run();
            } catch (InterruptedException e) {
                // stop() interrupts; a cancel's stray interrupt is cleared by the turn itself
            } catch (RuntimeException | Error e) {
                log.error("Playground worker failed; it carries on", e);
            }
        }
    }

    void stop() {
        stopped = true;
        threads.forEach(Thread::interrupt);
    }

    /** Raises this thread's nice value by {@code nice} (Linux only; 0 leaves it alone). */
    private static void lowerPriority(int nice) {
        if (nice <= 0) {
            return;
        }
        Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self)) {
            return; // not Linux: the Java priority is all there is
        }
        try {
            String tid = Files.readSymbolicLink(self).getFileName().toString(); // "<pid>/task/<tid>"
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                log.warn("Could not lower the priority of {} (renice did not succeed)", Thread.currentThread().getName());
            }
        } catch (IOException e) {
            log.warn("Could not lower the priority of {}: {}", Thread.currentThread().getName(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
