package org.transformerguide.playground.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PyTorch's side of the training benchmark, measured now: runs {@code ../shared/bench/pytorch_nanogpt.sh}
 * (nanoGPT's own train.py with the same settings on this machine) and reads the figures it prints.
 */
record PyTorchRun(double medianMs, double wallSeconds, double valLoss, String loadBefore) {

    private static final Pattern LINE = Pattern.compile(
            "median ([0-9.]+) ms/iteration, wall ([0-9.]+) s.*final val loss ([0-9.]+)");

    /** Runs the script for {@code iterations}; null (with the reason printed) when it cannot run here. */
    static PyTorchRun measure(int iterations) {
        String nanoGpt = System.getenv("NANOGPT_GIT");
        Path script = Path.of(System.getProperty("bench.pytorch.script", "../shared/bench/pytorch_nanogpt.sh"));
        if (nanoGpt == null || nanoGpt.isBlank() || !Files.isRegularFile(script)) {
            System.out.println("PyTorch run skipped: NANOGPT_GIT is not set or " + script + " is missing");
            return null;
        }
        String load = TrainStepBench.loadAverage();
        System.out.println("running PyTorch first: " + script + " " + iterations + " (load average " + load + ")");
        try {
            Process process = new ProcessBuilder("bash", script.toString(), Integer.toString(iterations))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            System.out.print(output);
            Matcher m = LINE.matcher(output);
            if (exit != 0 || !m.find()) {
                System.out.println("PyTorch run failed (exit " + exit + "); no comparison");
                return null;
            }
            return new PyTorchRun(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), load);
        } catch (IOException e) {
            System.out.println("PyTorch run failed: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
