package org.transformerguide.playground.service;

import org.transformerguide.playground.model.GptConfig;

/**
 * One model as {@link ModelCatalog} lists it (a line of the model list), not the model that answers.
 * Fields that are not known yet (a model still queued has no weights) are null.
 *
 * @param state      READY, RETRAINING (served while a new version trains), QUEUED, TRAINING or UNAVAILABLE
 * @param tokenizer  "char" or "bpe"
 * @param corpus     what it was trained on ("guide", an uploaded file's name, "pasted text")
 * @param custom     a custom model, which a manager may delete (the default model is not)
 * @param problem    why an UNAVAILABLE model is not served
 * @param training   its latest training event, if a job has run since the server started
 */
public record ModelCatalogEntry(String name, String state, GptConfig config, Long parameterCount, Long trainedIterations,
                                Double bestValLoss, String problem, TrainingStatus training, String tokenizer, String corpus,
                                boolean custom) {
}
