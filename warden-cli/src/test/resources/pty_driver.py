#!/usr/bin/env python3
"""The outer terminal for Warden's pty tests: runs a command on a fresh pseudo-terminal as its session's
controlling terminal (as a terminal emulator would), then plays steps against it.

usage: pty_driver.py ROWS COLS STEP... -- COMMAND ARGS...
steps:  expect:TEXT   wait (10 s at most) until TEXT appears in the output after the previous match
        send:TEXT     type TEXT (backslash escapes such as \\n and \\x03 are decoded)
        resize:R,C    change the window size (the kernel sends SIGWINCH to the foreground group)
        sleep:SECONDS
        signal:NAME   send signal NAME (e.g. HUP) to the command itself, as a supervisor would
Prints everything the command wrote; exits with the command's exit status, or 99 when a step timed out.
"""
import codecs, fcntl, os, select, signal, struct, subprocess, sys, termios, time

def main():
    rows, cols = int(sys.argv[1]), int(sys.argv[2])
    split = sys.argv.index('--')
    steps, command = sys.argv[3:split], sys.argv[split + 1:]
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))

    def child_setup():
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, preexec_fn=child_setup, close_fds=True)
    os.close(slave)
    output = bytearray()
    position = 0

    def pump(timeout):
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(master, 65536)
        except OSError:
            # EIO: no process has the terminal open right now. One that still runs may open it again
            # (a program that redirected its streams away and later opens /dev/tty), so keep waiting for it.
            if proc.poll() is None:
                time.sleep(0.05)
                return True
            return False
        if not data:
            return False
        output.extend(data)
        return True

    for step in steps:
        kind, _, arg = step.partition(':')
        if kind == 'expect':
            needle = arg.encode()
            deadline = time.time() + 10
            while output.find(needle, position) < 0:
                if time.time() > deadline or not pump(0.1) and output.find(needle, position) < 0:
                    sys.stdout.write(output.decode(errors='replace'))
                    sys.stderr.write('TIMEOUT waiting for %r\n' % arg)
                    proc.kill()
                    sys.exit(99)
            position = output.find(needle, position) + len(needle)
        elif kind == 'send':
            os.write(master, codecs.decode(arg, 'unicode_escape').encode('latin-1'))
        elif kind == 'resize':
            r, c = (int(x) for x in arg.split(','))
            fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack('HHHH', r, c, 0, 0))
        elif kind == 'signal':
            os.kill(proc.pid, getattr(signal, 'SIG' + arg))
        elif kind == 'sleep':
            end = time.time() + float(arg)
            while time.time() < end:
                pump(max(0.0, end - time.time()))
        else:
            sys.exit('unknown step ' + step)
    deadline = time.time() + 20
    while proc.poll() is None and time.time() < deadline:
        pump(0.1)
    while pump(0.2):
        if proc.poll() is not None and not select.select([master], [], [], 0)[0]:
            break
    sys.stdout.write(output.decode(errors='replace'))
    if proc.poll() is None:
        proc.kill()
        sys.stderr.write('TIMEOUT waiting for the command to exit\n')
        sys.exit(99)
    sys.exit(proc.returncode)

main()
