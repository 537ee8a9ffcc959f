"""Write the benchmark journals of ``make bench``: ``python scripts/make_bench_journals.py OUTDIR``.

Three journals of a busy branch (about 400 entries a day), from the same
generator as the sample journal with a higher busyness and no closed days:

    OUTDIR/month    2026-10                    ~12,000 entries,  31 files
    OUTDIR/quarter  2026-08-01..2026-10-31     ~37,000 entries,  92 files
    OUTDIR/year     2025-11-01..2026-10-31    ~150,000 entries, 365 files

Deterministic (the same bytes every run).  An existing journal in OUTDIR/NAME
is left alone unless --force is given (then it is removed and rewritten).
"""

import argparse
import datetime
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import journalgen  # noqa: E402

BUSYNESS = 410  # greet entries on an ordinary weekday: ~400 entries a day on average
JOURNALS = (
    ("month", datetime.date(2026, 10, 1), datetime.date(2026, 10, 31), 202610),
    ("quarter", datetime.date(2026, 8, 1), datetime.date(2026, 10, 31), 202608),
    ("year", datetime.date(2025, 11, 1), datetime.date(2026, 10, 31), 202511),
)


def write_bench_journals(outdir, names=None, force=False, report=print):
    """Write the journals (all, or those in ``names``); returns {name: (Stats, seconds)}."""
    written = {}
    for name, start, end, seed in JOURNALS:
        if names and name not in names:
            continue
        root = os.path.join(outdir, name)
        if os.path.exists(os.path.join(root, "lobbyctl.yaml")):
            if not force:
                report(f"{root}: already there (use --force to rewrite)")
                continue
            shutil.rmtree(root)
        began = time.perf_counter()
        stats = journalgen.generate(root, start, end, seed=seed, busyness=BUSYNESS)
        seconds = time.perf_counter() - began
        written[name] = (stats, seconds)
        report(f"{name:8} {start}..{end}  {stats.entries:>7,} entries  {stats.files:>3} files  "
               f"{stats.bytes / 1e6:6.1f} MB  {seconds:5.2f} s  {root}")
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--only", action="append", choices=[name for name, *_ in JOURNALS],
                        help="write only this journal (repeatable)")
    parser.add_argument("--force", action="store_true", help="rewrite journals already there")
    args = parser.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    write_bench_journals(args.outdir, args.only, args.force)


if __name__ == "__main__":
    main()
