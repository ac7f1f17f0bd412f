package org.transformerguide.playground.service;

import java.util.ArrayList;
import java.util.List;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.Section;

/**
 * The guide's text as the default model learns it: every section ("title", newline, its text) of every
 * document in reading order, with every tenth section held out for validation (the 5th, 15th, 25th,
 * ... across all documents). Why not the last 10%: that is the glossary and reference material, text
 * unlike the rest; sections spread evenly give a held-out sample of every document, and whole sections
 * keep the two parts from sharing sentences.
 *
 * @param training the sections the model trains on, joined by blank lines
 * @param heldOut  the held-out sections, joined the same way
 */
public record GuideCorpus(String training, String heldOut) {

    /** One section in this many is held out. */
    public static final int HOLD_OUT_EVERY = 10;

    public static GuideCorpus of(GuideContent content) {
        List<String> sections = new ArrayList<>();
        for (GuideDocument document : content.documents()) {
            for (Section section : document.sections()) {
                sections.add(section.title() + "\n" + section.text());
            }
        }
        return of(sections);
    }

    /** Splits {@code sections} (in reading order): index i is held out when i mod 10 = 4. */
    public static GuideCorpus of(List<String> sections) {
        List<String> training = new ArrayList<>();
        List<String> heldOut = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            (i % HOLD_OUT_EVERY == HOLD_OUT_EVERY / 2 - 1 ? heldOut : training).add(sections.get(i));
        }
        return new GuideCorpus(String.join("\n\n", training), String.join("\n\n", heldOut));
    }

    /** All of the guide's text, training part first (for the vocabulary a generated word is checked against). */
    public String whole() {
        return training + "\n\n" + heldOut;
    }
}
