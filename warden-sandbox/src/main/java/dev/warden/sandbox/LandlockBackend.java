package dev.warden.sandbox;

/** Placeholder until the Landlock backend lands (step 4). */
public final class LandlockBackend implements SandboxBackend {
    @Override
    public String name() {
        return "landlock";
    }

    @Override
    public SandboxedProcess launch(SandboxPolicy policy, SandboxCommand command, Stdio stdio) throws SandboxException {
        throw new SandboxException("the Landlock backend is not built yet");
    }
}
