package dev.warden.approvals;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A human channel that answers from a script, as a person at another front door would: each step answers, is
 * unavailable, throws, stays silent, or waits first. It records every request it was asked.
 */
final class ScriptedChannel implements ApprovalChannel {
    interface Step {
        ApprovalAnswer answer(ApprovalRequest request, Duration timeout) throws ChannelUnavailable, InterruptedException;
    }

    private final String name;
    private final Deque<Step> steps = new ArrayDeque<>();
    final List<ApprovalRequest> asked = new CopyOnWriteArrayList<>();

    ScriptedChannel(String name, Step... steps) {
        this.name = name;
        this.steps.addAll(List.of(steps));
    }

    static Step answer(ApprovalAnswer answer) {
        return (request, timeout) -> answer;
    }

    static Step unavailable(String why) {
        return (request, timeout) -> {
            throw new ChannelUnavailable(why);
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ApprovalAnswer ask(ApprovalRequest request, Duration timeout) throws ChannelUnavailable, InterruptedException {
        asked.add(request);
        Step step;
        synchronized (steps) {
            step = steps.isEmpty() ? null : steps.removeFirst();
        }
        if (step == null) {
            throw new AssertionError("the channel was asked more often than the test expected: " + request.action());
        }
        return step.answer(request, timeout);
    }
}
