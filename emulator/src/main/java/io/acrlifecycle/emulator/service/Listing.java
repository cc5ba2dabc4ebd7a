package io.acrlifecycle.emulator.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A page as JSON plus the cursor for the next page ({@code null} on the last page). */
public record Listing(ObjectNode body, String nextLast) {
}
