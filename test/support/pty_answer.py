"""Runs a command on a pseudo-terminal, waits for a prompt, types an answer, prints what the
terminal showed and exits with the command's exit code. Usage: pty_answer.py PROMPT ANSWER CMD..."""
import os
import pty
import select
import sys
import time

prompt, answer, cmd = sys.argv[1].encode(), sys.argv[2].encode().decode('unicode_escape').encode(), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
seen, sent, deadline = b'', False, time.time() + 60
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    if not sent and prompt in seen:
        time.sleep(0.2)
        os.write(fd, answer)
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode('utf8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, 'waitstatus_to_exitcode') else status >> 8)
