package dev.warden.policy.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@link BashOracle} should report for a parsed script: the pipelines that run, given that each command
 * exits with the parity of its word count, each pipeline as the multiset of its records (its commands run
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
                boolean stdinPipe = !pipeline.isEmpty();
                boolean stdoutPipe = commands.get(i).operatorAfter().equals("|");
                List<String> record = new ArrayList<>();
                record.add((stdinPipe ? "1" : "0") + (stdoutPipe ? "1" : "0"));
                record.addAll(commands.get(i).words());
                pipeline.add(record);
                if (!stdoutPipe) {
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
                status = (pipeline.getLast().size() - 1) % 2;
            }
            before = commands.get(i).operatorAfter();
            i++;
        }
        return run;
    }

    /**
     * Null when bash's records match the expected pipelines, else a description of the first difference. A
     * redirection of stdin or stdout changes what a command sees as pipes, so pipes are compared only when the
     * script has none.
     */
    static String difference(List<List<List<String>>> expected, List<List<String>> actual, boolean comparePipes) {
        if (!comparePipes) {
            expected = expected.stream().map(p -> p.stream().map(ExpectedRun::withoutPipes).toList()).toList();
            actual = actual.stream().map(ExpectedRun::withoutPipes).toList();
        }
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

    private static List<String> withoutPipes(List<String> record) {
        List<String> copy = new ArrayList<>(record);
        copy.set(0, "");
        return copy;
    }
}
