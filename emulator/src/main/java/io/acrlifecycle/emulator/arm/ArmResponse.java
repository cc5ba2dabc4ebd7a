package io.acrlifecycle.emulator.arm;

/** An ARM answer: status and a JSON body (ARM's {@code {"error":{"code","message"}}} envelope on errors). */
public record ArmResponse(int status, String json) {
}
