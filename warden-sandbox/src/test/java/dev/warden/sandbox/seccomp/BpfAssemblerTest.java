package dev.warden.sandbox.seccomp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BpfAssemblerTest {

    @Test
    void encodesSockFilterEntriesLittleEndian() {
        BpfProgram program = new BpfAssembler()
                .loadArch()                       // 20 00 00 00 04 00 00 00
                .jumpIfNotEqual(0xC000003E, "kill") // 15 00 00 01 3e 00 00 c0  (jt 0, jf 1)
                .ret(SeccompAction.ALLOW)         // 06 00 00 00 00 00 ff 7f
                .label("kill").ret(SeccompAction.KILL_PROCESS) // 06 00 00 00 00 00 00 80
                .assemble();

        assertThat(program.toBytes()).containsExactly(
                0x20, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00,
                0x15, 0x00, 0x00, 0x01, 0x3e, 0x00, 0x00, 0xc0,
                0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x7f,
                0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80);
    }

    @Test
    void argumentWordsAreAtSixteenPlusEightTimesIndexLowWordFirst() {
        BpfProgram program = new BpfAssembler()
                .loadSyscallNumber().loadArgLow(0).loadArgHigh(0).loadArgLow(1).loadArgHigh(5)
                .jumpIfAnySet(0x40000000, "x").jumpIfAtLeast(7, "x").jump("x")
                .label("x").ret(SeccompAction.errno(SeccompAction.EPERM))
                .assemble();

        assertThat(program.instructions()).containsExactly(
                new BpfProgram.Instruction(0x20, 0, 0, 0),
                new BpfProgram.Instruction(0x20, 0, 0, 16),
                new BpfProgram.Instruction(0x20, 0, 0, 20),
                new BpfProgram.Instruction(0x20, 0, 0, 24),
                new BpfProgram.Instruction(0x20, 0, 0, 60),
                new BpfProgram.Instruction(0x45, 2, 0, 0x40000000),
                new BpfProgram.Instruction(0x35, 1, 0, 7),
                new BpfProgram.Instruction(0x05, 0, 0, 0),
                new BpfProgram.Instruction(0x06, 0, 0, 0x00050001));
        // RET ERRNO(EPERM): 06 00 00 00 01 00 05 00
        byte[] bytes = program.toBytes();
        assertThat(java.util.Arrays.copyOfRange(bytes, 64, 72)).containsExactly(6, 0, 0, 0, 1, 0, 5, 0);
    }

    @Test
    void refusesBackwardFarAndUndefinedJumps() {
        assertThatThrownBy(() -> new BpfAssembler().label("a").loadArch().jumpIfEqual(1, "a").ret(0).assemble())
                .hasMessageContaining("jumps forward");
        assertThatThrownBy(() -> new BpfAssembler().jumpIfEqual(1, "nowhere").ret(0).assemble())
                .hasMessageContaining("undefined label 'nowhere'");
        BpfAssembler far = new BpfAssembler().jumpIfEqual(1, "end");
        for (int i = 0; i < 256; i++) {
            far.loadArch();
        }
        assertThatThrownBy(() -> far.label("end").ret(0).assemble()).hasMessageContaining("spans 256");
        assertThatThrownBy(() -> new BpfAssembler().label("a").label("a").ret(0).assemble())
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> new BpfAssembler().loadArgLow(6)).hasMessageContaining("0..5");
    }

    @Test
    void interpreterFollowsJumpsLikeTheKernel() {
        BpfProgram program = new BpfAssembler()
                .loadArgLow(2).jumpIfAtLeast(0x80000000, "big").ret(1)
                .label("big").ret(2)
                .assemble();
        assertThat(BpfInterpreter.run(program, 0, 0, 0, 0, 5)).isEqualTo(1);
        // JGE is unsigned: 0x80000000 is large, not negative.
        assertThat(BpfInterpreter.run(program, 0, 0, 0, 0, 0x80000000L)).isEqualTo(2);
        assertThat(BpfInterpreter.run(program, 0, 0, 0, 0, 0xFFFF_FFFF_0000_0001L)).isEqualTo(1);
    }
}
