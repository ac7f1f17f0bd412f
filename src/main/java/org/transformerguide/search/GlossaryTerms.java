package org.transformerguide.search;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.Section;

/**
 * The glossary's terms (its level-3 headings), so that a query that <em>is</em> a term puts the term's
 * entry first: someone who types "KV cache" wants the definition and its links before anything else.
 * "BPE (byte-pair encoding)" answers to "BPE", "byte-pair encoding" and the whole heading alike.
 */
final class GlossaryTerms {

    static final String GLOSSARY_SLUG = "glossary";
    private static final int TERM_LEVEL = 3;
    private static final Pattern PARENTHESES = Pattern.compile("^(.*?)\\s*\\(([^)]*)\\)\\s*$");

    private static final Pattern GUIDE_LINK = Pattern.compile("href=\"/guide/([^\"#]+)#([^\"]+)\"");
    private static final Pattern NEXT_HEADING = Pattern.compile("<h[1-3][ >]");

    private final Map<String, Section> byTerm = new HashMap<>();
    private final Map<Section, List<String>> explainedIn = new java.util.IdentityHashMap<>();

    GlossaryTerms(Iterable<GuideDocument> documents) {
        for (GuideDocument document : documents) {
            if (!GLOSSARY_SLUG.equals(document.slug())) {
                continue;
            }
            for (Section section : document.sections()) {
                if (section.level() == TERM_LEVEL) {
                    aliases(section.title()).forEach(alias -> byTerm.putIfAbsent(alias, section));
                    explainedIn.put(section, linksOf(document.html(), section.id()));
                }
            }
        }
    }

    /**
     * The glossary entry whose heading equals the query, ignoring case and punctuation: "Top-k
     * sampling", "top k sampling" and "\"top-k sampling\"" are the same term.
     */
    Optional<Section> entryFor(String query) {
        String key = normalize(query);
        return key.isEmpty() ? Optional.empty() : Optional.ofNullable(byTerm.get(key));
    }

    /**
     * Where the entry sends the reader ("See: Self-attention step by step, ..."): the sections, as
     * {@code document#section}, in the order the entry names them. The glossary's author chose them as
     * the places that explain the term, so they come right after the entry.
     */
    List<String> explainedIn(Section entry) {
        return explainedIn.getOrDefault(entry, List.of());
    }

    private static List<String> linksOf(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        if (start < 0) {
            return List.of();
        }
        Matcher next = NEXT_HEADING.matcher(html);
        int end = next.find(html.indexOf('>', start)) ? next.start() : html.length();
        List<String> targets = new java.util.ArrayList<>();
        Matcher link = GUIDE_LINK.matcher(html.substring(start, end));
        while (link.find()) {
            String target = link.group(1) + "#" + link.group(2);
            if (!targets.contains(target)) {
                targets.add(target);
            }
        }
        return List.copyOf(targets);
    }

    private static List<String> aliases(String heading) {
        Matcher m = PARENTHESES.matcher(heading);
        if (m.matches()) {
            return List.of(normalize(heading), normalize(m.group(1)), normalize(m.group(2)));
        }
        return List.of(normalize(heading));
    }

    /** "Byte-pair  Encoding" and "(byte pair encoding)" both become "byte pair encoding". */
    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
