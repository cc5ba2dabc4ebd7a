package io.acrlifecycle.engine.log;

/**
 * Where the engine writes what a person should read. The CLI prints it to stderr, the Jenkins plugin to the
 * build log. The engine never takes a framework logger or a PrintStream. Lines must never contain secrets.
 */
public interface EngineLog {

    void info(String line);

    void warn(String line);

    /** Discards everything: for callers that only want the returned result. */
    EngineLog SILENT = new EngineLog() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }
    };
}
