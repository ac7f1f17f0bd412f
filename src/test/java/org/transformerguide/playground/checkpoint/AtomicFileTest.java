package org.transformerguide.playground.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheFileCreatingItsFolder() throws IOException {
        Path target = dir.resolve("models/tiny.tgckpt");

        AtomicFile.write(target, out -> out.write(bytes("first")));

        assertThat(Files.readString(target)).isEqualTo("first");
        assertThat(namesIn(target.getParent())).containsExactly("tiny.tgckpt");
    }

    @Test
    void replacesAnExistingFileWhole() throws IOException {
        Path target = dir.resolve("tiny.tgckpt");
        Files.writeString(target, "an older and longer file");

        AtomicFile.write(target, out -> out.write(bytes("new")));

        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void aFailureHalfWayLeavesThePreviousFileAndNoTemporaryOne() throws IOException {
        Path target = dir.resolve("tiny.tgckpt");
        Files.writeString(target, "previous");

        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            out.write(bytes("half of a"));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("previous");
        assertThat(namesIn(dir)).containsExactly("tiny.tgckpt");
    }

    @Test
    void theContentMayCloseItsStream() throws IOException {
        Path target = dir.resolve("record.training");

        AtomicFile.write(target, out -> {
            try (out) {
                out.write(bytes("closed by the writer"));
            }
        });

        assertThat(Files.readString(target)).isEqualTo("closed by the writer");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Stream<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }
}
