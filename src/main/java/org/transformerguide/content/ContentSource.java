package org.transformerguide.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads the guide's {@code *.md} files from the classpath or from a folder. */
public final class ContentSource {

    private final String location;

    public ContentSource(String location) {
        this.location = location.endsWith("/") ? location : location + "/";
    }

    public String location() {
        return location;
    }

    /** File name to text, sorted by name. */
    public Map<String, String> read() {
        Map<String, String> files = new TreeMap<>();
        try {
            if (location.startsWith("classpath:")) {
                Resource[] resources = new PathMatchingResourcePatternResolver().getResources(location.replace("classpath:", "classpath*:") + "*.md");
                for (Resource r : resources) {
                    files.put(r.getFilename(), new String(r.getContentAsByteArray(), StandardCharsets.UTF_8));
                }
            } else {
                try (Stream<Path> paths = Files.list(folder())) {
                    for (Path p : paths.filter(p -> p.getFileName().toString().endsWith(".md")).toList()) {
                        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the guide from " + location, e);
        }
        return files;
    }

    /** A fingerprint of the files' names, sizes and times, to notice edits; 0 for the classpath. */
    public long fingerprint() {
        if (location.startsWith("classpath:")) {
            return 0;
        }
        try (Stream<Path> paths = Files.list(folder())) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .mapToLong(p -> p.getFileName().hashCode() * 31L + p.toFile().lastModified() * 17 + p.toFile().length())
                    .sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private Path folder() {
        return Path.of(location.replaceFirst("^file:", ""));
    }
}
