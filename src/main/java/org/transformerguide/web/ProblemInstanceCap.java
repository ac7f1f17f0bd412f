package org.transformerguide.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Spring fills a problem detail's {@code instance} with the whole request path, which a client can make
 * thousands of characters long; this cuts it like every other echo ({@link ApiErrors#instance}).
 */
@ControllerAdvice
class ProblemInstanceCap implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getInstance() != null
                && problem.getInstance().toString().length() > ApiErrors.MAX_ECHOED_PATH) {
            problem.setInstance(ApiErrors.instance(problem.getInstance().toString()));
        }
        return body;
    }
}
