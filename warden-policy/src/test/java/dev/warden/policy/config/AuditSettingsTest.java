package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSettingsTest {
    @TempDir
    Path temp;

    @Test
    void defaultsKeepThirtyDaysInWardenHomeAndStopOnFailure() throws Exception {
        LoadedConfig c = new Workspace(temp).load();
        assertThat(c.effective().audit()).isEqualTo(new AuditSettings(Optional.empty(), 30, AuditSettings.OnFailure.STOP));
        assertThat(ConfigExplainer.text(c)).containsPattern("(?m)^  audit.path +\\$WARDEN_HOME/audit.db +default$")
                .containsPattern("(?m)^  audit.retention_days +30 +default$")
                .containsPattern("(?m)^  audit.on_failure +stop +default$");
    }

    @Test
    void userLayerAndCommandLineSetEveryKeyAndExplainSaysWhere() throws Exception {
        Workspace w = new Workspace(temp);
        Path user = w.user("[audit]\npath = \"~/audit/warden.db\"\nretention_days = 90\n");
        LoadedConfig c = w.load("audit.on_failure=\"warn\"");
        assertThat(c.effective().audit()).isEqualTo(new AuditSettings(Optional.of(w.home.resolve("audit/warden.db")), 90,
                AuditSettings.OnFailure.WARN));
        assertThat(ConfigExplainer.text(c)).containsPattern("(?m)^  audit.retention_days +90 +user " + user + ":3$")
                .containsPattern("(?m)^  audit.on_failure +warn +cli -c #1$");
        assertThat(c.digest()).isNotEqualTo(w.load().digest());
    }

    @Test
    void badValuesAreErrorsThatNameTheKeyAndTheFile() {
        Workspace w = new Workspace(temp);
        Path user = w.user("[audit]\nretention_days = 0\n");
        assertThatThrownBy(w::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("audit.retention_days").hasMessageContaining(user.toString())
                .hasMessageContaining("must be at least 1");
        w.user("[audit]\non_failure = \"ignore\"\n");
        assertThatThrownBy(w::load).hasMessageContaining("audit.on_failure").hasMessageContaining("allowed: stop, warn");
        w.user("[audit]\npath = \"audit.db\"\n");
        assertThatThrownBy(w::load).hasMessageContaining("audit.path").hasMessageContaining("absolute path");
    }

    @Test
    void unknownAuditKeysAreReportedAsNotEnforced() throws Exception {
        Workspace w = new Workspace(temp);
        w.user("[audit]\nretention = 3\n");
        assertThat(w.load().notEnforced()).containsKey("audit.retention");
    }
}
