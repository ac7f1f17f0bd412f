package org.transformerguide.playground.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority of the calling thread, so the web server's threads win a contended core.
 * Java thread priorities alone do nothing on Linux (the JVM ignores them unless run as root with a special
 * flag), but any thread may raise its own nice value: {@code renice} on the thread's id. Elsewhere (or if
 * that fails, which is logged) the thread runs on at its Java priority.
 */
public final class ThreadPriority {

    private static final Logger log = LoggerFactory.getLogger(ThreadPriority.class);

    private ThreadPriority() {
    }

    /** Raises this thread's nice value by {@code nice} (Linux only; 0 leaves it alone) and sets the lowest Java priority. */
    public static void lowerCurrentThread(int nice) {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        if (nice <= 0) {
            return;
        }
        Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self)) {
            return;
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
