package io.acrlifecycle.emulator.store;

/** A child of an index or manifest list, as {@code references} shows it. */
public record ChildRef(String digest, String mediaType, long size, String architecture, String os) {
}
