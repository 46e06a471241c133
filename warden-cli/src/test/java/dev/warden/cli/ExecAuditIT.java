package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every exec is a session in the tamper-evident store: its decision, its result, its end. */
class ExecAuditIT {
    @TempDir
    Path tmp;

    @Test
    void allowedAndDeniedCommandsAreRecordedAndTheChainVerifies() {
        WardenProcess warden = new WardenProcess(tmp);
        var ran = warden.run("-c", "sandbox_mode=workspace-write", "exec", "--", "echo", "audited");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        var denied = warden.run("-c", "approval_policy=never", "exec", "--", "rm", "-rf", "/");
        assertThat(denied.exit()).isEqualTo(1);

        var decisions = warden.run("audit", "query", "--type", "warden.tool_decision", "--jsonl");
        assertThat(decisions.exit()).as(decisions.toString()).isZero();
        assertThat(decisions.out().lines()).hasSize(2);
        assertThat(decisions.out()).contains("\"allow\"", "\"deny\"", "recursive delete of the root directory");

        var results = warden.run("audit", "query", "--type", "warden.tool_result", "--jsonl");
        assertThat(results.out().lines()).hasSize(1);
        assertThat(warden.run("audit", "sessions").out()).contains("exec", "echo", "rm");

        var verify = warden.run("audit", "verify");
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("intact");
    }
}
