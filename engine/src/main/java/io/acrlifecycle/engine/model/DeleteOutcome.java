package io.acrlifecycle.engine.model;

/** How ACR answered a delete: 202 deleted, 404 already gone (counts as done), 405 locked (skipped). */
public enum DeleteOutcome {
    DELETED, NOT_FOUND, LOCKED
}
