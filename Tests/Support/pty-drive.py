#!/usr/bin/env python3
"""Drives a command through a pseudo-terminal, as a person at a keyboard would.

Usage: pty-drive.py COLUMNS STEPS_JSON COMMAND [ARG...]
STEPS_JSON is a list of steps: ["expect", TEXT] waits (60 s at most: a loaded machine is slow, and a match ends the wait) until TEXT appears in the
output after the previous expectation's match; ["send", TEXT] types TEXT (escape sequences included);
["signal", NAME] sends a signal to the command. Prints everything the command drew, then
"[exit N]" with its exit status (128 + N for a signal). Exits 2 when an expectation times out.
"""
import json, os, pty, select, signal, struct, sys, termios, fcntl, time

columns = int(sys.argv[1])
steps = json.loads(sys.argv[2])
command = sys.argv[3:]

pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)

fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
output = b""


def read_some(timeout):
    global output
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return False
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        return None
    if not chunk:
        return None
    output += chunk
    return True


position = 0
for kind, value in steps:
    if kind == "expect":
        deadline = time.time() + 60
        while output.find(value.encode("utf-8"), position) < 0:
            if time.time() > deadline or read_some(0.1) is None:
                sys.stdout.write(output.decode("utf-8", "replace"))
                sys.stdout.write("\n[timed out waiting for %r]\n" % value)
                os.kill(pid, signal.SIGKILL)
                sys.exit(2)
        position = output.find(value.encode("utf-8"), position) + len(value.encode("utf-8"))
    elif kind == "send":
        time.sleep(0.05)
        os.write(fd, value.encode("utf-8"))
    elif kind == "signal":
        os.kill(pid, getattr(signal, "SIG" + value))

deadline = time.time() + 60
while time.time() < deadline and read_some(0.1) is not None:
    pass
_, wait_status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(wait_status)
sys.stdout.write(output.decode("utf-8", "replace"))
sys.stdout.write("\n[exit %d]\n" % (code if code >= 0 else 128 - code))
