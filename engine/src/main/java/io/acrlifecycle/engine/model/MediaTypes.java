package io.acrlifecycle.engine.model;

/** The manifest media types ACR serves. */
public final class MediaTypes {
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_ARTIFACT = "application/vnd.oci.artifact.manifest.v1+json";

    /** What we send as Accept when reading a manifest: every type above. */
    public static final String ACCEPT_ALL = String.join(", ", OCI_MANIFEST, DOCKER_MANIFEST, OCI_INDEX, DOCKER_LIST,
            OCI_ARTIFACT);

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
    }

    /** Types whose body may carry a {@code subject} (a referrer such as a signature or SBOM). */
    public static boolean maySubject(String mediaType) {
        return OCI_MANIFEST.equals(mediaType) || OCI_INDEX.equals(mediaType) || OCI_ARTIFACT.equals(mediaType);
    }
}
