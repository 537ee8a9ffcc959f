"""Write a deterministic region: ``python scripts/make_region.py OUTDIR --branches N
--from 2026-10-01 --to 2026-10-31 [--busyness 410]``.

OUTDIR/region.yaml names ``branches/*``; each branch journal
OUTDIR/branches/NNNN is the sample generator's busy branch (``journalgen``)
with its own seed and branch code (1001, 1002, ...), so branches differ but
every run writes the same bytes.  ``make bench-region`` writes two:
200 branches x one month (about 2.5 million entries) and 20 branches x one
year (about 3 million).  A region already complete in OUTDIR is left alone
unless --force is given.
"""

import argparse
import datetime
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import journalgen  # noqa: E402

STAMP = ".make-region"


def branch_code(number):
    return f"{1000 + number:04d}"


def write_region(outdir, branches, start, end, busyness=410, force=False, report=print):
    """Write the region; returns the number of entries written (0 if it was there)."""
    wanted = f"{branches} {start} {end} {busyness} 1"
    stamp = os.path.join(outdir, STAMP)
    if os.path.exists(stamp) and open(stamp).read() == wanted and not force:
        report(f"{outdir}: already there")
        return 0
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(os.path.join(outdir, "branches"))
    entries = 0
    for number in range(1, branches + 1):
        code = branch_code(number)
        root = os.path.join(outdir, "branches", code)
        stats = journalgen.generate(root, start, end, seed=start.toordinal() * 1000 + number,
                                    busyness=busyness)
        config = os.path.join(root, "lobbyctl.yaml")
        with open(config, encoding="utf-8") as handle:
            text = handle.read()
        text = text.replace(f'  code: "{journalgen.BRANCH_CODE}"', f'  code: "{code}"', 1)
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(text)
        entries += stats.entries
        report(f"{code}: {stats.entries:,} entries")
    with open(os.path.join(outdir, "region.yaml"), "w", encoding="utf-8") as handle:
        handle.write('format: 1\nregion:\n  code: "BENCH"\n  name: "基准片区"\nlang: "zh"\n'
                     'branches:\n  - path: "branches/*"\n')
    with open(stamp, "w") as handle:
        handle.write(wanted)
    return entries


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--branches", type=int, default=3)
    parser.add_argument("--from", dest="start", type=datetime.date.fromisoformat,
                        default=datetime.date(2026, 10, 1))
    parser.add_argument("--to", dest="end", type=datetime.date.fromisoformat,
                        default=datetime.date(2026, 10, 31))
    parser.add_argument("--busyness", type=int, default=410)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    write_region(args.outdir, args.branches, args.start, args.end, args.busyness, args.force)


if __name__ == "__main__":
    main()
