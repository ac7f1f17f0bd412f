package org.transformerguide.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.transformerguide.content.ContentProperties;

/**
 * Writes the guide as a static site: the very page artifacts the server sends, with every link made
 * relative (so the folder works from file:// and from any static host, at any depth), our static files,
 * the WebJars files the pages use (and the fonts their stylesheets load), and the guide's images. Links
 * to what only the server can do (search, the playground, progress, accounts) lead to needs-server.html.
 */
@Component
public class StaticExport {

    /** A local URL in an attribute the browser follows: href, src, action. */
    private static final Pattern LOCAL_URL = Pattern.compile("(\\s(?:href|src|action)=\")(/[^\"]*)\"");
    private static final Pattern CSS_URL = Pattern.compile("url\\(([^)\"']+)\\)");
    private static final Pattern VERSIONED = Pattern.compile("^/v[^/]+/((?:js|css)/.*)$");
    static final String NEEDS_SERVER = "needs-server.html";

    private final PageArtifacts pages;
    private final ContentProperties content;
    private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

    StaticExport(PageArtifacts pages, ContentProperties content) {
        this.pages = pages;
        this.content = content;
    }

    /** Writes the site into {@code dir} (created if missing) and returns the number of files written. */
    public int export(Path dir) {
        try {
            Files.createDirectories(dir);
            Set<String> assets = new LinkedHashSet<>();
            int files = 0;
            for (PageArtifact page : pages.pages()) {
                String file = fileOf(page.path());
                String html = relink(page.text(), file, assets);
                String up = "../".repeat((int) file.chars().filter(c -> c == '/').count());
                // from file:// no browser runs ES modules: a plain script typesets the math instead
                html = html.replace("</body>", "<script defer src=\"" + up + "js/static-typeset.js\"></script>\n</body>");
                write(dir.resolve(file), html.getBytes(StandardCharsets.UTF_8));
                files++;
            }
            write(dir.resolve(NEEDS_SERVER), needsServerPage().getBytes(StandardCharsets.UTF_8));
            files++;
            files += copyTree("classpath:static/", dir);
            for (String asset : assets) {
                files += copyAsset(asset, dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the guide to " + dir, e);
        }
    }

    /** Where the page served at {@code path} lives in the export. */
    static String fileOf(String path) {
        return path.equals("/") ? "index.html" : path.substring(1) + ".html";
    }

    /** Rewrites the page's local URLs relative to {@code file}; collects the assets they need. */
    String relink(String html, String file, Set<String> assets) {
        String up = "../".repeat((int) file.chars().filter(c -> c == '/').count());
        Matcher m = LOCAL_URL.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            String url = m.group(2);
            int cut = indexOfAny(url, '#', '?');
            String path = cut < 0 ? url : url.substring(0, cut);
            String fragment = url.indexOf('#') >= 0 ? url.substring(url.indexOf('#')) : "";
            String target = targetOf(path, assets);
            String relative = target.equals(file) && !fragment.isEmpty() ? fragment : up + target + fragment;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + relative + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String targetOf(String path, Set<String> assets) {
        if (pages.page(path).isPresent()) {
            return fileOf(path);
        }
        Matcher versioned = VERSIONED.matcher(path);
        if (versioned.matches()) {
            return versioned.group(1); // our static tree is copied whole, unversioned
        }
        if (path.startsWith("/webjars/") || path.startsWith("/content-assets/img/") || path.equals("/favicon.svg")) {
            assets.add(path);
            return path.substring(1);
        }
        return NEEDS_SERVER;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private int copyAsset(String urlPath, Path dir) throws IOException {
        Resource resource = urlPath.startsWith("/webjars/")
                ? resources.getResource("classpath:META-INF/resources" + urlPath)
                : urlPath.startsWith("/content-assets/img/")
                ? resources.getResource(contentLocation() + "img/" + urlPath.substring("/content-assets/img/".length()))
                : resources.getResource("classpath:static" + urlPath);
        if (!resource.exists()) {
            throw new IOException("a page uses " + urlPath + ", which is not there");
        }
        byte[] bytes = resource.getContentAsByteArray();
        Path target = dir.resolve(urlPath.substring(1));
        if (Files.exists(target)) {
            return 0;
        }
        write(target, bytes);
        int files = 1;
        if (urlPath.endsWith(".css")) { // KaTeX's fonts, named relative to its stylesheet
            Matcher m = CSS_URL.matcher(new String(bytes, StandardCharsets.UTF_8));
            String base = urlPath.substring(0, urlPath.lastIndexOf('/') + 1);
            Set<String> seen = new LinkedHashSet<>();
            while (m.find()) {
                String ref = m.group(1).strip();
                if (!ref.startsWith("data:") && seen.add(ref)) {
                    files += copyAsset(Path.of(base + ref).normalize().toString().replace('\\', '/'), dir);
                }
            }
        }
        return files;
    }

    private int copyTree(String location, Path dir) throws IOException {
        int files = 0;
        Resource root = resources.getResource(location);
        String rootUrl = root.getURL().toString();
        for (Resource r : resources.getResources(location + "**/*")) {
            String url = r.getURL().toString();
            if (url.endsWith("/") || !r.isReadable()) {
                continue;
            }
            write(dir.resolve(url.substring(rootUrl.length())), r.getContentAsByteArray());
            files++;
        }
        return files;
    }

    private String contentLocation() {
        String location = content.location().endsWith("/") ? content.location() : content.location() + "/";
        return location.startsWith("classpath:") || location.startsWith("file:") ? location : "file:" + location;
    }

    private String needsServerPage() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Needs the server · Transformer Guide</title><link rel="stylesheet" href="css/guide.css"></head>
                <body><main class="doc" style="max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
                <h1>This part needs the server</h1>
                <p>You are reading the static copy of the Transformer Guide. Every document reads as on the server,
                with its math and code, and checklist ticks are kept in this browser. Search, the playground and its
                models, the progress page and accounts need the running application
                (<code>java -jar transformer-guide.jar</code>).</p>
                <p><a href="index.html">Back to the guide</a></p>
                </main></body></html>
                """;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
