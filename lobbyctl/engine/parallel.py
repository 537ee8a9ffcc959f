"""A region's export spread over worker processes: each branch to read is
read and its months written by one worker (its own partition folders, its
own temporary files), while the exporting process keeps the lock, takes
the outcomes in the branches' order and alone writes the manifest.

How many: ``$LOBBYCTL_WORKERS`` (1: none, everything in this process);
unset, one a core this process may run on, at most ``MAX_AUTO``, and only
for an export worth a worker's start (``AUTO_FROM_BYTES`` of day files to
read, over at least two branches).  Workers are started fresh (``spawn``),
never forked from a process that may hold DuckDB's or Arrow's threads.

A worker that dies (killed, out of memory) takes nothing with it: the
branches not yet done are exported here, one after another; a branch whose
trip to or from a worker fails in any other way than its own journal's
problem is exported here too."""

import os

MAX_AUTO = 8
# below this much to read, starting workers (~0.3 s each) costs more than it gains
AUTO_FROM_BYTES = 8 << 20
ENV = "LOBBYCTL_WORKERS"


def worker_count(explicit=None):
    """``(workers, chosen)``: from ``explicit``, else ``$LOBBYCTL_WORKERS``
    (a whole number from 1; anything else counts as unset), else the cores
    this process may use (at most ``MAX_AUTO``); ``chosen`` whether it was
    asked for rather than guessed."""
    if explicit is not None:
        return max(1, int(explicit)), True
    text = os.environ.get(ENV, "").strip()
    if text.isascii() and text.isdigit() and int(text) >= 1:
        return min(int(text), 256), True
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_AUTO)), False


def outcomes(target, plan, masked, digests, on_read, workers, pyarrow_parquet):
    """``(journal, outcome)`` for each ``(journal, known months)`` of
    ``plan``, in its order: ``(manifest entry, digest, (written, kept,
    removed))``, or the ``LobbyError`` that stopped the branch."""
    from lobbyctl.engine.dataset import branch_digest, unchanged
    from lobbyctl.errors import LobbyError

    count, chosen = worker_count(workers)
    steps = []  # (journal, known, digested or the error, whether to read)
    for journal, known in plan:
        try:
            digested = branch_digest(journal, masked)
        except LobbyError as exc:
            steps.append((journal, known, exc, False))
            continue
        steps.append((journal, known, digested,
                      not unchanged(target, journal.config.branch_code, known, digested[2],
                                    digests)))
    to_read = [step for step in steps if step[3]]
    portable_read = on_read is None or hasattr(on_read, "held")
    if count < 2 or len(to_read) < 2 or not portable_read or not (
            chosen or _bytes(to_read) >= AUTO_FROM_BYTES):
        for step in steps:
            yield step[0], _here(target, step, masked, on_read, pyarrow_parquet)
        return
    yield from _spread(target, steps, masked, on_read, min(count, len(to_read)),
                       pyarrow_parquet)


def _here(target, step, masked, on_read, pyarrow_parquet):
    """One branch's outcome, exported in this process."""
    from lobbyctl.engine.dataset import export_branch
    from lobbyctl.errors import LobbyError

    journal, known, digested, read = step
    if isinstance(digested, Exception):
        return digested
    if not read:
        return known, digested[2], (0, len(known), 0)
    try:
        done, counts = export_branch(target, journal, known, masked, pyarrow_parquet, digested,
                                     on_read)
    except LobbyError as exc:
        return exc
    return done, digested[2], counts


def _spread(target, steps, masked, on_read, count, pyarrow_parquet):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from lobbyctl.store.cache_files import machine_key

    machine_key()  # made here once, not raced for by the workers
    pool = ProcessPoolExecutor(max_workers=count,
                               mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = [pool.submit(_work, target, journal, known, masked, digested,
                               _blank(on_read)) if read else None
                   for journal, known, digested, read in steps]
        broken = False
        for step, future in zip(steps, futures):
            if future is None or broken:
                yield step[0], _here(target, step, masked, on_read, pyarrow_parquet)
                continue
            try:
                kind, *result = future.result()
            except BrokenProcessPool:
                # a worker died: this branch and the rest are exported here
                broken = True
                yield step[0], _here(target, step, masked, on_read, pyarrow_parquet)
                continue
            except Exception:  # noqa: BLE001 -- the trip failed (a value that would not
                # pickle, a fault in the worker): done here, where a fault shows itself
                yield step[0], _here(target, step, masked, on_read, pyarrow_parquet)
                continue
            if kind == "bad":
                yield step[0], _rebuilt(*result)
                continue
            done, counts, held = result
            if held:
                on_read.held.update(held)
            yield step[0], (done, step[2][2], counts)
    finally:
        # what runs finishes (no half-written month is left behind); the rest is dropped
        pool.shutdown(wait=True, cancel_futures=True)


def _blank(on_read):
    """``on_read`` as a worker gets it: the same, holding nothing yet."""
    if on_read is None:
        return None
    import copy

    blank = copy.copy(on_read)
    blank.held = {}
    return blank


def _work(target, journal, known, masked, digested, on_read):
    """In a worker: one branch exported; ``("ok", entry, counts, held)``
    or ``("bad", error as parts)``."""
    from lobbyctl.engine.dataset import _parquet, export_branch
    from lobbyctl.errors import LobbyError

    try:
        done, counts = export_branch(target, journal, known, masked, _parquet(), digested,
                                     on_read)
    except LobbyError as exc:
        return ("bad", *_portable(exc))
    return "ok", done, counts, on_read.held if on_read is not None else None


def _portable(exc):
    """A ``LobbyError`` as parts that survive the trip back: its class, its
    args and its attributes (a ``FileProblem`` cannot be remade from its
    args alone), any attribute that cannot be pickled as its text."""
    import pickle

    state = {}
    for name, value in vars(exc).items():
        try:
            pickle.dumps(value)
        except Exception:  # noqa: BLE001 -- whatever it is, its text goes back
            value = str(value)
        state[name] = value
    return type(exc), exc.args, state


def _rebuilt(kind, args, state):
    error = kind.__new__(kind, *args)
    error.args = args
    error.__dict__.update(state)
    return error


def _bytes(steps):
    total = 0
    for journal, _known, _digested, _read in steps:
        for _day, path in journal.day_files(on_problem=lambda _problem: None):
            try:
                total += os.stat(path).st_size
            except OSError:
                pass
    return total
