package io.yagura.itests;

import org.apache.camel.CamelContext;

/** Control of the consumers of yagura.events during a test. */
final class Events {

    static final String CORRELATION_ROUTE = "correlation";

    private Events() {
    }

    static void pauseCorrelation(CamelContext camel) throws Exception {
        if (camel.getRoute(CORRELATION_ROUTE) != null) {
            camel.getRouteController().stopRoute(CORRELATION_ROUTE);
        }
    }

    static void resumeCorrelation(CamelContext camel) throws Exception {
        if (camel.getRoute(CORRELATION_ROUTE) != null) {
            camel.getRouteController().startRoute(CORRELATION_ROUTE);
        }
    }
}
