package org.transformerguide.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Guide pages carry an ETag computed from the page itself, so a reader coming back to a page gets a
 * 304 with no body when nothing changed. (Static files are versioned and cached for a year instead.)
 */
@Configuration(proxyBeanMethods = false)
class CachingConfiguration {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> pageEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/", "/guide/*", "/api/glossary");
        registration.setName("pageEtags");
        return registration;
    }
}
