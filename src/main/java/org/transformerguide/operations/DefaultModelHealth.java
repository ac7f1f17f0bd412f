package org.transformerguide.operations;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.TrainingService;

/**
 * Part of the readiness group: says whether the playground's default model is served. It stays UP while
 * the model trains at a first start, because the guide and progress work without it; a proxy should not
 * take the instance out for that, but an operator wants to see it.
 */
@Component("defaultModelHealthIndicator") // shown as "defaultModel" in the health groups
class DefaultModelHealth implements HealthIndicator {

    private final ServedModelRegistry registry;
    private final TrainingService training;

    DefaultModelHealth(ServedModelRegistry registry, TrainingService training) {
        this.registry = registry;
        this.training = training;
    }

    @Override
    public Health health() {
        boolean served = registry.find(ServedModelRegistry.DEFAULT).isPresent();
        Health.Builder health = Health.up().withDetail("served", served);
        training.latest(ServedModelRegistry.DEFAULT).ifPresent(s -> health.withDetail("training", s.state() + " " + s.iteration() + "/" + s.totalIterations()));
        registry.problem(ServedModelRegistry.DEFAULT).ifPresent(p -> health.withDetail("problem", p));
        return health.build();
    }
}
