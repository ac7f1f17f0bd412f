package org.transformerguide.web;

import java.util.Map;

/**
 * What every page's layout needs beside its own model (the sidebar's documents, the current path). The
 * guide supplies it (content.web.NavigationAdvice), so the error pages made here can show the site's frame
 * without this package knowing any feature.
 */
public interface PageLayout {

    /** The layout's model attributes for a page at {@code path}. */
    Map<String, Object> attributes(String path);
}
