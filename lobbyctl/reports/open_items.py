"""Finding tracked items wherever they were recorded: no look-back window.

A complaint or a fault open for 400 days still shows, so the state of the
tracked items as of a day is folded from every referral, complaint, note and
update the journal holds up to that day.  Every day file is judged the way
every reader judges it (``lobbyctl.check.reading``), so an item is counted
exactly when ``check`` accepts it; what each file holds is indexed by the
file's identity on this disk, so a month of a ten-year journal reads again
only the files that changed.  What a ``void`` takes out (``check.voids``,
from the whole journal) is left out here as in every reader: a voided
referral is never due, a voided update never folded."""

from lobbyctl.domain.tracked import TRACKED, states_as_of
from lobbyctl.schema import vocab
from lobbyctl.errors import FileProblem
from lobbyctl.schema.text.messages import sentence_data, sentence_from


# the tracked entries this command read last, from the journal's first day:
# (journal, end, [(day, entry)]).  A form reads its month, the month before
# and the month a year before, each from the first day: the later readings
# are a part of the first (each file judged alike, a ref only ever leading
# back), so they are taken from it instead of read and judged again.
_LAST_READ = [None]


def tracked_entries(journal, start=None, end=None, skipped=None):
    """The tracked entries of the day files from ``start`` to ``end`` (either
    may be None: the journal's first or last day), in file order, each file
    judged as every reader judges it.  With ``skipped`` (a list;
    ``--skip-bad``) a file that does not read, or an entry ``check`` rejects,
    is noted there instead of failing.

    What each file holds is kept in an index (``store.file_index``) keyed by
    the file's identity on this disk, so only the files changed since the
    last run are read again.  A record is what its file alone says; where
    an update's ``ref`` leads depends on another file, so it is judged here
    on every run (``check.refs``), never kept: against the originals
    collected so far (a ref names its own day or an earlier one), else the
    day file it names."""
    from lobbyctl.check.refs import judge_for
    from lobbyctl.store.file_index import FileIndex, identity

    from lobbyctl.check.voids import voids_of

    reusable = start is None and end is not None and skipped is None
    last = _LAST_READ[0]
    if reusable and last is not None and last[0] is journal and end <= last[1]:
        return [entry for day, entry in last[2] if day <= end]
    index = FileIndex(journal, "tracked", _fingerprint(journal))
    judge = judge_for(journal)
    voids = voids_of(journal)
    entries, days = [], []
    on_problem = skipped.append if skipped is not None else None
    try:
        for day, path in journal.day_files(start, end, on_problem):
            key = identity(path)
            record = index.get(day, path, key)
            if record is None or not _well_formed(record):
                try:
                    record = _derive(journal, day, path)
                except FileProblem as problem:
                    if skipped is None:
                        raise
                    _note(skipped, problem)
                    continue
                if identity(path) == key:  # unchanged while it was read
                    index.put(day, path, key, record)
            kept = _judged(judge, path, record, skipped)
            kept = kept if not voids else [voids.unlinked(entry) for entry in kept
                                           if not voids.takes_out(entry)]
            entries.extend(kept)
            if reusable:
                days.extend([day] * len(kept))
    finally:
        index.save()
    if reusable:
        _LAST_READ[0] = (journal, end, list(zip(days, entries)))
    return entries


def _judged(judge, path, record, skipped):
    """The entries of ``record`` (the file at ``path``) a reader counts:
    strict, the first line ``check`` names fails; with ``skipped``, each
    entry it rejects is noted there and left out."""
    from lobbyctl.check.refs import ref_problems

    kept, lines = record["entries"], record["lines"]
    targets = record.get("targets")
    if targets:
        # the links judged with their targets in this file, in file order
        # (at one instant a link may only lead up the file)
        merged = sorted([(line, 1, index, entry) for index, (entry, line)
                         in enumerate(zip(kept, lines))]
                        + [(line, 0, -1, entry) for line, entry in targets],
                        key=lambda item: (item[0], item[1]))
        refused = {merged[place][2]: message for place, message
                   in ref_problems(judge, [item[3] for item in merged]).items()
                   if merged[place][2] >= 0}
    else:
        refused = ref_problems(judge, kept)
    problems = record["problems"]
    if not problems and not refused:
        return kept
    # a problem kept with its sentence is said in the journal's language
    found = sorted([(line, sentence_from(said[0], message) if said and said[0] else message)
                    for line, message, *said in problems]
                   + [(lines[index], message) for index, message in refused.items()],
                   key=lambda item: item[0])
    for line, message in found:
        if skipped is None:
            raise FileProblem(path, line, message)
        _note(skipped, _bad_entry(path, line, message))
    return [entry for index, entry in enumerate(kept) if index not in refused]


def _derive(journal, day, path):
    """What ``path`` holds for the index: its tracked entries that ``check``
    accepts, judged with this file alone, and their lines; and the (line,
    message) of each entry it rejects."""
    from lobbyctl.check.reading import readable
    from lobbyctl.store.dayfile import Day, parse_day, read_day_bytes

    data = read_day_bytes(path)
    parsed = parse_day(path, data) if data is not None else Day(path, [], [])
    rejected = []
    kept = readable(journal, parsed, rejected, day, refs=False)
    tracked = [(entry, line) for entry, line in zip(kept.entries, kept.lines)
               if entry.get("type") in TRACKED]
    # what a tracked entry here links to in this same file (a referral's
    # greeting): kept as its file says it, so judging the link reads no file
    linked = {entry.get(name) for entry, _ in tracked
              for name in vocab.BACK_FIELDS.get(entry.get("type"), ())}
    targets = [[line, {key: entry[key] for key in _TARGET_KEYS if key in entry}]
               for entry, line in zip(kept.entries, kept.lines)
               if entry.get("type") not in TRACKED and entry.get("id") in linked]
    return {"entries": [entry for entry, _ in tracked], "lines": [line for _, line in tracked],
            "problems": [[problem.line, problem.detail, sentence_data(problem.detail)]
                         for problem in rejected],
            "targets": targets}


_TARGET_KEYS = ("id", "type", "at", "kind")  # what a link's judgement asks of its target


def _well_formed(record):
    entries, lines, problems = record.get("entries"), record.get("lines"), record.get("problems")
    return (type(entries) is list and all(type(entry) is dict for entry in entries)
            and type(lines) is list and len(lines) == len(entries)
            and all(type(line) is int for line in lines)
            and type(problems) is list
            and all(type(item) is list and len(item) in (2, 3) and type(item[0]) is int
                    and type(item[1]) is str for item in problems)
            and type(record.get("targets", [])) is list
            and all(type(item) is list and len(item) == 2 and type(item[0]) is int
                    and type(item[1]) is dict for item in record.get("targets", [])))


def _bad_entry(path, line, message):
    from lobbyctl.check.reading import BadEntry

    return BadEntry(path, line, message)


def _note(skipped, problem):
    if all(problem.message != known.message for known in skipped):
        skipped.append(problem)


def _fingerprint(journal):
    """Everything a record is derived with: the journal's settings, the
    judging rules and the rules that select the tracked entries.  Any change
    makes every record a miss."""
    from lobbyctl.check.reading import rules_fingerprint

    return rules_fingerprint(journal, extra=("lobbyctl.domain.tracked", __name__))


class PeriodInputs:
    """What a report of a period is built from, read once by the caller:
    ``loaded`` (the period's days, ``load_range``), ``states`` (every
    tracked item's state as of ``as_of``, carried over from any earlier
    day), ``skipped`` (the files --skip-bad left out, else None) and
    ``voids`` (the journal's corrections, ``check.voids.Voids``: what the
    other three already leave out, for the forms to list)."""

    def __init__(self, loaded, states, skipped, voids=None):
        self.loaded = loaded
        self.states = states
        self.skipped = skipped
        self.voids = voids


def read_period(journal, first, last, as_of, skip_bad=False, days=None):
    """The ``PeriodInputs`` of the days ``first``..``last``, tracked states as
    of ``as_of``: the reading a report builder does not do.  ``days``: those
    days already read, strictly, by a ``check.reading`` reader (a region's
    export of the branch): not read again.

    The days before the period are read first (through the index): their
    referrals, complaints and faults are then known to the judgement of
    refs, so an update in the period that follows one up reads no earlier
    day file again."""
    import datetime
    import gc

    from lobbyctl.check.reading import load_range

    # years of tracked items make hundreds of thousands of dicts and no
    # cycles: the cyclic collector would only rescan them, again and again
    collecting = gc.isenabled()
    gc.disable()
    try:
        earlier = [] if skip_bad else None
        entries = tracked_entries(journal, None, first - datetime.timedelta(days=1), earlier)
        if days is not None and not skip_bad:
            from lobbyctl.store.loader import Loaded

            loaded = Loaded(days, [])
        else:
            loaded = load_range(journal, first, last, skip_bad=skip_bad)
        skipped = loaded.skipped if skip_bad else None
        if skip_bad:
            # in the order of the days, each named once (a stray file is met by both)
            loaded.skipped[:0] = [problem for problem in earlier
                                  if all(problem.message != known.message
                                         for known in loaded.skipped)]
        entries.extend(entry for day, entry in loaded.entries()
                       if first <= day <= last and entry.get("type") in TRACKED)
        from lobbyctl.check.voids import voids_of

        return PeriodInputs(loaded, states_as_of(entries, as_of), skipped, voids_of(journal))
    finally:
        if collecting:
            gc.enable()
