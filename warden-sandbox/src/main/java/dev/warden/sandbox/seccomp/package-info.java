/** Assembles classic-BPF seccomp programs in Java (no C, no libseccomp) and defines Warden's syscall filter. */
package dev.warden.sandbox.seccomp;
