"""Write the sample journal: ``python scripts/make_sample.py DIR``.

October 2026 at 城东支行 (closed 10-01..10-03 for the National Day holiday,
quieter on the rest of the holiday week, busy on the first working day after
it and on the make-up working Saturday 10-10), then the follow-up updates that
fall due up to 2026-11-10.  Deterministic: the same bytes on every run, so the
committed ``journal/`` must always equal a fresh run (a test checks it).

If DIR already holds a journal, its generated files (lobbyctl.yaml,
.gitattributes, .gitignore and the YYYY/MM/YYYY-MM-DD.yaml day files) are
replaced; a DIR holding anything else is refused.
"""

import datetime
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import journalgen  # noqa: E402

SEED = 20261001
BUSYNESS = 240  # greet entries on an ordinary weekday
START = datetime.date(2026, 10, 1)
END = datetime.date(2026, 10, 31)
FOLLOWUPS_UNTIL = datetime.date(2026, 11, 10)
SPECIAL = {
    datetime.date(2026, 10, 1): 0, datetime.date(2026, 10, 2): 0, datetime.date(2026, 10, 3): 0,
    datetime.date(2026, 10, 4): 0.45, datetime.date(2026, 10, 5): 0.45,
    datetime.date(2026, 10, 6): 0.5, datetime.date(2026, 10, 7): 0.55,
    datetime.date(2026, 10, 8): 1.45,  # first working day after the holiday
    datetime.date(2026, 10, 10): 0.95,  # make-up working Saturday
}
GENERATED = (journalgen.BRANCH_CODE and "lobbyctl.yaml", ".gitattributes", ".gitignore")
YEAR, MONTH, DAY_FILE = re.compile(r"^\d{4}$"), re.compile(r"^\d{2}$"), re.compile(r"^\d{4}-\d{2}-\d{2}\.yaml$")
KEEP = {".lobbyctl-cache"}  # lobbyctl's own cache (git-ignored) may stay


IMPORTS = "imports"  # the queue machine's export the sample's tickets came from
QUEUE_EXPORT = f"queue-{journalgen.QUEUE_DAY.isoformat()}.csv"


def write_sample(root):
    stats = journalgen.generate(root, START, END, seed=SEED, busyness=BUSYNESS,
                                followups_until=FOLLOWUPS_UNTIL, special=SPECIAL)
    write_queue_export(root, stats.queue_rows)
    write_targets(root)
    return stats


# the branch's targets for its headline figures, as a region might set them:
# the sample month meets some and misses others, so the form shows both
TARGETS = """
# Targets on the monthly form's headline figures (rates from 0 to 1):
# a figure's key, with _min or _max to say which way.
targets:
  diversion_rate: 0.60
  wait_p90_minutes: 20
  within_10_minutes: 0.70
  referral_conversion: 0.40
  formal_complaints_max: 10
  overdue_complaints_max: 0
  satisfaction: 0.90
"""


def write_targets(root):
    with open(os.path.join(root, "lobbyctl.yaml"), "a", encoding="utf-8") as handle:
        handle.write(TARGETS)


def write_queue_export(root, rows):
    """The queue export of ``journalgen.QUEUE_DAY`` in ``imports/`` and the
    ``queue:`` map that reads it in ``lobbyctl.yaml``.  Its tickets are
    already in the day file (the generator writes them with its own ids, so
    the sample stays deterministic): ``lobbyctl import queue`` of this file
    adds nothing, which a test checks."""
    folder = os.path.join(root, IMPORTS)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    with open(os.path.join(folder, QUEUE_EXPORT), "wb") as handle:
        handle.write(journalgen.queue_export(journalgen.QUEUE_DAY, rows or []))
    with open(os.path.join(root, "lobbyctl.yaml"), "a", encoding="utf-8") as handle:
        handle.write(journalgen.queue_config_text())


def _clear_generated(root):
    """Remove what a previous run wrote; refuse a folder that holds anything else."""
    strangers = []
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if name in GENERATED or name in KEEP:
            continue
        if name == IMPORTS and os.path.isdir(path) and \
                set(os.listdir(path)) <= {QUEUE_EXPORT}:
            continue
        if YEAR.match(name) and os.path.isdir(path):
            for month in sorted(os.listdir(path)):
                month_path = os.path.join(path, month)
                if not (MONTH.match(month) and os.path.isdir(month_path)):
                    strangers.append(month_path)
                    continue
                strangers.extend(os.path.join(month_path, day) for day in os.listdir(month_path)
                                 if not DAY_FILE.match(day))
            continue
        strangers.append(path)
    if strangers:
        sys.exit(f"make_sample: {root} holds files the generator did not write; "
                 f"nothing was changed: {', '.join(strangers[:5])}")
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if name in GENERATED:
            os.remove(path)
        elif name == IMPORTS:
            shutil.rmtree(path)
        elif YEAR.match(name):
            shutil.rmtree(path)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        sys.exit("usage: python scripts/make_sample.py DIR")
    root = os.path.abspath(argv[0])
    if os.path.isdir(root) and os.listdir(root):
        if not os.path.exists(os.path.join(root, "lobbyctl.yaml")) and \
                set(os.listdir(root)) - KEEP:
            sys.exit(f"make_sample: {root} is not empty and holds no journal; nothing was changed")
        # generate beside it first, so a failure leaves the old sample in place
        parent = os.path.dirname(root)
        scratch = tempfile.mkdtemp(prefix=".make-sample-", dir=parent)
        try:
            stats = write_sample(os.path.join(scratch, "journal"))
            _clear_generated(root)
            fresh = os.path.join(scratch, "journal")
            for name in sorted(os.listdir(fresh)):
                os.replace(os.path.join(fresh, name), os.path.join(root, name))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    else:
        stats = write_sample(root)
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(stats.by_type.items()))
    print(f"{root}: {stats.entries} entries ({kinds}) in {stats.files} day files, "
          f"{stats.bytes / 1e6:.2f} MB; {stats.masked} personal numbers masked")


if __name__ == "__main__":
    main()
