package dev.warden.approvals;

import java.nio.file.Path;
import java.util.List;

/** A second process writing "always" rules, for the test that two processes' writers exclude each other. */
public final class RulesWriterProcess {
    private RulesWriterProcess() {}

    public static void main(String[] args) throws Exception {
        DefaultRulesFile file = new DefaultRulesFile(Path.of(args[0]));
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            file.appendPrefixRule(List.of(args[1], "step" + i), "approved by " + args[1] + " on 2026-11-21");
        }
    }
}
