package dev.warden.sandbox.seccomp;

/**
 * Runs a {@link BpfProgram} the way the kernel does, over a synthetic {@code seccomp_data}, for the
 * opcodes {@link BpfAssembler} emits. It lets tests ask "what does the filter answer for this call"
 * for thousands of cases without spawning a process; the escape tests then check the real kernel.
 */
public final class BpfInterpreter {
    private BpfInterpreter() {}

    /** The action the program returns for syscall {@code nr} with {@code args} (up to 6) on {@code auditArch}. */
    public static int run(BpfProgram program, int auditArch, int nr, long... args) {
        long[] full = new long[6];
        System.arraycopy(args, 0, full, 0, Math.min(args.length, 6));
        int accumulator = 0;
        int pc = 0;
        var insns = program.instructions();
        while (pc < insns.size()) {
            BpfProgram.Instruction insn = insns.get(pc);
            switch (insn.code()) {
                case BpfAssembler.LD_W_ABS -> accumulator = word(insn.k(), nr, auditArch, full);
                case BpfAssembler.JMP_JA -> pc += insn.k();
                case BpfAssembler.JMP_JEQ_K -> pc += accumulator == insn.k() ? insn.jt() : insn.jf();
                case BpfAssembler.JMP_JGE_K ->
                        pc += Integer.compareUnsigned(accumulator, insn.k()) >= 0 ? insn.jt() : insn.jf();
                case BpfAssembler.JMP_JSET_K -> pc += (accumulator & insn.k()) != 0 ? insn.jt() : insn.jf();
                case BpfAssembler.RET_K -> {
                    return insn.k();
                }
                default -> throw new IllegalStateException("opcode 0x" + Integer.toHexString(insn.code()) + " at " + pc);
            }
            pc++;
        }
        throw new IllegalStateException("program fell off its end");
    }

    private static int word(int offset, int nr, int arch, long[] args) {
        if (offset == BpfAssembler.OFFSET_NR) {
            return nr;
        }
        if (offset == BpfAssembler.OFFSET_ARCH) {
            return arch;
        }
        int index = (offset - BpfAssembler.OFFSET_ARGS) / 8;
        if (offset < BpfAssembler.OFFSET_ARGS || index > 5 || offset % 4 != 0) {
            throw new IllegalStateException("load from seccomp_data offset " + offset);
        }
        boolean high = (offset - BpfAssembler.OFFSET_ARGS) % 8 == 4;
        return (int) (high ? args[index] >>> 32 : args[index]);
    }
}
