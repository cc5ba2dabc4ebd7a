package io.acrlifecycle.emulator.service;

import java.util.Set;

/** Manifest media types the emulator stores. */
public final class MediaTypes {
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** OCI 1.1 rc's artifact manifest: ACR accepts it, acr purge treats it as a referrer when it has a subject. */
    public static final String OCI_ARTIFACT = "application/vnd.oci.artifact.manifest.v1+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final Set<String> MANIFESTS = Set.of(DOCKER_MANIFEST, DOCKER_LIST, OCI_MANIFEST, OCI_INDEX, OCI_ARTIFACT);

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return DOCKER_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType);
    }
}
