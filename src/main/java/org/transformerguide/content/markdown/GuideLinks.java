package org.transformerguide.content.markdown;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.transformerguide.content.document.GuideDocument;

/** How a link written in a guide document ({@code ./transformers.md#6-...}) maps to a platform URL. */
public final class GuideLinks {

    private static final Pattern DOCUMENT = Pattern.compile("(?:\\./)?([A-Za-z0-9_-]+)\\.md(?:#(.*))?");
    private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private GuideLinks() {
    }

    /** A parsed internal link; {@code slug} is null for a same-page {@code #anchor}. */
    public record Target(String slug, String anchor) {
    }

    /** A link from content/ into the platform's source tree, such as {@code ../src/main/java/...}. */
    public static boolean isSource(String url) {
        return url.startsWith("../src/") || url.equals("../pom.xml");
    }

    public static boolean isExternal(String url) {
        return EXTERNAL.matcher(url).matches() || url.startsWith("//");
    }

    /** The document and anchor a relative link points to, or null if it is not a link to a document. */
    public static Target parse(String url) {
        if (url.startsWith("#")) {
            return new Target(null, url.substring(1));
        }
        Matcher m = DOCUMENT.matcher(url);
        if (!m.matches()) {
            return null;
        }
        String anchor = m.group(2);
        return new Target(m.group(1), anchor == null || anchor.isEmpty() ? null : anchor);
    }

    public static String url(String slug, String anchor) {
        return GuideDocument.urlOf(slug) + (anchor == null ? "" : "#" + anchor);
    }

    static String normalizedSlug(String slug) {
        return slug.toUpperCase(Locale.ROOT).equals(GuideDocument.LANDING) ? GuideDocument.LANDING : slug;
    }
}
