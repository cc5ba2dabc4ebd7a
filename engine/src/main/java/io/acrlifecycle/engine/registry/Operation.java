package io.acrlifecycle.engine.registry;

/**
 * What a call was doing, for error messages: the words a person reads, the repository (may be null) and the kind,
 * which decides the role a 403 names.
 */
record Operation(String name, String repository, Kind kind) {

    enum Kind {
        READ("AcrPull (or 'Container Registry Data Importer and Data Reader'; on ABAC registries "
                + "'Container Registry Repository Reader')"),
        WRITE_METADATA("AcrPush (metadata write; on ABAC registries 'Container Registry Repository Writer')"),
        DELETE("AcrDelete (on ABAC registries 'Container Registry Repository Contributor')"),
        DELETED_READ("a role with Microsoft.ContainerRegistry/registries/deleted/read "
                + "(Owner, Contributor or a custom role)"),
        RESTORE("a role with Microsoft.ContainerRegistry/registries/deleted/restore/action "
                + "(Owner, Contributor or a custom role)"),
        ARM_READ("Reader on the registry resource"),
        ARM_WRITE("Contributor on the registry resource");

        final String role;

        Kind(String role) {
            this.role = role;
        }
    }

    static Operation read(String name, String repository) {
        return new Operation(name, repository, Kind.READ);
    }
}
