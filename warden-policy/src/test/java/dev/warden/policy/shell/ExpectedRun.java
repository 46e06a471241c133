package dev.warden.policy.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@link BashOracle} should report for a parsed script: the pipelines that run, given that each command
 * exits with the parity of its word count, each pipeline as the multiset of its commands (they run
 * concurrently, so their records may arrive in any order).
 */
final class ExpectedRun {
    private ExpectedRun() {
    }

    static List<List<List<String>>> pipelinesRun(List<SimpleCommand> commands) {
        List<List<List<String>>> run = new ArrayList<>();
        int status = 0;
        String before = ";";
        int i = 0;
        while (i < commands.size()) {
            List<List<String>> pipeline = new ArrayList<>();
            while (true) {
                pipeline.add(commands.get(i).words());
                if (!commands.get(i).operatorAfter().equals("|")) {
                    break;
                }
                i++;
            }
            boolean runs = switch (before) {
                case "&&" -> status == 0;
                case "||" -> status != 0;
                default -> true;
            };
            if (runs) {
                run.add(pipeline);
                status = pipeline.getLast().size() % 2;
            }
            before = commands.get(i).operatorAfter();
            i++;
        }
        return run;
    }

    /** Null when bash's records match the expected pipelines, else a description of the first difference. */
    static String difference(List<List<List<String>>> expected, List<List<String>> actual) {
        int at = 0;
        for (List<List<String>> pipeline : expected) {
            if (at + pipeline.size() > actual.size()) {
                return "bash ran fewer commands; expected " + pipeline + " at " + at;
            }
            List<List<String>> got = new ArrayList<>(actual.subList(at, at + pipeline.size()));
            List<List<String>> want = new ArrayList<>(pipeline);
            Comparator<List<String>> order = Comparator.comparing(Object::toString);
            got.sort(order);
            want.sort(order);
            if (!got.equals(want)) {
                return "expected " + want + " but bash ran " + got;
            }
            at += pipeline.size();
        }
        return at == actual.size() ? null : "bash ran more commands: " + actual.subList(at, actual.size());
    }
}
