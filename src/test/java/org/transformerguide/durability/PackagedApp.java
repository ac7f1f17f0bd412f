package org.transformerguide.durability;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged jar running as a separate operating-system process on a data directory of the test's
 * choosing, so that it can be killed with SIGKILL like a crashed container and started again on the same
 * files. Its output goes to a log file beside the data, shown when a test fails.
 */
final class PackagedApp implements AutoCloseable {

    /**
     * Held by each test class that starts the jar: one such class at a time, each starting one or two
     * copies, so that a crash round is not also racing another class's JVMs for the two cores.
     */
    static final String LOCK = "packaged-jar";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The jar the build just packaged: the failsafe run passes its path, a bench run finds it under target/. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("crash.jar", "target/transformer-guide.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged application at " + jar.toAbsolutePath() + "; run ./mvnw package first");
        }
        return jar;
    }

    /** How a run that was expected to fail ended. */
    record Exit(int code, double seconds, String output) {
    }

    /** Starts the jar on {@code dataDir} and a free port and waits until it answers; {@code extraArgs} are Spring settings. */
    static PackagedApp start(Path dataDir, List<String> jvmOptions, List<String> extraArgs) throws IOException, InterruptedException {
        return start(dataDir, 0, jvmOptions, extraArgs);
    }

    /**
     * As {@link #start(Path, List, List)}, the process run with {@code niceness} (nice(1)): a test whose claim
     * does not depend on speed can then take only the CPU that tests beside it leave idle.
     */
    static PackagedApp start(Path dataDir, int niceness, List<String> jvmOptions, List<String> extraArgs)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + port + ".log");
        PackagedApp app = new PackagedApp(launch(dataDir, port, log, niceness, jvmOptions, extraArgs), port, log);
        app.awaitHealthy();
        return app;
    }

    /** Runs the jar until it exits by itself (at most a minute): for start-ups that must fail. */
    static Exit runToExit(Path dataDir, List<String> jvmOptions, List<String> extraArgs) throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("failed-start", ".log");
        long start = System.nanoTime();
        Process process = launch(dataDir, port, log, 0, jvmOptions, extraArgs);
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("Still running after a minute:\n" + Files.readString(log));
        }
        return new Exit(process.exitValue(), (System.nanoTime() - start) / 1e9, Files.readString(log));
    }

    private static Process launch(Path dataDir, int port, Path log, int niceness, List<String> jvmOptions, List<String> extraArgs)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (niceness > 0) {
            command.addAll(List.of("nice", "-n", Integer.toString(niceness)));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules=jdk.incubator.vector"); // as README starts the jar: the Vector API kernels
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toAbsolutePath().toString(),
                "--server.port=" + port,
                "--guide.data-dir=" + dataDir.toAbsolutePath(),
                "--guide.playground.train-on-start=false"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL: no shutdown hook, no flush, no chance to finish what is in memory. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The application exited with " + process.exitValue() + ":\n" + logTail());
                }
                try {
                    return http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false; // the port is not open yet
                }
            });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The application did not start within " + START_TIMEOUT + ":\n" + logTail());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
