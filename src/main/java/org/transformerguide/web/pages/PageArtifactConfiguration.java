package org.transformerguide.web.pages;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves guide pages after Spring Security's filters (so they carry the same security headers as every
 * other response, and the tg-user cookie is kept in step) but before Spring MVC: a page costs a map
 * look-up and one write.
 */
@Configuration(proxyBeanMethods = false)
class PageArtifactConfiguration {

    @Bean
    FilterRegistrationBean<PageArtifactFilter> pageArtifactFilter(PageArtifacts pages) {
        FilterRegistrationBean<PageArtifactFilter> registration = new FilterRegistrationBean<>(new PageArtifactFilter(pages));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        registration.addUrlPatterns("/", "/guide/*");
        registration.setName("pageArtifacts");
        return registration;
    }
}
