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

    /** A store that cannot be opened (here: its directory is a regular file) fails closed by default. */
    @Test
    void anUnwritableStoreStopsTheCommandWithOneLine() throws Exception {
        WardenProcess warden = new WardenProcess(tmp);
        Path notADirectory = java.nio.file.Files.writeString(tmp.resolve("plain-file"), "x");
        Path marker = tmp.resolve("ran");
        var stopped = warden.run("-c", "sandbox_mode=danger-full-access", "-c",
                "audit.path=\"" + notADirectory.resolve("audit.db") + "\"", "exec", "--", "touch", marker.toString());
        assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(3);
        assertThat(stopped.err()).contains("warden: audit:", "on_failure = \"stop\"").doesNotContain("Exception", "\tat ");
        assertThat(marker).doesNotExist();

        var warned = warden.run("-c", "sandbox_mode=danger-full-access", "-c",
                "audit.path=\"" + notADirectory.resolve("audit.db") + "\"", "-c", "audit.on_failure=warn",
                "exec", "--", "touch", marker.toString());
        assertThat(warned.exit()).as(warned.toString()).isZero();
        assertThat(warned.err()).contains("WITHOUT an audit trail");
        assertThat(marker).exists();
    }
}
