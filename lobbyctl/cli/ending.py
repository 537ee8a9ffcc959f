"""How the ``lobbyctl`` process ends: at once, once its work is done.

A Python process that returns from its last line then tears down every
module it imported, one object at a time; for click and what a recording
command imports that is 6 to 7 ms of a 45 ms ``greet`` (measured, see the
README's Performance), spent after the entry is on disk.  So, as
Instagram's servers do, the process ends with ``os._exit`` — but only after
everything a normal exit would still do that a user can see: the standard
streams flushed (a reader that left is no error; a write that fails, exit
code 1), the ``atexit`` functions run (``tempfile``'s clean-ups,
``multiprocessing``'s, coverage's).  While another thread is still running,
the normal exit is taken, which waits for it."""

import atexit
import os
import sys


def end(code):
    """Leave the process with ``code`` (a ``SystemExit`` code: None, a number
    or a message)."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        # what SystemExit("text") does: the text on stderr, exit code 1
        try:
            print(code, file=sys.stderr)
        except (OSError, ValueError):
            pass
        code = 1
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            pass  # a reader that went away (`lobbyctl show | head`): not an error of ours
        except (OSError, ValueError):
            code = code or 1  # what was left to write is lost (a full disk)
    atexit._run_exitfuncs()
    os._exit(code)
