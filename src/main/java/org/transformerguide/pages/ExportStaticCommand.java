package org.transformerguide.pages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar transformer-guide.jar --export-static DIR}: writes the guide as a static site into DIR
 * and exits (0 when written, 1 otherwise). The pages are built exactly as the server builds them, so the
 * command starts the web application for a moment, on a free port, with an in-memory database and
 * without training the playground's model; the usual settings (e.g. guide.content.location) apply.
 */
public final class ExportStaticCommand {

    public static final String FLAG = "--export-static";

    private ExportStaticCommand() {
    }

    public static boolean requested(String[] args) {
        for (String a : args) {
            if (a.equals(FLAG) || a.startsWith(FLAG + "=")) {
                return true;
            }
        }
        return false;
    }

    public static int run(Class<?> application, String[] args) {
        Path dir = null;
        List<String> settings = new ArrayList<>(List.of("--server.port=0", "--guide.playground.train-on-start=false",
                "--spring.datasource.url=jdbc:h2:mem:export", "--spring.main.banner-mode=off"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(FLAG) && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[i].startsWith(FLAG + "=")) {
                dir = Path.of(args[i].substring(FLAG.length() + 1));
            } else {
                settings.add(args[i]);
            }
        }
        if (dir == null) {
            System.err.println("Usage: --export-static DIR");
            return 1;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(settings.toArray(String[]::new))) {
            int files = context.getBean(StaticExport.class).export(dir);
            System.out.printf("Exported the guide to %s (%d files); open %s%n", dir.toAbsolutePath(), files,
                    dir.resolve("index.html").toAbsolutePath());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("Exporting the guide failed: " + e.getMessage());
            return 1;
        }
    }
}
