package org.transformerguide.content.document;

/**
 * The plain text of one part of a document, from a heading to the next heading: what search indexes.
 * Math stays as its TeX and code as its text, so both can be found.
 *
 * @param id the heading's anchor
 * @param level 1 for the title's section, 2 for {@code ##}, ...
 */
public record Section(String id, String title, int level, String text) {
}
