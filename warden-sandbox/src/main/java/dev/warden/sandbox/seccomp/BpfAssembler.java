package dev.warden.sandbox.seccomp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small assembler for seccomp filters: loads from {@code struct seccomp_data}, conditional
 * jumps to named labels, returns. Classic BPF only jumps forward by at most 255 instructions;
 * {@link #assemble()} checks both, so a label placed before its use or too far away is an error
 * here, not a program the kernel rejects at launch.
 */
public final class BpfAssembler {
    // Opcodes from linux/bpf_common.h.
    static final int LD_W_ABS = 0x20;  // BPF_LD | BPF_W | BPF_ABS
    static final int JMP_JA = 0x05;    // BPF_JMP | BPF_JA
    static final int JMP_JEQ_K = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
    static final int JMP_JGE_K = 0x35; // BPF_JMP | BPF_JGE | BPF_K
    static final int JMP_JSET_K = 0x45; // BPF_JMP | BPF_JSET | BPF_K
    static final int RET_K = 0x06;     // BPF_RET | BPF_K

    // Offsets in struct seccomp_data { int nr; u32 arch; u64 instruction_pointer; u64 args[6]; }.
    static final int OFFSET_NR = 0;
    static final int OFFSET_ARCH = 4;
    static final int OFFSET_ARGS = 16;

    private sealed interface Item permits Op, Label {}

    private record Op(int code, int k, String jumpTrue, String jumpFalse) implements Item {}

    private record Label(String name) implements Item {}

    private final List<Item> items = new ArrayList<>();

    public BpfAssembler loadArch() {
        return load(OFFSET_ARCH);
    }

    public BpfAssembler loadSyscallNumber() {
        return load(OFFSET_NR);
    }

    /** Low 32 bits of argument {@code index} (little-endian: the first word of the u64). */
    public BpfAssembler loadArgLow(int index) {
        return load(argOffset(index));
    }

    /** High 32 bits of argument {@code index}. */
    public BpfAssembler loadArgHigh(int index) {
        return load(argOffset(index) + 4);
    }

    /** If the accumulator equals {@code k} go to {@code target}, else fall through. */
    public BpfAssembler jumpIfEqual(int k, String target) {
        return op(JMP_JEQ_K, k, target, null);
    }

    /** If the accumulator differs from {@code k} go to {@code target}, else fall through. */
    public BpfAssembler jumpIfNotEqual(int k, String target) {
        return op(JMP_JEQ_K, k, null, target);
    }

    /** Unsigned {@code accumulator >= k}. */
    public BpfAssembler jumpIfAtLeast(int k, String target) {
        return op(JMP_JGE_K, k, target, null);
    }

    /** If {@code accumulator & mask} is not zero. */
    public BpfAssembler jumpIfAnySet(int mask, String target) {
        return op(JMP_JSET_K, mask, target, null);
    }

    public BpfAssembler jump(String target) {
        return op(JMP_JA, 0, target, null);
    }

    /** Return {@code action}, one of {@link SeccompAction}'s values. */
    public BpfAssembler ret(int action) {
        return op(RET_K, action, null, null);
    }

    public BpfAssembler label(String name) {
        items.add(new Label(name));
        return this;
    }

    public BpfProgram assemble() {
        Map<String, Integer> labels = new HashMap<>();
        int index = 0;
        for (Item item : items) {
            switch (item) {
                case Label label -> {
                    if (labels.putIfAbsent(label.name(), index) != null) {
                        throw new IllegalStateException("label '" + label.name() + "' defined twice");
                    }
                }
                case Op op -> index++;
            }
        }
        List<BpfProgram.Instruction> out = new ArrayList<>(index);
        for (Item item : items) {
            if (item instanceof Op op) {
                int here = out.size();
                if (op.code() == JMP_JA) {
                    out.add(new BpfProgram.Instruction(op.code(), 0, 0, distance(labels, here, op.jumpTrue(), Integer.MAX_VALUE)));
                } else {
                    int jt = op.jumpTrue() == null ? 0 : distance(labels, here, op.jumpTrue(), 255);
                    int jf = op.jumpFalse() == null ? 0 : distance(labels, here, op.jumpFalse(), 255);
                    out.add(new BpfProgram.Instruction(op.code(), jt, jf, op.k()));
                }
            }
        }
        return new BpfProgram(out);
    }

    private static int distance(Map<String, Integer> labels, int here, String target, int max) {
        Integer at = labels.get(target);
        if (at == null) {
            throw new IllegalStateException("jump to undefined label '" + target + "'");
        }
        int distance = at - (here + 1);
        if (distance < 0 || distance > max) {
            throw new IllegalStateException("jump to '" + target + "' spans " + distance
                    + " instructions; classic BPF jumps forward by 0.." + max);
        }
        return distance;
    }

    private BpfAssembler load(int offset) {
        return op(LD_W_ABS, offset, null, null);
    }

    private BpfAssembler op(int code, int k, String jumpTrue, String jumpFalse) {
        items.add(new Op(code, k, jumpTrue, jumpFalse));
        return this;
    }

    private static int argOffset(int index) {
        if (index < 0 || index > 5) {
            throw new IllegalArgumentException("syscall argument index 0..5, not " + index);
        }
        return OFFSET_ARGS + 8 * index;
    }
}
