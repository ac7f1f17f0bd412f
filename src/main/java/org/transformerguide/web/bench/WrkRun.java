package org.transformerguide.web.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One wrk run and the figures read from its output (wrk --latency prints the percentiles). */
record WrkRun(double requestsPerSecond, double p50Millis, double p99Millis, long errors, String output) {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /** A wrk script that sends each request to the next of {@code paths}, round robin. */
    static String rotatingScript(List<String> paths) {
        String list = paths.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
        return "local paths = {" + list + "}\nlocal i = 0\n"
                + "request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n";
    }

    static WrkRun run(String base, Path script, int connections, String duration) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration, "--latency", "-s", script.toString(), base + "/")
                .redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IOException("wrk failed:\n" + out);
        }
        return parse(out);
    }

    static WrkRun parse(String out) {
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + out);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher p = PERCENTILE.matcher(out);
        while (p.find()) {
            double value = Double.parseDouble(p.group(2)) * switch (p.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            if (p.group(1).equals("50")) {
                p50 = value;
            } else {
                p99 = value;
            }
        }
        long errors = 0;
        Matcher e = ERRORS.matcher(out);
        if (e.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(e.group(g));
            }
        }
        Matcher bad = NON_2XX.matcher(out);
        if (bad.find()) {
            errors += Long.parseLong(bad.group(1));
        }
        return new WrkRun(Double.parseDouble(rate.group(1)), p50, p99, errors, out);
    }
}
