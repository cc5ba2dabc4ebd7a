package io.acrlifecycle.emulator.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** The one factory of data-plane errors, with ACR's codes, statuses and (where known) messages. */
public final class AcrErrors {
    public static final String LOCKED_MESSAGE = "The operation is disallowed on this registry, repository or image. "
            + "View troubleshooting steps at https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation";

    private AcrErrors() {
    }

    public static AcrException unauthorized(String message, ArrayNode detail) {
        return new AcrException(401, "UNAUTHORIZED", message, detail);
    }

    public static AcrException denied(String message) {
        return new AcrException(403, "DENIED", message, null);
    }

    public static AcrException nameUnknown(String name) {
        return new AcrException(404, "NAME_UNKNOWN", "repository name not known to registry", Json.object().put("name", name));
    }

    public static AcrException manifestUnknown(String reference) {
        String message = reference.startsWith("sha256:") ? "manifest " + reference + " is not found"
                : "manifest tagged by \"" + reference + "\" is not found";
        return new AcrException(404, "MANIFEST_UNKNOWN", message, Json.object().put("reference", reference));
    }

    public static AcrException tagUnknown(String tag) {
        // ACR answers an unknown tag on /acr/v1 with 404 TAG_UNKNOWN... unverified; MANIFEST_UNKNOWN is what
        // the tag-not-found support article shows, so the emulator uses it for both APIs.
        return new AcrException(404, "MANIFEST_UNKNOWN", "manifest tagged by \"" + tag + "\" is not found",
                Json.object().put("tag", tag));
    }

    public static AcrException blobUnknown(String digest) {
        return new AcrException(404, "BLOB_UNKNOWN", "blob unknown to registry", Json.object().put("digest", digest));
    }

    public static AcrException blobUploadUnknown(String id) {
        return new AcrException(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", Json.object().put("uuid", id));
    }

    public static AcrException manifestBlobUnknown(String digest) {
        return new AcrException(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", Json.object().put("digest", digest));
    }

    public static AcrException digestInvalid(String message) {
        return new AcrException(400, "DIGEST_INVALID", message, null);
    }

    public static AcrException manifestInvalid(String message) {
        return new AcrException(400, "MANIFEST_INVALID", "manifest invalid: " + message, null);
    }

    public static AcrException tagInvalid(String tag) {
        return new AcrException(400, "TAG_INVALID", "tag '" + tag + "' is invalid; accepted: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}",
                Json.object().put("tag", tag));
    }

    public static AcrException nameInvalid(String name) {
        return new AcrException(400, "NAME_INVALID", "invalid repository name '" + name
                + "'; accepted: lowercase path components [a-z0-9]+([._-][a-z0-9]+)* separated by '/'", Json.object().put("name", name));
    }

    public static AcrException unsupported(String operation) {
        return new AcrException(501, "UNSUPPORTED", "The operation is not emulated by the ACR emulator: " + operation, null);
    }

    /** A well-formed request ACR refuses (not an emulator gap): 400 UNSUPPORTED. */
    public static AcrException unsupportedRequest(String message) {
        return new AcrException(400, "UNSUPPORTED", message, null);
    }

    public static AcrException disallowed(String what) {
        return new AcrException(405, "REGISTRY_DISALLOWED_OPERATION", LOCKED_MESSAGE, Json.object().put("target", what));
    }

    public static AcrException tooManyRequests() {
        return new AcrException(429, "TOOMANYREQUESTS",
                "Too many requests. Please visit https://aka.ms/acr/skus#sku-feature-matrix to view limits of all service tiers.", null);
    }

    public static AcrException paginationNumberInvalid(String value) {
        return new AcrException(400, "PAGINATION_NUMBER_INVALID",
                "invalid number of results requested: n='" + value + "'; accepted: an integer from 1", Json.object().put("n", value));
    }

    public static AcrException badRequest(String code, String message) {
        return new AcrException(400, code, message, null);
    }

    /** PATCH body that is not a JSON object of booleans. */
    public static AcrException attributesInvalid(String message) {
        return new AcrException(400, "INVALID_REQUEST", "invalid changeableAttributes: " + message
                + "; accepted: {\"deleteEnabled\":bool,\"writeEnabled\":bool,\"readEnabled\":bool,\"listEnabled\":bool}", null);
    }

    public static AcrException tagConflict(String tag, String liveDigest) {
        return new AcrException(409, "TAG_CONFLICT", "tag '" + tag + "' already exists on " + liveDigest
                + "; restore with force=true to overwrite it", Json.object().put("tag", tag).put("digest", liveDigest));
    }

    public static AcrException subjectNotLive(String subject) {
        return new AcrException(409, "SUBJECT_NOT_FOUND", "the referrer's subject " + subject
                + " is not a live manifest; restore the subject first", Json.object().put("subject", subject));
    }

    public static AcrException softDeleted(String digest) {
        return new AcrException(403, "DENIED", "manifest " + digest
                + " is soft-deleted; restore it instead of pushing it again", Json.object().put("digest", digest));
    }

    public static AcrException methodUnknown(String method, String path) {
        return unsupported(method + " " + path);
    }

    /** A fault injected by a test: 429 gets TOOMANYREQUESTS, other statuses a generic code. */
    public static AcrException injected(int status, String code) {
        if (code == null && status == 429) {
            return tooManyRequests();
        }
        String c = code != null ? code : status >= 500 ? "INTERNAL_SERVER_ERROR" : "INJECTED_FAULT";
        return new AcrException(status, c, "injected fault (HTTP " + status + ")", null);
    }

    public static AcrException rangeInvalid(String range, long length) {
        return new AcrException(416, "BLOB_UNKNOWN", "range " + range + " is outside the blob (0-" + (length - 1) + ")", null);
    }

    public static AcrException internal(String message) {
        return new AcrException(500, "INTERNAL_SERVER_ERROR", message, null);
    }
}
