package io.yagura.device.http;

import io.yagura.emulator.https.EmulatedHttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.util.function.Function;

/** A real HTTPS server whose answers a test writes, for what no vendor emulator does (huge answers, echoes). */
final class ScriptedDevice extends EmulatedHttpsServer {

    private volatile Function<Call, Reply> script = call -> Reply.json(200, "{}");

    ScriptedDevice() throws IOException {
        super("scripted-device");
    }

    /** On another address than the ones its certificate names. */
    ScriptedDevice(InetAddress bind) throws IOException {
        super("scripted-device", bind);
    }

    ScriptedDevice answering(Function<Call, Reply> script) {
        this.script = script;
        return this;
    }

    @Override
    protected Reply handle(Call call) {
        return script.apply(call);
    }

    @Override
    protected Reply failure(Call call) {
        return Reply.json(500, "{\"error\":\"scripted failure\"}");
    }

    @Override
    protected boolean carriesCredentials(Call call) {
        return call.header("X-API-Key") != null;
    }
}
