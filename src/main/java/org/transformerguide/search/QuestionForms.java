package org.transformerguide.search;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A question a reader types ("how does attention work", "what is a loss function?") is searched as its
 * key terms ("attention", "loss function"): the words around them ask for an explanation, which is what
 * every section gives, and would otherwise have to match too. A query that is nothing but such words is
 * left as it is.
 */
final class QuestionForms {

    private static final List<Pattern> SCAFFOLDING = List.of(
            // what is / what are / what does ... (mean|do) / how does ... work / explain / define
            Pattern.compile("^(?:what|which)\\s+(?:is|are|was|were|does|do)\\s+(?:(?:an?|the)\\s+)?"),
            Pattern.compile("^how\\s+(?:do|does|did|can|is|are)\\s+(?:(?:an?|the)\\s+)?"),
            Pattern.compile("^(?:explain|define|describe)\\s+(?:(?:an?|the)\\s+)?"),
            Pattern.compile("^(?:tell me about|meaning of)\\s+(?:(?:an?|the)\\s+)?"),
            Pattern.compile("\\s+(?:work|works|mean|means|do)$"));

    private QuestionForms() {
    }

    /** The query without its question words, or the query itself when nothing else would be left. */
    static String keyTerms(String query) {
        String text = query.strip().replaceAll("[?!.]+$", "").strip();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = 0;
        int end = text.length();
        for (Pattern p : SCAFFOLDING) {
            var m = p.matcher(lower.substring(start, end));
            if (m.find()) {
                if (m.start() == 0 && p.pattern().startsWith("^")) {
                    start += m.end();
                } else {
                    end = start + m.start();
                }
            }
        }
        String kept = text.substring(start, Math.max(start, end)).strip();
        return kept.isEmpty() ? query : kept;
    }
}
