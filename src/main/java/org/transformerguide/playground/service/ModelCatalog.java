package org.transformerguide.playground.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Every model that exists, in whatever state, as the model list shows it; it serves none of them
 * ({@link ServedModelRegistry} holds the served ones).
 *
 * <p>Served, training, queued or broken, the default model first. A model being trained for the first
 * time has no weights yet but is listed with its job.
 */
@Component
public class ModelCatalog {

    private final ServedModelRegistry registry;
    private final TrainingService training;

    public ModelCatalog(ServedModelRegistry registry, TrainingService training) {
        this.registry = registry;
        this.training = training;
    }

    public List<ModelCatalogEntry> list() {
        TreeSet<String> names = new TreeSet<>();
        registry.all().forEach(m -> names.add(m.name()));
        names.addAll(registry.problems().keySet());
        training.active().forEach(s -> names.add(s.model()));
        names.add(ServedModelRegistry.DEFAULT);
        Map<String, String> problems = registry.problems();
        List<ModelCatalogEntry> summaries = new ArrayList<>();
        summaries.add(summary(ServedModelRegistry.DEFAULT, problems));
        for (String name : names) {
            if (!name.equals(ServedModelRegistry.DEFAULT)) {
                summaries.add(summary(name, problems));
            }
        }
        return summaries;
    }

    private ModelCatalogEntry summary(String name, Map<String, String> problems) {
        boolean custom = !ServedModelRegistry.DEFAULT.equals(name);
        TrainingStatus job = training.latest(name).orElse(null);
        boolean active = job != null && !job.state().finished();
        return registry.find(name)
                .map(m -> new ModelCatalogEntry(name, active ? "RETRAINING" : "READY", m.config(), m.parameterCount(),
                        m.metadata().iterations(), finite(m.metadata().bestValLoss()), null, job,
                        TokenizerSpec.idOf(m.generator().tokenizer()), m.metadata().corpusName(), custom))
                .orElseGet(() -> {
                    TrainingRequest request = active ? training.activeRequest(name).orElse(null) : null;
                    return new ModelCatalogEntry(name, !active ? "UNAVAILABLE" : job.state() == TrainingState.QUEUED ? "QUEUED" : "TRAINING",
                            null, null, null, null, problems.get(name), job,
                            request == null ? null : request.tokenizer().kind().id(), request == null ? null : request.corpusName(), custom);
                });
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
