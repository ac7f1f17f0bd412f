package org.transformerguide.playground.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.transformerguide.playground.inference.EmbeddingMap;

/**
 * One {@link EmbeddingMap} per served model, computed on first use. A model that is retrained or replaced
 * is registered as a new {@link ServedModel}, so a cached map is reused only while it belongs to the very
 * same instance; otherwise it is computed again from the new weights.
 */
@Component
public class EmbeddingMaps {

    private record Cached(ServedModel model, EmbeddingMap map) {
    }

    private final Map<String, Cached> byName = new ConcurrentHashMap<>();

    public EmbeddingMap of(ServedModel model) {
        Cached cached = byName.get(model.name());
        if (cached != null && cached.model() == model) {
            return cached.map();
        }
        // Two requests racing here both compute the same map; the cost is small and bounded by the worker pool.
        EmbeddingMap map = EmbeddingMap.of(model.generator().tokenEmbeddings(), model.generator().tokenizer());
        byName.put(model.name(), new Cached(model, map));
        return map;
    }
}
