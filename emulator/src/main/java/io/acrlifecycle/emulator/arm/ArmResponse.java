package io.acrlifecycle.emulator.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An ARM answer: status and a JSON body (ARM's {@code {"error":{"code","message"}}} envelope on errors). */
public record ArmResponse(int status, String json) {

    /** An error in ARM's envelope (common-types {@code ErrorResponse}). */
    public static ArmResponse error(int status, String code, String message) {
        ObjectNode root = ArmJson.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return new ArmResponse(status, ArmJson.write(root));
    }

    static ArmResponse ok(ObjectNode body) {
        return new ArmResponse(200, ArmJson.write(body));
    }
}
