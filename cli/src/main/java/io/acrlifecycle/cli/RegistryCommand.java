package io.acrlifecycle.cli;

import io.acrlifecycle.engine.registry.AcrRegistry;
import io.acrlifecycle.engine.registry.Registries;
import picocli.CommandLine.Mixin;

/** A command that talks to one registry: the registry/auth flags and opening the engine's registry. */
public abstract class RegistryCommand extends BaseCommand {

    @Mixin
    protected RegistryOptions registryOptions;

    /** Opens the registry; the caller closes it. Bad registry or auth flags end here with exit 2. */
    protected AcrRegistry openRegistry() {
        return Registries.open(registryOptions.toConfig(io(), log()));
    }
}
