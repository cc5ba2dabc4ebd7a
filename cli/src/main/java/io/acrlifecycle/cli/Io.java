package io.acrlifecycle.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command reads from and writes to outside its flags: stdout, stderr, stdin, the environment and whether a
 * person is watching a terminal. Tests pass their own; {@link Main#main} passes the process's.
 *
 * @param interactive true when stderr is a terminal (progress is redrawn on one line), false when piped
 */
public record Io(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, boolean interactive) {

    public Io {
        env = Map.copyOf(env);
    }

    public static Io system() {
        return new Io(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in, System.getenv(),
                System.console() != null);
    }
}
