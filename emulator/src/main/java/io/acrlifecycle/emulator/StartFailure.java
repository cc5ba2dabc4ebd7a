package io.acrlifecycle.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;

/** Why an emulator could not start, in one sentence naming the port or the path (for Main's one line on stderr). */
final class StartFailure {
    private StartFailure() {
    }

    static RuntimeException explain(Exception e, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                return new IllegalStateException("cannot start the ACR emulator: port 127.0.0.1:" + port + " is in use ("
                        + b.getMessage() + "); choose another --port, or 0 for a free one", e);
            }
        }
        if (e instanceof IOException io) {
            return new UncheckedIOException("cannot start the ACR emulator: " + io, io);
        }
        if (e instanceof UncheckedIOException u) {
            return new UncheckedIOException("cannot start the ACR emulator: " + u.getMessage(), u.getCause());
        }
        return (RuntimeException) e;
    }
}
