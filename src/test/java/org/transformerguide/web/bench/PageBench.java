package org.transformerguide.web.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.springframework.util.FileSystemUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.transformerguide.TransformerGuideApplication;
import org.transformerguide.pages.StaticExport;

/**
 * The guide's pages from the application against the same pages from nginx, under the same wrk load.
 * Starts the application in this JVM (free port, in-memory database, no model training), exports the
 * static site, starts Debian's nginx on a free loopback port serving that export, runs
 * {@code wrk -t2 -c<connections> -d<duration>} rotating over the same pages against both (no compression
 * asked, like the measurement), and prints requests/s, p50 and p99, the ratio, the in-process
 * time to first byte, and the load average (the figures mean little on a machine busy with other work).
 *
 * <pre>./mvnw -o -q -Pbench exec:exec -Dbench.main=org.transformerguide.web.bench.PageBench</pre>
 * with {@code -Dbench.duration=15s -Dbench.connections=50} to change the load. Needs wrk and nginx on the PATH.
 */
public final class PageBench {

    static final List<String> PAGES = List.of("/", "/guide/transformers", "/guide/glossary", "/guide/nn_intro");

    private PageBench() {
    }

    public static void main(String[] args) throws Exception {
        String duration = System.getProperty("bench.duration", "15s");
        int connections = Integer.getInteger("bench.connections", 50);
        // readable by nginx's workers, which run as another user when the bench runs as root
        Path work = Files.createTempDirectory("tg-page-bench",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        ConfigurableApplicationContext app = SpringApplication.run(TransformerGuideApplication.class,
                "--server.port=0", "--server.address=127.0.0.1", "--guide.playground.train-on-start=false",
                "--spring.datasource.url=jdbc:h2:mem:bench", "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        Nginx nginx = null;
        try {
            int appPort = ((WebServerApplicationContext) app).getWebServer().getPort();
            Path site = work.resolve("site");
            app.getBean(StaticExport.class).export(site);
            nginx = Nginx.start(site, work.resolve("nginx"));
            Path script = work.resolve("pages.lua");
            Files.writeString(script, WrkRun.rotatingScript(PAGES), StandardCharsets.UTF_8);

            System.out.printf(Locale.ROOT, "Pages %s, wrk -t2 -c%d -d%s, load average before: %s%n", PAGES, connections, duration, loadAverage());
            Ttfb ttfb = Ttfb.measure("127.0.0.1", appPort, PAGES, 2000);
            System.out.printf(Locale.ROOT, "In-process time to first byte (keep-alive, one client, %d requests): median %.3f ms, p99 %.3f ms%n",
                    ttfb.count(), ttfb.medianMillis(), ttfb.p99Millis());

            WrkRun.run("http://127.0.0.1:" + appPort, script, connections, "3s"); // warm-up: JIT, connection pools
            WrkRun fromApp = WrkRun.run("http://127.0.0.1:" + appPort, script, connections, duration);
            WrkRun.run("http://127.0.0.1:" + nginx.port(), script, connections, "3s");
            WrkRun fromNginx = WrkRun.run("http://127.0.0.1:" + nginx.port(), script, connections, duration);
            print("application", fromApp);
            print("nginx", fromNginx);
            System.out.printf(Locale.ROOT, "Ratio application/nginx: %.2fx requests/s (target >= 0.5x; app p99 target < 20 ms)%n",
                    fromApp.requestsPerSecond() / fromNginx.requestsPerSecond());
            System.out.printf(Locale.ROOT, "Load average after: %s (2 cores)%n", loadAverage());
        } finally {
            if (nginx != null) {
                nginx.stop();
            }
            app.close();
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private static void print(String who, WrkRun run) {
        System.out.printf(Locale.ROOT, "%-12s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%n", who,
                run.requestsPerSecond(), run.p50Millis(), run.p99Millis(), run.errors());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
