package io.acrlifecycle.cli;

import io.acrlifecycle.emulator.AcrEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The flags and environment a user gives to point the CLI at the emulator (as docs/getting-started.md shows). */
final class EmulatorArgs {
    /** A small registry: four builds of app, an untagged manifest, a tagged multi-arch index, a soft-deleted v0. */
    static final String SEED = """
            {"registry": {"softDelete": {"enabled": true, "retentionDays": 7}},
             "repositories": [
               {"name": "app", "manifests": [
                 {"id": "a1", "tags": ["v1"], "updated": "-40d", "size": 1000},
                 {"id": "a2", "tags": ["v2"], "updated": "-35d", "size": 2000},
                 {"id": "a3", "tags": ["v3"], "updated": "-31d", "size": 3000},
                 {"id": "a4", "tags": ["v4", "latest"], "updated": "-1d", "size": 4000},
                 {"id": "u1", "updated": "-50d", "size": 500},
                 {"id": "c1", "updated": "-60d", "os": "linux", "architecture": "amd64"},
                 {"id": "c2", "updated": "-60d", "os": "linux", "architecture": "arm64"},
                 {"id": "idx", "mediaType": "application/vnd.oci.image.index.v1+json", "children": ["c1", "c2"],
                  "tags": ["multi"], "updated": "-60d"},
                 {"id": "gone", "tags": ["v0"], "deleted": true, "deletedAt": "-2d", "updated": "-70d"}
               ]}
             ]}
            """;

    private EmulatorArgs() {
    }

    static Map<String, String> env(AcrEmulator emu) {
        return Map.of("AZURE_ACCESS_TOKEN", emu.aadToken());
    }

    /** {@code command... --endpoint URL --ca-file PEM --resource-id ID extra...}. */
    static String[] args(AcrEmulator emu, String... commandAndFlags) {
        List<String> args = new ArrayList<>(List.of(commandAndFlags));
        int at = args.size();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("-")) {
                at = i;
                break;
            }
        }
        args.addAll(at, List.of("--endpoint", emu.endpoint().toString(), "--ca-file",
                emu.caCertificatePem().toString(), "--resource-id", emu.resourceId()));
        return args.toArray(String[]::new);
    }

    static CliRun run(AcrEmulator emu, String... commandAndFlags) {
        return CliRun.run(env(emu), "", args(emu, commandAndFlags));
    }
}
