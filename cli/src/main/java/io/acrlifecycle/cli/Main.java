package io.acrlifecycle.cli;

import io.acrlifecycle.engine.json.Json;
import io.acrlifecycle.engine.registry.RegistryException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code acr-lifecycle}: the engine on the command line. Every subcommand only turns flags into an engine request
 * and renders the engine's report; the decisions live in the engine.
 */
@Command(name = "acr-lifecycle", mixinStandardHelpOptions = true, version = "acr-lifecycle 0.1.0",
        description = "Keeps Azure Container Registry images from being lost by accident: soft delete, purge with "
                + "a journal and undo, restore, deploy guard.",
        subcommands = {CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done (including dry runs and guard warnings)", "  1  failed", "  2  usage: bad flag or input",
                "  3  guard blocked the deploy",
                "  4  refused before any change: --max-deletes exceeded, soft delete off,",
                "     or an ACR rule (soft delete with untagged retention, geo-replication)"})
public class Main implements Runnable {

    private final Io io;

    public Main() {
        this(Io.system());
    }

    public Main(Io io) {
        this.io = io;
    }

    public Io io() {
        return io;
    }

    @Override
    public void run() {
        // no subcommand: show what there is
        new CommandLine(this).usage(io.err());
    }

    public static void main(String[] args) {
        System.exit(run(Io.system(), args));
    }

    /** The testable entry point: runs one command line and returns its exit code. */
    public static int run(Io io, String... args) {
        return commandLine(io).execute(args);
    }

    /** The configured picocli command line; tests may call {@code execute} on it directly. */
    public static CommandLine commandLine(Io io) {
        CommandLine cli = new CommandLine(new Main(io));
        Commands.register(cli);
        cli.setOut(io.out());
        cli.setErr(io.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, line, parseResult) -> failure(io, e, line));
        return cli;
    }

    /** A bad flag: say which and what is accepted, point at the help, exit 2. Nothing ran. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("error: " + e.getMessage());
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("did you mean: " + String.join(", ", suggestions) + "?");
            }
        }
        err.println("usage: " + synopsis(line) + "\nsee '" + line.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String synopsis(CommandLine line) {
        // picocli's synopsis starts with "Usage: " and wraps; one line is easier to read in an error
        return line.getHelp().synopsis(0).trim().replaceFirst("^Usage:\\s*", "").replaceAll("\\s+", " ");
    }

    /**
     * An exception out of a command: bad input the engine refused (exit 2), a registry or I/O failure (exit 1).
     * The message is the engine's, which names the field and the accepted form and never carries a secret.
     */
    private static int failure(Io io, Exception e, CommandLine line) {
        int code = e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILED;
        String message = e instanceof RegistryException || e instanceof IllegalArgumentException
                || e instanceof CliException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof CliException cli) {
            code = cli.exitCode();
        }
        if (e instanceof RegistryException) {
            message = cliWords(message);
        }
        Object command = line.getCommand();
        if (command instanceof BaseCommand base && base.jsonOutput()) {
            io.out().println(Json.writePretty(CommandResult.error(base.commandName(), code, message)));
            io.out().flush();
        }
        io.err().println("error: " + message);
        if (Boolean.parseBoolean(io.env().getOrDefault("ACRLC_DEBUG", "false"))) {
            e.printStackTrace(io.err());
        }
        io.err().flush();
        return code;
    }

    /** The engine speaks of its configuration (resourceId, sslContext); here it comes from flags. */
    static String cliWords(String message) {
        if (message == null) {
            return null;
        }
        String out = message.replace("give it with sslContext(...) or trustStore(file, password)",
                "give its CA certificates with --ca-file PEM");
        if (out.contains("no ARM resource id was given")) {
            out += "; on the command line: --resource-id ID or $ACR_RESOURCE_ID";
        }
        return out;
    }

    /** Keeps the parse result reachable for tests that inspect it. */
    static ParseResult parse(Io io, String... args) {
        return commandLine(io).parseArgs(args);
    }
}
