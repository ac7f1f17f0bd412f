package org.transformerguide.playground.service;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.transformerguide.playground.model.GptConfig;

/**
 * A size and training schedule a custom model can be trained with ({@code tiny}, {@code small}, or the
 * default model's). Checked when the settings are read, so a bad preset stops the start with a message
 * rather than failing a job later.
 */
public record ModelPreset(int nLayer, int nHead, int nEmbd, int blockSize, int iterations, int batchSize,
                          double learningRate, @DefaultValue("0") int warmupIterations, int evalInterval,
                          @DefaultValue("10") int evalBatches) {

    public ModelPreset {
        new GptConfig(nLayer, nHead, nEmbd, blockSize, 2, 0.0); // throws for an impossible shape
        if (iterations < 1 || batchSize < 1 || evalInterval < 1 || evalBatches < 1 || warmupIterations < 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("A preset needs iterations, batch-size, eval-interval, eval-batches ≥ 1, "
                    + "warmup-iterations ≥ 0 and a positive learning-rate");
        }
    }

    /** The default model's size and schedule, from {@code guide.playground.*}. */
    static ModelPreset of(PlaygroundProperties p) {
        return new ModelPreset(p.preset().nLayer(), p.preset().nHead(), p.preset().nEmbd(), p.preset().blockSize(), p.iterations(),
                p.batchSize(), p.learningRate(), p.warmupIterations(), p.evalInterval(), p.evalBatches());
    }

    public PlaygroundProperties.Preset size() {
        return new PlaygroundProperties.Preset(nLayer, nHead, nEmbd, blockSize);
    }
}
