package org.transformerguide.content;

import java.util.LinkedHashSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContentConfiguration {

    @Bean
    ContentCatalog contentCatalog(ContentProperties properties) {
        return new ContentCatalog(new ContentSource(properties.location()), new LinkedHashSet<>(properties.planned()),
                properties.watch(), properties.sourceUrl());
    }
}
