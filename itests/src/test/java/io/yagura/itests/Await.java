package io.yagura.itests;

import java.util.function.BooleanSupplier;

final class Await {

    private Await() {
    }

    /** Listeners bound and the plugin route running: the platform is ready for lines. */
    static void platformReady(org.apache.camel.CamelContext camel) throws InterruptedException {
        for (String route : new String[] {"ingest-udp", "ingest-tcp", "ingest-tls", "ingest-batch", "vendor-cisco-asa",
            Events.CORRELATION_ROUTE}) {
            await("route " + route + " started", () -> camel.getRoute(route) != null
                    && camel.getRouteController().getRouteStatus(route).isStarted(), 90);
        }
    }

    /** As {@link #await(String, BooleanSupplier, int)}, describing the state at the timeout. */
    static void await(String what, BooleanSupplier condition, int seconds,
                      java.util.function.Supplier<String> stateAtTimeout) throws InterruptedException {
        try {
            await(what, condition, seconds);
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; " + stateAtTimeout.get());
        }
    }

    static void await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Checks that {@code condition} stays true for the whole of {@code seconds} (something must NOT happen). */
    static void holds(String what, BooleanSupplier condition, int seconds, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true within " + seconds + " s: " + what + "; " + state.get());
            }
            Thread.sleep(100);
        }
    }
}
