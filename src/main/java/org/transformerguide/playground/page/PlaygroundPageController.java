package org.transformerguide.playground.page;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.transformerguide.content.GuideContent;

/** {@code /playground}: every widget on one page, with a picker of the model the model-backed ones use. */
@Controller
class PlaygroundPageController {

    private final GuideContent content;

    PlaygroundPageController(GuideContent content) {
        this.content = content;
    }

    @GetMapping("/playground")
    String playground(Model model) {
        model.addAttribute("widgets", PlaygroundWidgets.all(content.documents()));
        return "playground";
    }
}
