package org.transformerguide.web;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.transformerguide.content.ContentProperties;

/** Serves the guide's images ({@code content/img/}) from wherever the guide is read, and the favicon. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ContentProperties content;

    WebConfiguration(ContentProperties content) {
        this.content = content;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String location = content.location().endsWith("/") ? content.location() : content.location() + "/";
        if (!location.startsWith("classpath:") && !location.startsWith("file:")) {
            location = "file:" + location;
        }
        registry.addResourceHandler("/content-assets/img/**").addResourceLocations(location + "img/")
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
    }

    /** Browsers and feed readers still ask for /favicon.ico whatever the page says; the icon is an SVG. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/favicon.ico", "/favicon.svg").setStatusCode(HttpStatus.MOVED_PERMANENTLY);
    }
}
