# Sandbox-side probes for bench/escapes-compare.sh that the escape suite's probe.py
# (warden-sandbox/src/test/resources/escape/probe.py, used here too) does not have. Each prints
# "<name> OK" or "<name> <ERRNO>"; a process killed by seccomp prints nothing.
#   tiocsti-tty WORD         push WORD + newline into the controlling terminal's input (TIOCSTI), trying
#                            /dev/tty, then stdin/stdout/stderr if they are terminals
#   vm-readv PID             process_vm_readv from another process (a mapped address from its maps if
#                            readable): EFAULT also means the kernel granted access
#   int80-socket             socket(AF_INET, SOCK_STREAM) through the i386 table (int 0x80, nr 359)
import ctypes, errno, mmap, os, sys

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
libc.ioctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p]


def name_of(err):
    return errno.errorcode.get(err, str(err))


def tiocsti_tty(word):
    fds = []
    try:
        fds.append(("/dev/tty", os.open("/dev/tty", os.O_RDWR)))
    except OSError as e:
        print("open-dev-tty", name_of(e.errno), flush=True)
    fds += [("fd%d" % fd, fd) for fd in (0, 1, 2) if os.isatty(fd)]
    if not fds:
        print("tiocsti-tty no terminal", flush=True)
    for label, fd in fds:
        failed = None
        for ch in (word + "\n").encode():
            if libc.ioctl(fd, 0x5412, ctypes.byref(ctypes.c_char(ch))) == -1:
                failed = name_of(ctypes.get_errno())
                break
        print("tiocsti-tty", failed or "OK", "via", label, flush=True)
        if not failed:
            return


def vm_readv(pid):
    address = 0x400000
    try:
        with open("/proc/%d/maps" % pid) as maps:
            address = int(maps.readline().split("-")[0], 16)
    except OSError:
        pass
    buf = ctypes.create_string_buffer(8)
    local = (ctypes.c_void_p * 2)(ctypes.cast(buf, ctypes.c_void_p), 8)
    remote = (ctypes.c_void_p * 2)(address, 8)
    rc = libc.syscall(310 if os.uname().machine == "x86_64" else 270, pid, local, 1, remote, 1, 0)
    print("vm-readv", "OK" if rc >= 0 else name_of(ctypes.get_errno()), flush=True)


def int80_socket():
    if os.uname().machine != "x86_64":
        print("int80-socket not x86_64", flush=True)
        return
    # push rbx; mov eax,359 (i386 socket); mov ebx,2 (AF_INET); mov ecx,1 (SOCK_STREAM); xor edx,edx;
    # int 0x80; pop rbx; ret  (rbx is callee-saved, so it is restored for ctypes)
    code = b"\x53\xb8\x67\x01\x00\x00\xbb\x02\x00\x00\x00\xb9\x01\x00\x00\x00\x31\xd2\xcd\x80\x5b\xc3"
    m = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    m.write(code)
    fn = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(m)))
    rc = fn()
    print("int80-socket", "OK" if rc >= 0 else name_of(-rc), flush=True)


if __name__ == "__main__":
    what, args = sys.argv[1], sys.argv[2:]
    if what == "tiocsti-tty":
        tiocsti_tty(args[0])
    elif what == "vm-readv":
        vm_readv(int(args[0]))
    elif what == "int80-socket":
        int80_socket()
    else:
        sys.exit("unknown probe " + what)
