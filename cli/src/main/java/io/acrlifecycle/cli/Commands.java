package io.acrlifecycle.cli;

import picocli.CommandLine;

/** The subcommands, in the order the help lists them. */
final class Commands {
    private Commands() {
    }

    static void register(CommandLine cli) {
    }
}
