package org.transformerguide.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Guide pages carry an ETag computed from the page itself, so a reader coming back to a page gets a
 * 304 with no body when nothing changed. (Static files are versioned and cached for a year instead.)
 * The pages themselves say "no-cache, private" (see GuideController): the browser may keep them but
 * must ask first, and no shared cache may keep a page that shows one learner's progress.
 */
@Configuration(proxyBeanMethods = false)
class CachingConfiguration {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> pageEtags() {
        ShallowEtagHeaderFilter etags = new ShallowEtagHeaderFilter();
        etags.setWriteWeakETag(true); // Tomcat will not gzip a response that has a strong ETag
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(etags);
        registration.addUrlPatterns("/", "/guide/*", "/api/glossary");
        registration.setName("pageEtags");
        return registration;
    }
}
