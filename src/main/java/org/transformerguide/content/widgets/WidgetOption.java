package org.transformerguide.content.widgets;

import java.util.Arrays;
import java.util.List;

/** One option a widget takes, with its bounds: authors get a clear error instead of a broken page. */
public record WidgetOption(String name, Kind kind, double min, double max, int minItems, int maxItems, String defaultValue) {

    public enum Kind { NUMBER, INTEGER, NUMBER_LIST, WORD_LIST, TEXT }

    static WidgetOption number(String name, double min, double max, String defaultValue) {
        return new WidgetOption(name, Kind.NUMBER, min, max, 1, 1, defaultValue);
    }

    static WidgetOption integer(String name, int min, int max, String defaultValue) {
        return new WidgetOption(name, Kind.INTEGER, min, max, 1, 1, defaultValue);
    }

    static WidgetOption numbers(String name, double min, double max, int minItems, int maxItems, String defaultValue) {
        return new WidgetOption(name, Kind.NUMBER_LIST, min, max, minItems, maxItems, defaultValue);
    }

    static WidgetOption words(String name, int maxItems) {
        return new WidgetOption(name, Kind.WORD_LIST, 0, 0, 1, maxItems, "");
    }

    /** Free text of 1 to {@code maxChars} characters on one line (e.g. a prompt for the model). */
    static WidgetOption text(String name, int maxChars, String defaultValue) {
        return new WidgetOption(name, Kind.TEXT, 0, 0, 1, maxChars, defaultValue);
    }

    /** Checks a value written by an author and returns it normalized; throws with a message otherwise. */
    String check(String value) {
        String v = value.strip();
        switch (kind) {
            case NUMBER, INTEGER -> {
                double d = parse(v);
                if (kind == Kind.INTEGER && d != Math.rint(d)) {
                    throw new IllegalArgumentException("'" + name + "' must be a whole number, got '" + v + "'");
                }
                inRange(d);
                return v;
            }
            case NUMBER_LIST -> {
                List<String> items = Arrays.stream(v.split(",")).map(String::strip).toList();
                if (items.size() < minItems || items.size() > maxItems) {
                    throw new IllegalArgumentException("'" + name + "' takes " + minItems + " to " + maxItems + " numbers, got " + items.size());
                }
                items.forEach(i -> inRange(parse(i)));
                return String.join(", ", items);
            }
            case TEXT -> {
                if (v.isEmpty() || v.length() > maxItems) {
                    throw new IllegalArgumentException("'" + name + "' takes 1 to " + maxItems + " characters, got " + v.length());
                }
                return v;
            }
            default -> {
                List<String> items = Arrays.stream(v.split(",")).map(String::strip).toList();
                if (items.size() > maxItems || items.stream().anyMatch(i -> i.isEmpty() || i.length() > 24)) {
                    throw new IllegalArgumentException("'" + name + "' takes up to " + maxItems + " comma-separated words of at most 24 characters");
                }
                return String.join(", ", items);
            }
        }
    }

    private double parse(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a number, got '" + v + "'");
        }
    }

    private void inRange(double d) {
        if (d < min || d > max) {
            throw new IllegalArgumentException("'" + name + "' must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(d));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
