package io.acrlifecycle.emulator.store;

import java.util.List;

/** One page of a listing and whether more items follow. */
public record Page<T>(List<T> items, boolean more) {
}
