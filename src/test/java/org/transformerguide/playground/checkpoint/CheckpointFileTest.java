package org.transformerguide.playground.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.BytePairTokenizer;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.playground.tokenizer.Tokenizer;

class CheckpointFileTest {

    private static final Tokenizer TOKENIZER = CharTokenizer.fromCorpus("attention is all you need. ");
    private static final GptConfig CONFIG = new GptConfig(2, 2, 8, 6, TOKENIZER.vocabSize(), 0.0);
    private static final TrainingMetadata METADATA = new TrainingMetadata(1234, 1.875, "tiny corpus ✓");

    @TempDir
    Path directory;

    private Path saveTrained() throws IOException {
        Gpt model = new Gpt(CONFIG, 7);
        Path file = directory.resolve("model.ckpt");
        CheckpointFile.save(file, model, TOKENIZER, METADATA);
        return file;
    }

    @Test
    void roundTripGivesIdenticalLogitsTokenizerAndMetadata() throws IOException {
        Gpt original = new Gpt(CONFIG, 7);
        Path file = directory.resolve("sub/model.ckpt");
        CheckpointFile.save(file, original, TOKENIZER, METADATA);

        LoadedModel loaded = CheckpointFile.load(file);

        int[][] input = {TOKENIZER.encode("all yo")};        // [1, 6] = [1, blockSize]
        float[] expected = original.forward(input, original.newActivations(1, input[0].length, false));          // [T, V]
        float[] actual = loaded.model().forward(input, loaded.model().newActivations(1, input[0].length, false)); // [T, V]
        assertThat(actual).hasSize(CONFIG.blockSize() * CONFIG.vocabSize()).isEqualTo(expected); // bit-identical
        assertThat(loaded.model().config()).isEqualTo(CONFIG);
        assertThat(loaded.tokenizer().serialize()).isEqualTo(TOKENIZER.serialize());
        assertThat(loaded.metadata()).isEqualTo(METADATA);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void aHalfPrecisionCheckpointIsHalfTheSizeAndLoadsTheRoundedWeights() throws IOException {
        Gpt original = new Gpt(CONFIG, 7);
        Path full = directory.resolve("full.ckpt");
        Path half = directory.resolve("half.ckpt");
        CheckpointFile.save(full, original, TOKENIZER, METADATA);
        CheckpointFile.saveHalf(half, original, TOKENIZER, METADATA);

        long n = CONFIG.parameterCount();
        assertThat(Files.size(full) - Files.size(half)).isEqualTo(n * 2);
        LoadedModel loaded = CheckpointFile.load(half);
        float[] saved = original.parameterSet().values().clone();
        float[] read = loaded.model().parameterSet().values().clone();
        for (int i = 0; i < saved.length; i++) {
            assertThat(read[i]).isEqualTo(HalfFloat.toFloat(HalfFloat.fromFloat(saved[i])));
        }
        assertThat(loaded.metadata()).isEqualTo(METADATA);
        assertThat(loaded.model().config()).isEqualTo(CONFIG);
    }

    @Test
    void aBytePairTokenizerAndNaNLossSurviveTheRoundTrip() throws IOException {
        Tokenizer bpe = BytePairTokenizer.train("the theory of the thermal theme: ünïcödé ✓ 🙂 ".repeat(20), 270);
        GptConfig config = new GptConfig(1, 2, 8, 4, bpe.vocabSize(), 0.0);
        Path file = directory.resolve("bpe.ckpt");
        CheckpointFile.save(file, new Gpt(config, 3), bpe, new TrainingMetadata(0, Double.NaN, "upload.txt"));

        LoadedModel loaded = CheckpointFile.load(file);
        String text = "thermal 🙂 ✓ unseen ☃";
        assertThat(loaded.tokenizer().encode(text)).isEqualTo(bpe.encode(text));
        assertThat(loaded.tokenizer().decode(bpe.encode(text))).isEqualTo(text);
        assertThat(loaded.metadata().bestValLoss()).isNaN();
    }

    @Test
    void truncatedFileIsReportedAsTruncated() throws IOException {
        Path file = saveTrained();
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {bytes.length - 1, bytes.length / 2, 30, 12, 3, 0}) {
            Files.write(file, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> CheckpointFile.load(file))
                    .as("length %d", length)
                    .isInstanceOf(CorruptCheckpointException.class);
        }
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> CheckpointFile.load(file)).isInstanceOf(TruncatedCheckpointException.class);
    }

    @Test
    void aFlippedByteAnywhereIsReportedAsCorrupt() throws IOException {
        Path file = saveTrained();
        byte[] original = Files.readAllBytes(file);
        // Every byte of the header and metadata, and a stride through the weights and the checksum.
        for (int i = 0; i < original.length; i += i < 200 ? 1 : 37) {
            byte[] damaged = original.clone();
            damaged[i] ^= 0x10;
            Files.write(file, damaged);
            final int position = i;
            assertThatThrownBy(() -> CheckpointFile.load(file))
                    .as("byte %d", position)
                    .isInstanceOf(CorruptCheckpointException.class);
        }
    }

    @Test
    void anIntactFileOfAnotherVersionIsIncompatible() throws IOException {
        Path file = saveTrained();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 99); // version field
        CheckpointFile.reseal(bytes);
        Files.write(file, bytes);

        assertThatThrownBy(() -> CheckpointFile.load(file))
                .isInstanceOf(IncompatibleCheckpointException.class)
                .hasMessageContaining("99")
                .satisfies(e -> assertThat(((IncompatibleCheckpointException) e).version()).isEqualTo(99));
    }

    @Test
    void consistentChecksumButWrongSizesIsCorrupt() throws IOException {
        // A writer bug rather than disk damage: the checksum matches, the parameter count does not.
        byte[] bytes = CheckpointFile.encode(CONFIG, TOKENIZER.serialize(), METADATA, new float[10]);
        Path file = directory.resolve("short.ckpt");
        Files.write(file, bytes);
        assertThatThrownBy(() -> CheckpointFile.load(file))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("parameters");
    }

    @Test
    void aFileThatIsNotACheckpointIsCorrupt() throws IOException {
        Path file = directory.resolve("notes.txt");
        Files.writeString(file, "just some text, long enough to look like a header and a checksum, surely.");
        assertThatThrownBy(() -> CheckpointFile.load(file)).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void savingReplacesAnExistingCheckpoint() throws IOException {
        Path file = saveTrained();
        Gpt other = new Gpt(CONFIG, 8);
        CheckpointFile.save(file, other, TOKENIZER, new TrainingMetadata(2000, 1.5, "again"));
        LoadedModel loaded = CheckpointFile.load(file);
        assertThat(loaded.metadata().iterations()).isEqualTo(2000);
        assertThat(loaded.model().parameterSet().values()).isEqualTo(other.parameterSet().values());
    }
}
