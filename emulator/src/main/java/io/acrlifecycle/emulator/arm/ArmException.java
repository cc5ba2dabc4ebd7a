package io.acrlifecycle.emulator.arm;

/**
 * A refused ARM request: becomes ARM's {@code {"error":{"code","message"}}} envelope with the given status.
 * Thrown inside the package only; {@link ArmApi#handle} turns it into an {@link ArmResponse}.
 */
final class ArmException extends RuntimeException {
    private final int status;
    private final String code;

    ArmException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ArmException badRequest(String code, String message) {
        return new ArmException(400, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ArmResponse toResponse() {
        return ArmResponse.error(status, code, getMessage());
    }
}
