package io.jenkins.plugins.acrlifecycle;

import hudson.model.TaskListener;
import io.acrlifecycle.engine.log.EngineLog;
import java.io.PrintStream;

/** Engine output into the build log. The engine guarantees its lines carry no secrets. */
public final class ListenerLog implements EngineLog {
    private final PrintStream out;

    public ListenerLog(TaskListener listener) {
        this.out = listener.getLogger();
    }

    @Override
    public void info(String line) {
        out.println("[ACR] " + line);
    }

    @Override
    public void warn(String line) {
        out.println("[ACR] WARNING: " + line);
    }
}
