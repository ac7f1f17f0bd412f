package org.transformerguide.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.GuideDocument;

/** What every page's layout needs: the list of documents for the sidebar and the current path. */
@ControllerAdvice(annotations = Controller.class)
class NavigationAdvice {

    private final GuideContent content;

    NavigationAdvice(GuideContent content) {
        this.content = content;
    }

    @ModelAttribute("navDocuments")
    List<GuideDocument> navDocuments() {
        return content.documents();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
