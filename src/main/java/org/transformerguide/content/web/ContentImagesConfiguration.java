package org.transformerguide.content.web;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.transformerguide.content.ContentProperties;

/** Serves the guide's images ({@code content/img/}) from wherever the guide is read. */
@Configuration(proxyBeanMethods = false)
class ContentImagesConfiguration implements WebMvcConfigurer {

    private final ContentProperties content;

    ContentImagesConfiguration(ContentProperties content) {
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
}
