package dev.warden.sandbox.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * An assembled classic-BPF program: {@code struct sock_filter} entries of 8 bytes each
 * ({@code u16 code, u8 jt, u8 jf, u32 k}) in the machine's byte order, which is little-endian on
 * both architectures Warden supports.
 */
public record BpfProgram(List<Instruction> instructions) {

    /** The kernel refuses longer programs ({@code BPF_MAXINSNS}). */
    public static final int MAX_INSTRUCTIONS = 4096;

    /** One {@code struct sock_filter}. */
    public record Instruction(int code, int jt, int jf, int k) {
        public Instruction {
            if (code < 0 || code > 0xFFFF || jt < 0 || jt > 0xFF || jf < 0 || jf > 0xFF) {
                throw new IllegalArgumentException("instruction field out of range: " + this);
            }
        }
    }

    public BpfProgram {
        instructions = List.copyOf(instructions);
        if (instructions.isEmpty() || instructions.size() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("a seccomp program has 1.." + MAX_INSTRUCTIONS
                    + " instructions, this one has " + instructions.size());
        }
    }

    public int size() {
        return instructions.size();
    }

    /** The bytes bubblewrap reads from {@code --seccomp FD} and {@code struct sock_fprog} points at. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(instructions.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (Instruction insn : instructions) {
            out.putShort((short) insn.code()).put((byte) insn.jt()).put((byte) insn.jf()).putInt(insn.k());
        }
        return out.array();
    }
}
