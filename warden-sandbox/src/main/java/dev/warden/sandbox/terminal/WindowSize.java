package dev.warden.sandbox.terminal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A terminal's size ({@code struct winsize}: four unsigned shorts). */
public record WindowSize(int rows, int columns, int xPixels, int yPixels) {
    static final long BYTES = 8;

    public WindowSize {
        for (int value : new int[] {rows, columns, xPixels, yPixels}) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("window size out of range: " + value);
            }
        }
    }

    static WindowSize read(MemorySegment winsize) {
        return new WindowSize(unsigned(winsize, 0), unsigned(winsize, 2), unsigned(winsize, 4), unsigned(winsize, 6));
    }

    void write(MemorySegment winsize) {
        winsize.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) rows);
        winsize.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2, (short) columns);
        winsize.set(ValueLayout.JAVA_SHORT_UNALIGNED, 4, (short) xPixels);
        winsize.set(ValueLayout.JAVA_SHORT_UNALIGNED, 6, (short) yPixels);
    }

    private static int unsigned(MemorySegment segment, long offset) {
        return Short.toUnsignedInt(segment.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset));
    }
}
