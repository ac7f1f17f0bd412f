package org.transformerguide.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.GuideApplicationTest;

/** Builds the static export once and follows every link in it, the way a browser on file:// would. */
@GuideApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticExportTest {

    private static final Pattern LINK = Pattern.compile("\\s(href|src|action)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\s(?:id|name)=\"([^\"]+)\"");
    private static final Pattern CSS_URL = Pattern.compile("url\\(([^)\"']+)\\)");
    private static final Pattern JS_IMPORT = Pattern.compile("(?:from|import)\\s+'(\\.[^']+)'");

    @Autowired
    private StaticExport export;
    @Autowired
    private PageArtifacts pages;
    @TempDir
    static Path dir;

    @BeforeAll
    void exportOnce() {
        assertThat(export.export(dir)).isGreaterThan(pages.pages().size());
    }

    @Test
    void everyPageIsExported() {
        for (PageArtifact page : pages.pages()) {
            assertThat(dir.resolve(StaticExport.fileOf(page.path()))).as(page.path()).isRegularFile();
        }
    }

    @Test
    void everyLinkInTheExportLeadsToAFileAndEveryAnchorToAnId() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : files(".html")) {
            String html = Files.readString(file);
            Matcher m = LINK.matcher(html);
            while (m.find()) {
                String url = m.group(2).replace("&amp;", "&");
                if (url.matches("^[a-z]+:.*") && !url.startsWith("file:")) {
                    continue; // http(s), mailto, data: not ours to check
                }
                checked++;
                assertThat(url).as("a link still absolute in " + file).doesNotStartWith("/");
                int hash = url.indexOf('#');
                String path = hash < 0 ? url : url.substring(0, hash);
                int query = path.indexOf('?');
                path = query < 0 ? path : path.substring(0, query);
                Path target = path.isEmpty() ? file : file.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
                if (!target.startsWith(dir) || !Files.isRegularFile(target)) {
                    broken.add(dir.relativize(file) + ": " + url);
                } else if (hash >= 0 && target.toString().endsWith(".html")) {
                    String anchor = URLDecoder.decode(url.substring(hash + 1), StandardCharsets.UTF_8);
                    if (!anchor.isEmpty() && !idsOf(Files.readString(target)).contains(anchor)) {
                        broken.add(dir.relativize(file) + ": " + url + " (no such id)");
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void stylesheetFontsAndModuleImportsAreThere() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path css : files(".css")) {
            Matcher m = CSS_URL.matcher(Files.readString(css));
            while (m.find()) {
                String ref = m.group(1).strip();
                if (!ref.startsWith("data:") && !Files.isRegularFile(css.getParent().resolve(ref.replaceAll("[?#].*", "")).normalize())) {
                    broken.add(dir.relativize(css) + ": " + ref);
                }
            }
        }
        for (Path js : files(".js")) {
            Matcher m = JS_IMPORT.matcher(Files.readString(js));
            while (m.find()) {
                if (!Files.isRegularFile(js.getParent().resolve(m.group(1)).normalize())) {
                    broken.add(dir.relativize(js) + ": " + m.group(1));
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(dir.resolve("webjars")).isDirectory();
    }

    @Test
    void whatNeedsTheServerSaysSo() throws IOException {
        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index).contains("href=\"needs-server.html\"").contains("action=\"needs-server.html\"");
        assertThat(Files.readString(dir.resolve(StaticExport.NEEDS_SERVER))).contains("Search").contains("need the running application");
        assertThat(Files.readString(dir.resolve("guide/transformers.html"))).contains("src=\"../js/static-typeset.js\"");
    }

    private List<Path> files(String ending) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.toString().endsWith(ending)).toList();
        }
    }

    private static java.util.Set<String> idsOf(String html) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        Matcher m = ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
