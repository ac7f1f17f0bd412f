package org.transformerguide.operations;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The port of the separate management server, once it has started (-1 when actuator shares the main port). */
@Component
class ManagementPort {

    private volatile int port = -1;

    @EventListener
    void onStarted(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    boolean isManagementRequest(int localPort) {
        return port > 0 && localPort == port;
    }
}
