package org.transformerguide.content.numbers;

import java.util.List;
import java.util.Optional;

/** A fenced {@code numbers <id>} block: the inputs and results of one step of a worked example. */
public record NumbersBlock(String id, List<String> comments, List<NumbersValue> values, int line) {

    public Optional<NumbersValue> value(String name) {
        return values.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
