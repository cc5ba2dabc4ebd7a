package io.acrlifecycle.emulator;

import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.AcrException;
import io.acrlifecycle.emulator.http.AcrV1Handler;
import io.acrlifecycle.emulator.http.ArmHandler;
import io.acrlifecycle.emulator.http.Call;
import io.acrlifecycle.emulator.http.DeletedHandler;
import io.acrlifecycle.emulator.http.JettyExchange;
import io.acrlifecycle.emulator.http.OAuthHandler;
import io.acrlifecycle.emulator.http.V2Handler;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every request: faults, the tier's quota, lazy housekeeping (auto-purge, retention), routing to the API group's
 * handler, ACR's error body for {@link AcrException}, request log, and persistence when state changed. The Jetty
 * handler is blocking (handlers wait on the store lock and on injected latency), so Jetty runs it on a pool thread.
 */
final class FrontHandler extends Handler.Abstract {
    private static final Logger LOG = Logger.getLogger(FrontHandler.class.getName());

    /** Thrown to close the connection without answering. */
    static final class DropConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Already in the request log (after-apply drops log before the connection closes, so a client sees it). */
        final boolean logged;

        DropConnection() {
            this(false);
        }

        DropConnection(boolean logged) {
            super("connection dropped by an injected fault", null, false, false);
            this.logged = logged;
        }
    }

    private final AcrEmulator emu;
    private final V2Handler v2;
    private final AcrV1Handler acr;
    private final DeletedHandler deleted;
    private final OAuthHandler oauth;
    private final ArmHandler arm;
    private final AdminHandler admin;

    FrontHandler(AcrEmulator emu, V2Handler v2, AcrV1Handler acr, DeletedHandler deleted, OAuthHandler oauth, ArmHandler arm,
            AdminHandler admin) {
        this.emu = emu;
        this.v2 = v2;
        this.acr = acr;
        this.deleted = deleted;
        this.oauth = oauth;
        this.arm = arm;
        this.admin = admin;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        JettyExchange ex = new JettyExchange(request, response, callback);
        try {
            serve(ex);
        } finally {
            if (!ex.completed()) {
                // a handler that neither answered nor threw: never leave the client waiting
                Call.reject(ex, AcrErrors.internal("emulator error: no answer for " + request.getMethod()));
            }
        }
        return true;
    }

    private void serve(JettyExchange ex) {
        Call c;
        try {
            c = new Call(ex);
        } catch (AcrException e) {
            Call.reject(ex, e);
            return;
        }
        int status = 0;
        boolean armChanged = false;
        c.beforeRespond(() -> {
            // saved before the answer goes out: what an answer acknowledges survives kill -9
            emu.persistIfDirty();
            emu.log(c, c.status());
        });
        try {
            if (!c.path().startsWith("/_emulator/")) {
                applyFaults(c);
                emu.quotas().check(c.method(), c.path()); // after faults: an injected fault costs no quota
            }
            emu.housekeeping();
            armChanged = route(c);
            status = c.status();
        } catch (DropConnection d) {
            if (!d.logged) {
                emu.log(c, 0);
            }
            c.drop();
        } catch (AcrException e) {
            if (!c.responded()) {
                c.error(e);
                status = e.status();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "emulator error on " + c.method() + " " + c.path(), e);
            if (!c.responded()) {
                c.error(AcrErrors.internal("emulator error: " + e));
                status = 500;
            }
        } finally {
            if (!c.responded() && status != 0) {
                emu.log(c, status);
            }
            if (armChanged) {
                emu.housekeeping();
                emu.markDirty();
            }
            emu.persistIfDirty();
        }
    }

    private void applyFaults(Call c) {
        List<FaultRule> fired = emu.faults().fire(c.method(), c.path());
        for (FaultRule f : fired) {
            switch (f.kind()) {
                case LATENCY -> sleep(f);
                case DROP -> throw new DropConnection();
                // the handler runs and changes the state; the status line is never sent
                // (this hook replaces the one serve() set, so it saves the change itself first)
                case DROP_AFTER_APPLY -> c.beforeRespond(() -> {
                    emu.persistIfDirty();
                    emu.log(c, 0);
                    throw new DropConnection(true);
                });
                case STATUS -> {
                    AcrException e = AcrErrors.injected(f.status(), f.errorCode());
                    if (f.retryAfterSeconds() != null) {
                        e.header("Retry-After", Integer.toString(f.retryAfterSeconds()));
                    }
                    throw e;
                }
                default -> throw new IllegalStateException(f.kind().toString());
            }
        }
    }

    private static void sleep(FaultRule f) {
        try {
            Thread.sleep(f.latency().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean route(Call c) {
        List<String> s = c.segments();
        String first = s.isEmpty() ? "" : s.get(0);
        switch (first) {
            case "v2" -> v2.handle(c);
            case "acr" -> {
                if (s.size() >= 3 && s.get(1).equals("v1") && s.get(2).equals("_deleted")) {
                    deleted.handle(c);
                } else if (s.size() >= 3 && s.get(1).equals("v1")) {
                    acr.handle(c);
                } else {
                    throw AcrErrors.methodUnknown(c.method(), c.path());
                }
            }
            case "oauth2" -> oauth.handle(c);
            case "subscriptions" -> {
                return arm.handle(c);
            }
            case "_emulator" -> admin.handle(c);
            default -> throw AcrErrors.methodUnknown(c.method(), c.path());
        }
        return false;
    }
}
