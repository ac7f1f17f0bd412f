package org.transformerguide.playground.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.transformerguide.playground.checkpoint.CheckpointFile;
import org.transformerguide.playground.checkpoint.LoadedModel;

/**
 * Writes a trained default model as the one shipped in the jar: the checkpoint in half precision
 * ({@code default-model.tgckpt}, what {@link DefaultModelLoader} installs on first start) and its training
 * record beside it, into a resource folder (the project's {@code src/main/resources/playground}).
 * Half precision was measured to cost nothing that matters in bits per character (README), and
 * halves the jar's share.
 */
public final class BundledModel {

    private BundledModel() {
    }

    /** Converts {@code checkpoint} (and its training record, if any) into {@code directory}; returns the written model file. */
    public static Path write(Path checkpoint, Path directory) throws IOException {
        LoadedModel model = CheckpointFile.load(checkpoint);
        Path target = directory.resolve(Path.of(DefaultModelLoader.BUNDLED).getFileName().toString());
        Files.createDirectories(directory);
        CheckpointFile.saveHalf(target, model.model(), model.tokenizer(), model.metadata());
        CheckpointFile.load(target); // proves it reads back
        // The record without the build machine's path in its message: the monitor shows it to everyone.
        TrainingRecordFile.read(TrainingRecordFile.fileFor(checkpoint), 0).ifPresent(r -> {
            try {
                TrainingRecordFile.save(TrainingRecordFile.fileFor(target),
                        r.status().with(r.status().state(), "The model shipped with the platform"), r.history());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return target;
    }
}
