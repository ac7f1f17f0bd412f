package org.transformerguide.content.widgets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A live demo an author can place in a document with a fenced {@code widget <name>} block. Each widget
 * has a small ES module in {@code static/js/widgets/<name>.js}, the options it accepts, and a sentence
 * that says in words what it would show, for readers without JavaScript.
 */
public record Widget(String name, String title, List<WidgetOption> options, Function<Map<String, String>, String> fallback) {

    /** The options as written, checked, with defaults for the ones the author left out. */
    public Map<String, String> resolve(Map<String, String> given, int line) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (WidgetOption option : options) {
            String value = given.get(option.name());
            if (value == null) {
                if (!option.defaultValue().isEmpty()) {
                    resolved.put(option.name(), option.defaultValue());
                }
                continue;
            }
            try {
                resolved.put(option.name(), option.check(value));
            } catch (IllegalArgumentException e) {
                throw new WidgetSyntaxException(line, "widget " + name + ": " + e.getMessage());
            }
        }
        for (String key : given.keySet()) {
            if (options.stream().noneMatch(o -> o.name().equals(key))) {
                throw new WidgetSyntaxException(line, "widget " + name + " has no option '" + key + "' (it takes "
                        + options.stream().map(WidgetOption::name).toList() + ")");
            }
        }
        return resolved;
    }
}
