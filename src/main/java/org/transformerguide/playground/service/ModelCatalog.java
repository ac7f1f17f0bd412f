package org.transformerguide.playground.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * What the model list shows: every model that is served, training, queued or broken, the default model
 * first. A model being trained for the first time has no weights yet but is listed with its job.
 */
@Component
public class ModelCatalog {

    private final ModelRegistry registry;
    private final TrainingService training;

    public ModelCatalog(ModelRegistry registry, TrainingService training) {
        this.registry = registry;
        this.training = training;
    }

    public List<ModelSummary> list() {
        TreeSet<String> names = new TreeSet<>();
        registry.all().forEach(m -> names.add(m.name()));
        names.addAll(registry.problems().keySet());
        training.active().forEach(s -> names.add(s.model()));
        names.add(ModelRegistry.DEFAULT);
        Map<String, String> problems = registry.problems();
        List<ModelSummary> summaries = new ArrayList<>();
        summaries.add(summary(ModelRegistry.DEFAULT, problems));
        for (String name : names) {
            if (!name.equals(ModelRegistry.DEFAULT)) {
                summaries.add(summary(name, problems));
            }
        }
        return summaries;
    }

    private ModelSummary summary(String name, Map<String, String> problems) {
        boolean custom = !ModelRegistry.DEFAULT.equals(name);
        TrainingStatus job = training.latest(name).orElse(null);
        boolean active = job != null && !job.state().finished();
        return registry.find(name)
                .map(m -> new ModelSummary(name, active ? "RETRAINING" : "READY", m.config(), m.parameterCount(),
                        m.metadata().iterations(), finite(m.metadata().bestValLoss()), null, job,
                        TokenizerSpec.idOf(m.generator().tokenizer()), m.metadata().corpusName(), custom))
                .orElseGet(() -> {
                    TrainingRequest request = active ? training.activeRequest(name).orElse(null) : null;
                    return new ModelSummary(name, !active ? "UNAVAILABLE" : job.state() == TrainingState.QUEUED ? "QUEUED" : "TRAINING",
                            null, null, null, null, problems.get(name), job,
                            request == null ? null : request.tokenizer().kind().id(), request == null ? null : request.corpusName(), custom);
                });
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
