package org.transformerguide.content.document;

/** One heading of a document: its level (2 for ##), its GitHub-style anchor and its plain text. */
public record TocEntry(int level, String id, String text, int line) {
}
