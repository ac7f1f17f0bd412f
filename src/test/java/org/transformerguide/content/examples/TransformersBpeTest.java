package org.transformerguide.content.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Re-runs byte-pair encoding on the tiny corpus of content/transformers.md section 3 and checks that the
 * merges, their counts and the resulting sizes are the ones the document lists.
 */
@SelfContained
class TransformersBpeTest {

    private static final String DOC = "transformers";

    private static WorkedNumbers block(String id) {
        return WorkedNumbers.read(DOC, id);
    }

    /** One line of the ordered merge list: {@code 1. `a` + `y` → `ay` (25 times)}. */
    private static final Pattern MERGE_ITEM = Pattern.compile(
            "^\\s*\\d+\\.\\s+`([^`]+)`\\s*\\+\\s*`([^`]+)`\\s*→\\s*`([^`]+)`\\s*\\((\\d+) times?\\)");

    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*=");

    private record Merge(String left, String right, String merged, int count) {
    }

    @Test
    void bpeMergeListIsWhatBpeLearnsFromTheCorpus() throws IOException {
        String section = section("## 3. Tokenization", "## 4. ");
        Map<String, Integer> corpus = corpus(section);
        List<Merge> printed = new ArrayList<>();
        for (String line : section.split("\n")) {
            Matcher m = MERGE_ITEM.matcher(line);
            if (m.find()) {
                printed.add(new Merge(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4))));
            }
        }
        assertFalse(printed.isEmpty(), "section 3 lists no merges of the form 1. `a` + `b` → `ab` (n times)");
        List<Merge> learned = learnBpe(corpus, printed.size());
        assertEquals(learned, printed, "the merge list of section 3 differs from BPE run on the corpus");
        for (Merge m : printed) {
            assertEquals(m.left() + m.right(), m.merged(), "a merge must concatenate its two symbols");
        }

        WorkedNumbers n = block("bpe-result");
        n.assertMatches("merges", printed.size());
        Set<Character> alphabet = new LinkedHashSet<>();
        corpus.keySet().forEach(w -> w.chars().forEach(c -> alphabet.add((char) c)));
        n.assertMatches("vocab_before", alphabet.size());
        n.assertMatches("vocab_after", alphabet.size() + printed.size());
        int before = 0;
        int after = 0;
        for (Map.Entry<String, Integer> e : corpus.entrySet()) {
            before += e.getKey().length() * e.getValue();
            after += applyMerges(e.getKey(), printed).size() * e.getValue();
        }
        n.assertMatches("symbols_before", before);
        n.assertMatches("symbols_after", after);
    }

    /** Word frequencies: every name of the bpe-corpus block is a word, its value the count. */
    private static Map<String, Integer> corpus(String section) {
        int start = section.indexOf("```numbers bpe-corpus");
        assertTrue(start >= 0, "section 3 has no ```numbers bpe-corpus block");
        int end = section.indexOf("```", section.indexOf('\n', start));
        WorkedNumbers n = block("bpe-corpus");
        Map<String, Integer> words = new LinkedHashMap<>();
        for (String line : section.substring(start, end).split("\n")) {
            Matcher m = ASSIGNMENT.matcher(line.strip());
            if (m.find()) {
                double count = n.scalar(m.group(1));
                assertEquals(Math.rint(count), count, "word counts must be whole numbers");
                words.put(m.group(1), (int) count);
            }
        }
        assertFalse(words.isEmpty(), "the bpe-corpus block holds no words");
        return words;
    }

    /**
     * Greedy BPE inside words: count adjacent pairs weighted by word frequency, merge the most frequent
     * pair everywhere; ties go to the alphabetically first pair (left symbol, then right symbol).
     */
    private static List<Merge> learnBpe(Map<String, Integer> corpus, int merges) {
        Map<String, List<String>> split = new LinkedHashMap<>();
        corpus.keySet().forEach(w -> split.put(w, new ArrayList<>(Arrays.asList(w.split("")))));
        List<Merge> learned = new ArrayList<>();
        for (int step = 0; step < merges; step++) {
            Map<List<String>, Integer> pairs = new HashMap<>();
            for (Map.Entry<String, List<String>> e : split.entrySet()) {
                List<String> s = e.getValue();
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairs.merge(List.of(s.get(i), s.get(i + 1)), corpus.get(e.getKey()), Integer::sum);
                }
            }
            if (pairs.isEmpty()) {
                break;
            }
            List<String> best = null;
            int bestCount = -1;
            for (Map.Entry<List<String>, Integer> e : pairs.entrySet()) {
                int c = e.getValue();
                if (c > bestCount || (c == bestCount && comparePairs(e.getKey(), best) < 0)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            Merge merge = new Merge(best.get(0), best.get(1), best.get(0) + best.get(1), bestCount);
            learned.add(merge);
            split.replaceAll((w, s) -> applyMerge(s, merge));
        }
        return learned;
    }

    private static int comparePairs(List<String> a, List<String> b) {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
    }

    private static List<String> applyMerge(List<String> symbols, Merge merge) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            if (i + 1 < symbols.size() && symbols.get(i).equals(merge.left())
                    && symbols.get(i + 1).equals(merge.right())) {
                out.add(merge.merged());
                i++;
            } else {
                out.add(symbols.get(i));
            }
        }
        return out;
    }

    private static List<String> applyMerges(String word, List<Merge> merges) {
        List<String> symbols = new ArrayList<>(Arrays.asList(word.split("")));
        for (Merge m : merges) {
            symbols = applyMerge(symbols, m);
        }
        return symbols;
    }

    private static String section(String heading, String nextHeadingPrefix) throws IOException {
        String doc = Files.readString(WorkedNumbers.CONTENT.resolve(DOC + ".md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, DOC + ".md has no heading '" + heading + "'");
        int end = doc.indexOf("\n" + nextHeadingPrefix, start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
