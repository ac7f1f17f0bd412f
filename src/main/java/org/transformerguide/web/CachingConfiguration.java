package org.transformerguide.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The glossary API carries an ETag computed from its body, so a page coming back to it gets a 304.
 * (Guide pages have their own, computed once with the page: see pages.PageArtifacts; static files
 * are versioned and cached for a year instead.)
 */
@Configuration(proxyBeanMethods = false)
class CachingConfiguration {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> pageEtags() {
        ShallowEtagHeaderFilter etags = new ShallowEtagHeaderFilter();
        etags.setWriteWeakETag(true); // Tomcat will not gzip a response that has a strong ETag
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(etags);
        registration.addUrlPatterns("/api/glossary");
        registration.setName("pageEtags");
        return registration;
    }
}
