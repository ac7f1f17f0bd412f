package org.transformerguide.content;

import java.time.Clock;
import java.util.LinkedHashSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContentConfiguration {

    @Bean
    ContentCatalog contentCatalog(ContentProperties properties, ApplicationEventPublisher events) {
        return new ContentCatalog(new ContentSource(properties.location()), new LinkedHashSet<>(properties.planned()),
                properties.watch(), properties.sourceUrl(), Clock.systemUTC(), events);
    }
}
