package io.acrlifecycle.emulator.http;

import io.acrlifecycle.emulator.arm.ArmApi;
import io.acrlifecycle.emulator.arm.ArmResponse;
import io.acrlifecycle.emulator.auth.AuthService;

/** Routes {@code /subscriptions/...} to {@link ArmApi} behind an AAD {@code Bearer} check. */
public final class ArmHandler {
    private final AuthService auth;
    private final ArmApi arm;

    public ArmHandler(AuthService auth, ArmApi arm) {
        this.auth = auth;
        this.arm = arm;
    }

    /** Returns true when the call may have changed state. */
    public boolean handle(Call c) {
        String a = c.authorization();
        if (a == null || !a.regionMatches(true, 0, "Bearer ", 0, 7) || !auth.acceptsAad(a.substring(7).trim())) {
            c.header("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", "
                    + "error=\"invalid_token\", error_description=\"The access token is missing, invalid or expired.\"");
            c.json(401, "{\"error\":{\"code\":\"AuthenticationFailed\",\"message\":"
                    + "\"Authentication failed. The 'Authorization' header is missing, invalid or the token has expired.\"}}");
            return false;
        }
        ArmResponse r = arm.handle(c.method(), c.path(), c.querySingle(), c.body());
        c.json(r.status(), r.json());
        return !c.method().equals("GET");
    }
}
