package io.acrlifecycle.cli;

import io.acrlifecycle.cli.demo.DemoCommand;
import picocli.CommandLine;

/** The subcommands, in the order the help lists them. */
final class Commands {
    private Commands() {
    }

    static void register(CommandLine cli) {
        cli.addSubcommand(new SoftDeleteCommand());
        cli.addSubcommand(new PurgeCommand());
        cli.addSubcommand(new RestoreCommand());
        cli.addSubcommand(new ListDeletedCommand());
        cli.addSubcommand(new UndoCommand());
        cli.addSubcommand(new GuardCommand());
        cli.addSubcommand(new ForecastCommand());
        cli.addSubcommand(new LockCommand.Lock());
        cli.addSubcommand(new LockCommand.Unlock());
        cli.addSubcommand(new UsageCommand());
        cli.addSubcommand(new EmulatorCommand());
        cli.addSubcommand(new DemoCommand());
        cli.addSubcommand(new BenchCommand());
    }
}
