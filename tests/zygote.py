"""A warm parent for the servers and commands the tests start: it loads the content filter's word
lists (about 8 s of CPU a process) and imports the application (about 2 s) once, and forks each
`exchange ...` from itself, so a test server starts in a second or two instead of paying that again.
CI starts some sixty servers a pass.

The zygote is single-threaded and never serves anything, so a fork is clean; the child then runs
`python -m exchange.cli ...` exactly as a shell would (its own environment, working folder and log
file). Two parents, as the command itself has two orders of loading: the plain one (every command,
and `serve` in threading mode) imports unpatched; `zygote.py --eventlet`, the parent of `exchange
serve` in eventlet mode (most test servers), first does eventlet's monkey-patching, as
`exchange.cli` does in that mode before anything else loads. It never runs eventlet's hub: it reads
its requests with plain blocking reads and polls children with WNOHANG, so each child starts its
own hub.

Protocol, one JSON object a line on stdin/stdout: {"start": [args], "env": {...}, "cwd": "...",
"log": "path", "err": "path or absent (then the log)"} answers {"pid": N}; {"poll": N} answers
{"code": None | exit code}. The caller signals the child by pid itself (`os.kill`); the zygote reaps
only when polled, so a pid stays the child's until its exit code has been read.
"""

from __future__ import annotations

import json
import os
import runpy
import signal
import sys


WARM_LANGUAGE_SETS = (["en"],)


def _child(request: dict) -> None:
    """In the forked child: become `python -m exchange.cli <args>` and never return."""
    code = 1
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        err = os.open(request["err"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644) if request.get("err") else log
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(err, 2)
        for fd in {log, err, null}:
            os.close(fd)
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 - the process's own descriptors, open for its life
        sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        if request["cwd"] not in sys.path:
            sys.path.insert(0, request["cwd"])
        sys.argv = ["exchange", *request["start"]]
        runpy.run_module("exchange.cli", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - the child reports what a crashed process would
        import traceback  # why: only on a crash, in the child

        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def main() -> None:
    sys.path.insert(0, os.getcwd())
    eventlet_mode = "--eventlet" in sys.argv[1:]
    if eventlet_mode:
        from exchange.cli import patch_for_eventlet  # why: the eventlet parent patches first, as `serve` does

        patch_for_eventlet()
    from exchange.safety.text import warm_up  # why: loaded before forking, with the app (below)

    warm_up()
    # Chat is checked against every language; a teacher's activity against its own language's lists,
    # narrowed from the whole lexicon on first use (~7 s of CPU a set): English, narrowed once here.
    for languages in WARM_LANGUAGE_SETS:
        warm_up(languages)
    # The application, imported once for every child (patched first in the eventlet parent, as
    # `exchange serve` does; unpatched in the plain one, as every other command and threading mode run).
    import exchange.app  # noqa: F401
    import exchange.commands  # noqa: F401

    out = sys.stdout
    out.write(json.dumps({"ready": os.getpid()}) + "\n")
    out.flush()
    done: dict[int, int] = {}
    for line in sys.stdin:
        request = json.loads(line)
        if "start" in request:
            out.flush()
            pid = os.fork()
            if pid == 0:
                _child(request)
            answer: dict = {"pid": pid}
        elif "poll" in request:
            pid = request["poll"]
            if pid not in done:
                try:
                    waited, status = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    waited, status = pid, 0
                if waited == pid:
                    done[pid] = os.waitstatus_to_exitcode(status)
            answer = {"code": done.get(pid)}
        else:
            answer = {"error": "unknown request"}
        out.write(json.dumps(answer) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
