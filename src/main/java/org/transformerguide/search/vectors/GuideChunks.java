package org.transformerguide.search.vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.Section;

/**
 * Splits the guide into chunks for the vector search, as the guide's "Chunks, not documents" advises:
 * each section on its own (a chunk never straddles a heading), its paragraphs packed together up to
 * about {@code maxWords} words, a longer paragraph (a big code block) cut into pieces of that size.
 * A chunk whose text repeats an earlier one is left out: two identical vectors would tie, and which
 * of them a search returns would be arbitrary.
 */
final class GuideChunks {

    /** Fewer words than this say too little to embed (a heading whose text is all in its subsections). */
    static final int MIN_WORDS = 8;

    private GuideChunks() {
    }

    static List<Chunk> split(List<GuideDocument> documents, int maxWords) {
        List<Chunk> chunks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GuideDocument document : documents) {
            for (Section section : document.sections()) {
                String url = section.level() <= 1 ? document.url() : document.url() + "#" + section.id();
                int part = 0;
                for (String text : windows(section.text(), maxWords)) {
                    String normalized = text.replaceAll("\\s+", " ").strip();
                    if (words(normalized).length < MIN_WORDS || !seen.add(normalized)) {
                        continue;
                    }
                    chunks.add(new Chunk(chunks.size(), document.slug(), document.title(), section.id(),
                            section.title().isEmpty() ? document.title() : section.title(), url, ++part, text));
                }
            }
        }
        return List.copyOf(chunks);
    }

    /** The section's paragraphs (its lines) packed greedily into windows of at most maxWords words. */
    static List<String> windows(String text, int maxWords) {
        List<String> windows = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int count = 0;
        for (String paragraph : text.split("\n")) {
            String[] words = words(paragraph);
            if (words.length == 0) {
                continue;
            }
            if (count > 0 && count + words.length > maxWords) {
                windows.add(current.toString().strip());
                current.setLength(0);
                count = 0;
            }
            for (int start = 0; start < words.length; start += maxWords) {
                int end = Math.min(words.length, start + maxWords);
                if (count > 0 && count + (end - start) > maxWords) {
                    windows.add(current.toString().strip());
                    current.setLength(0);
                    count = 0;
                }
                current.append(String.join(" ", Arrays.copyOfRange(words, start, end))).append('\n');
                count += end - start;
            }
        }
        if (count > 0) {
            windows.add(current.toString().strip());
        }
        return windows;
    }

    private static String[] words(String text) {
        String s = text.strip();
        return s.isEmpty() ? new String[0] : s.split("\\s+");
    }
}
