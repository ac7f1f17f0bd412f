package org.transformerguide.web;

import java.util.List;

/**
 * Client input repeated in an answer ("no item 'x'", the ids a merge skipped) is cut to a bounded size,
 * so that an answer never grows with what the client sent.
 */
public final class Echo {

    public static final int MAX_CHARS = 120;
    public static final int MAX_ITEMS = 100;

    private Echo() {
    }

    public static String cap(String text) {
        if (text == null || text.length() <= MAX_CHARS) {
            return text;
        }
        return text.substring(0, MAX_CHARS) + "…";
    }

    public static List<String> cap(List<String> texts) {
        return texts.stream().limit(MAX_ITEMS).map(Echo::cap).toList();
    }
}
