# Raw-syscall probes for the escape suite. Each prints "<name> OK" when the call succeeded (an
# escape) or "<name> <ERRNO>" when it failed; a process killed by seccomp prints nothing.
import ctypes, errno, mmap, os, socket, sys

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
libc.ioctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p]
libc.ptrace.restype = ctypes.c_long
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]


def report(name, rc):
    if rc == -1:
        print(name, errno.errorcode.get(ctypes.get_errno(), ctypes.get_errno()), flush=True)
    else:
        print(name, "OK", flush=True)


def call(name, fn):
    try:
        fn()
        print(name, "OK", flush=True)
    except OSError as e:
        print(name, errno.errorcode.get(e.errno, e.errno), flush=True)


def x86(nr):
    # (x86_64 number, aarch64 number)
    return nr[0] if os.uname().machine == "x86_64" else nr[1]


def main(what, args):
    if what == "ptrace-traceme":
        report(what, libc.ptrace(0, 0, None, None))
    elif what == "ptrace-attach":
        report(what, libc.ptrace(16, int(args[0]), None, None))
    elif what == "process-vm-readv":
        buf = ctypes.create_string_buffer(8)
        iov = (ctypes.c_void_p * 2)(ctypes.cast(buf, ctypes.c_void_p), 8)
        report(what, libc.syscall(x86((310, 270)), os.getpid(), iov, 1, iov, 1, 0))
    elif what == "io-uring-setup":
        params = ctypes.create_string_buffer(120)
        rc = libc.syscall(425, 8, params)
        report(what, -1 if rc < 0 else rc)
    elif what == "tiocsti":
        r, w = os.pipe()
        for label, req in (("tiocsti", 0x5412), ("tiocsti-high", 0x5412 | (1 << 32)),
                           ("tioclinux", 0x541C), ("tiocgwinsz-high", 0x5413 | (1 << 32))):
            report(label, libc.ioctl(r, req, ctypes.c_char_p(b"x")))
        call("open-dev-tty", lambda: os.open("/dev/tty", os.O_RDWR))
    elif what == "int80":
        # mov eax, 20 (i386 getpid); int 0x80; ret
        code = b"\xb8\x14\x00\x00\x00\xcd\x80\xc3"
        m = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        m.write(code)
        fn = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(m)))
        print("int80 returned", fn(), flush=True)
    elif what == "x32":
        print("x32 returned", libc.syscall(0x40000000 | 39), flush=True)
    elif what == "mount":
        report("mount", libc.mount(b"none", b"/mnt", b"tmpfs", 0, None))
        report("umount2", libc.umount2(b"/proc", 2))
        report("chroot", libc.chroot(b"/"))
        report("pivot-root", libc.syscall(x86((155, 41)), b"/", b"/"))
        report("unshare-user", libc.unshare(0x10000000))
        report("unshare-mount", libc.unshare(0x00020000))
        report("setns", libc.setns(0, 0))
    elif what == "tcp":
        call("tcp", lambda: socket.create_connection(("127.0.0.1", int(args[0])), timeout=2).sendall(b"escaped"))
    elif what == "tcp-to":
        call("tcp-to " + args[0], lambda: socket.create_connection((args[0], int(args[1])), timeout=2).sendall(b"escaped"))
    elif what == "udp":
        def udp():
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.sendto(b"escaped", (args[0], int(args[1])))
        call("udp", udp)
    elif what == "abstract":
        def abstract():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect("\0" + args[0])
            s.sendall(b"escaped")
        call("abstract", abstract)
    elif what == "unix":
        def unix():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(2)
            s.connect(args[0])
            s.sendall(b"escaped")
            s.close()
        call("unix " + args[0], unix)
    elif what == "socketpair":
        call("socketpair", lambda: socket.socketpair())
    elif what == "setxattr":
        call("setxattr", lambda: os.setxattr(args[0], "user.warden", b"1"))
    else:
        sys.exit("unknown probe " + what)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
