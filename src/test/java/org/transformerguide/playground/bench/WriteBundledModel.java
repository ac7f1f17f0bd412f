package org.transformerguide.playground.bench;

import java.nio.file.Path;
import org.transformerguide.playground.model.NativeBuild;
import org.transformerguide.playground.service.BundledModel;

/**
 * Writes an already trained default checkpoint as the jar's bundled model, the same conversion
 * {@code --train-default --guide.playground.bundle-dir=...} does at the end of its training:
 * {@code -Dbench.checkpoint=data/models/default.tgckpt [-Dbench.bundle-dir=src/main/resources/playground]}.
 */
public final class WriteBundledModel {

    private WriteBundledModel() {
    }

    public static void main(String[] args) throws Exception {
        NativeBuild.select();
        Path checkpoint = Path.of(System.getProperty("bench.checkpoint", "data/models/default.tgckpt"));
        Path directory = Path.of(System.getProperty("bench.bundle-dir", "src/main/resources/playground"));
        System.out.println("Wrote " + BundledModel.write(checkpoint, directory).toAbsolutePath());
    }
}
