package org.transformerguide.playground.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The word test: the whitespace-separated words of a text, punctuation stripped from both
 * ends and lower-cased, and the share of them that occur among the guide's own words.
 */
final class GuideWords {

    private final Set<String> vocabulary;

    GuideWords(String guide) {
        vocabulary = new HashSet<>(words(guide));
    }

    /** The words of {@code text}; empty ones (a token of punctuation only) are dropped. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String raw : text.split("\\s+")) {
            String word = raw.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "").toLowerCase(Locale.ROOT);
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    boolean known(String word) {
        return vocabulary.contains(word);
    }

    int size() {
        return vocabulary.size();
    }
}
