package org.transformerguide.playground.service;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Custom models ({@code guide.playground.models.*}): who may train and delete them, how big a corpus may
 * be, and the sizes on offer.
 *
 * @param managerRole   the role that may create and delete models (LEARNER = anyone signed in, INSTRUCTOR, ADMIN)
 * @param maxCorpusSize largest UTF-8 corpus accepted (file or pasted text); larger is refused with 413
 * @param maxModels     most custom models at once (each one's weights stay in memory to answer quickly)
 * @param maxVocabulary most tokens in a custom model's vocabulary (BPE size, or distinct characters)
 * @param presets       extra presets, or replacements of {@code tiny} and {@code small}, by name
 */
@ConfigurationProperties("guide.playground.models")
public record ModelManagementProperties(
        @DefaultValue("INSTRUCTOR") String managerRole,
        @DefaultValue("5MB") DataSize maxCorpusSize,
        @DefaultValue("10") int maxModels,
        @DefaultValue("2048") int maxVocabulary,
        @DefaultValue Map<String, ModelPreset> presets) {

    /**
     * Built in: {@code tiny}, a toy that shows the loss fall within a minute even on a busy two-core
     * machine, and {@code small}, minutes of training for a model that starts to write like its text
     * (measured figures in README).
     */
    static Map<String, ModelPreset> builtInPresets() {
        Map<String, ModelPreset> presets = new LinkedHashMap<>();
        presets.put("tiny", new ModelPreset(2, 2, 48, 32, 200, 12, 3e-3, 20, 100, 10));
        presets.put("small", new ModelPreset(3, 4, 96, 64, 800, 12, 2e-3, 50, 200, 10));
        return presets;
    }
}
