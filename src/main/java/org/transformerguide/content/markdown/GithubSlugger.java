package org.transformerguide.content.markdown;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Heading anchors exactly as GitHub makes them, so that a link written for GitHub
 * ({@code transformers.md#8-architectural-variants-...}) works unchanged on the platform.
 * One instance per document: repeated headings get {@code -1}, {@code -2}, ... like on GitHub.
 */
public final class GithubSlugger {

    /** Everything but letters, marks, digits, connector punctuation (underscore), spaces and hyphens goes. */
    private static final Pattern REMOVED = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}\\p{Pc} -]");

    /** How many times each slug has been handed out beyond the first. */
    private final Map<String, Integer> occurrences = new HashMap<>();

    public static String slug(String text) {
        return REMOVED.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    /** The slug of {@code text}, made unique within this slugger's document. */
    public String unique(String text) {
        String base = slug(text);
        String candidate = base;
        while (occurrences.containsKey(candidate)) {
            int n = occurrences.merge(base, 1, Integer::sum);
            candidate = base + "-" + n;
        }
        occurrences.put(candidate, 0);
        return candidate;
    }
}
