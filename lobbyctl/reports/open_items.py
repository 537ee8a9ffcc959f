"""Finding tracked items wherever they were recorded: no look-back window.

A complaint or a fault open for 400 days still shows, so the state of the
tracked items as of a day is folded from every referral, complaint, note and
update the journal holds up to that day.  Every day file is judged the way
every reader judges it (``lobbyctl.check.reading``), so an item is counted
exactly when ``check`` accepts it; what each file holds is indexed by the
file's identity on this disk, so a month of a ten-year journal reads again
only the files that changed, and the items a month's end carries over are
kept (``reports.carried``), so it does not walk the closed ones again.  What a ``void`` takes out (``check.voids``,
from the whole journal) is left out here as in every reader: a voided
referral is never due, a voided update never folded."""

from lobbyctl.domain.tracked import TRACKED, Ledger
from lobbyctl.schema import vocab
from lobbyctl.errors import FileProblem
from lobbyctl.schema.text.messages import sentence_data, sentence_from


# the tracked entries this command read last, from the journal's first day:
# (journal, end, [(day, entries)]).  A region's branch reads its month and
# the month before, each from the first day: the later reading is a part of
# the first (each file judged alike, a ref only ever leading back), so it is
# taken from it instead of read and judged again.
_LAST_READ = [None]


def tracked_entries(journal, start=None, end=None, skipped=None):
    """The tracked entries of the day files from ``start`` to ``end``, in
    file order (``tracked_days``, flattened)."""
    return [entry for _day, entries in tracked_days(journal, start, end, skipped)
            for entry in entries]


def tracked_days(journal, start=None, end=None, skipped=None, index=None):
    """``[(day, entries)]``: the tracked entries of each day file from
    ``start`` to ``end`` (either may be None: the journal's first or last
    day), in file order, each file judged as every reader judges it.  With
    ``skipped`` (a list; ``--skip-bad``) a file that does not read, or an
    entry ``check`` rejects, is noted there instead of failing.

    What each file holds is kept in an index (``store.file_index``) keyed by
    the file's identity on this disk, so only the files changed since the
    last run are read again.  A record is what its file alone says; where
    an update's ``ref`` leads depends on another file, so it is judged here
    on every run (``check.refs``), never kept: against the originals
    collected so far (a ref names its own day or an earlier one), else the
    day file it names.  ``index`` (``_tracked_index``) is one the caller
    saves, for a walk in several stretches."""
    from lobbyctl.check.refs import judge_for
    from lobbyctl.store.file_index import identity

    from lobbyctl.check.voids import voids_of

    reusable = start is None and end is not None and skipped is None
    last = _LAST_READ[0]
    if reusable and last is not None and last[0] is journal and end <= last[1]:
        return [(day, entries) for day, entries in last[2] if day <= end]
    own_index = index is None
    if own_index:
        index = _tracked_index(journal)
    judge = judge_for(journal)
    voids = voids_of(journal)
    days = []
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
            if kept:
                days.append((day, kept))
    finally:
        if own_index:
            index.save()
    if reusable:
        _LAST_READ[0] = (journal, end, days)
    return days


def _tracked_index(journal):
    from lobbyctl.store.file_index import FileIndex

    return FileIndex(journal, "tracked", _fingerprint(journal))


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
    ``loaded`` (the period's days, ``load_range``), ``states`` (the state
    as of ``as_of`` of every tracked item the period's report can show or
    count, carried over from any earlier day: ``tracked.Ledger``), ``skipped`` (the files --skip-bad left out, else None) and
    ``voids`` (the journal's corrections, ``check.voids.Voids``: what the
    other three already leave out, for the forms to list)."""

    def __init__(self, loaded, states, skipped, voids=None):
        self.loaded = loaded
        self.states = states
        self.skipped = skipped
        self.voids = voids


def read_period(journal, first, last, as_of, skip_bad=False, days=None):
    """The ``PeriodInputs`` of the days ``first``..``last``, tracked states as
    of ``as_of``: the reading a report builder does not do
    (``read_periods`` of one period).  ``days``: those days already read,
    strictly, by a ``check.reading`` reader (a region's export of the
    branch): not read again."""
    return read_periods(journal, [(first, last, as_of)], skip_bad, given=[days])[0]


def read_periods(journal, periods, skip_bad=False, given=None):
    """The ``PeriodInputs`` of each of ``periods`` (``(first, last, as_of)``,
    in date order, none overlapping the next; ``as_of`` within its period):
    the journal walked once, from its first day to the last period's
    ``as_of``, each tracked entry judged and folded once.

    The days outside the periods are read through the index of tracked
    entries (``tracked_days``), each period's own days in full
    (``load_range``); a period's tracked states are taken as the walk passes
    its ``as_of`` (``tracked.Ledger``: the items it can show or count).  At
    the end of the month before a period the walk takes the items kept
    there (``reports.carried``) where a record holds, instead of walking the
    months up to it, and else keeps them for the next walk.  The days before
    a period are read before it, so the judgement of refs knows their
    referrals, complaints and faults: an update in the period that follows
    one up rarely reads an earlier day file again.  With ``skip_bad``, each
    period's ``skipped`` names what was left out of it and of every day
    before it, each once, in the order of the days.  ``given``: for each
    period, its days already read by a strict reader, or None to read them."""
    from lobbyctl.domain.tracked import NotKept
    from lobbyctl.store.loader import collector_paused

    # years of tracked items make hundreds of thousands of dicts and no
    # cycles: the cyclic collector would only rescan them, again and again
    with collector_paused():
        try:
            return _read_periods(journal, periods, skip_bad, carry=True, given=given)
        except NotKept:
            # a link to an item the kept record left behind: walk it all
            return _read_periods(journal, periods, skip_bad, carry=False, given=given)


def _read_periods(journal, periods, skip_bad, carry, given=None):
    """``read_periods``; ``carry``: at the end of the month before each
    period, take the items kept there (``reports.carried``) where they
    hold instead of walking up to it, else keep them for the next walk."""
    import datetime

    from lobbyctl.reports import carried

    before = [] if skip_bad else None  # what was left out of every day walked so far
    # walked: the last day of the walk so far; whole: every tracked entry up
    # to it folded (a period counted as of a day before its last leaves the
    # rest out); kept: the ledger came from the record kept at ``walked``
    found, walked, whole, kept, ledger = [], None, True, False, Ledger()
    index = _tracked_index(journal)
    try:
        for number, (first, last, as_of) in enumerate(periods):
            end = carried.month_end_before(first)
            if carry and (walked is None or walked < end):
                resumed, kept_on = carried.resume(journal, end)
                if resumed is not None and (walked is None or kept_on > walked):
                    ledger, walked, whole, kept = resumed, kept_on, True, kept_on == end
                if walked is None or walked < end:
                    history = [] if skip_bad else None
                    for day, entries in tracked_days(journal, walked + datetime.timedelta(days=1)
                                                     if walked else None, end, history,
                                                     index=index):
                        ledger.day(day.isoformat(), entries)
                    for problem in history or ():
                        _note(before, problem)
                    walked, kept = end, False
            if carry and walked == end and whole and not kept and not before and ledger.states:
                carried.keep(journal, ledger, end)  # nothing wrong up to ``end``
            found.append(_walk_period(journal, ledger, index, walked, first, last, as_of,
                                      before, keep=number < len(periods) - 1,
                                      days=given[number] if given else None))
            walked, whole, kept = last, as_of >= last, False
    finally:
        index.save()
    return found


# the links that lead to a tracked item (an update's ref, a second
# cross-sell's after, a return visit's returning): the items a period's
# entries name, whose states its report shows
_ITEM_LINKS = {}
for (_owner, _name), _targets in vocab.LINKS.items():
    if set(_targets) & set(vocab.UPDATE_TARGETS):
        _ITEM_LINKS[_owner] = _ITEM_LINKS.get(_owner, ()) + (_name,)


def _walk_period(journal, ledger, index, walked, first, last, as_of, before, keep, days=None):
    """Walk ``ledger`` on from the day after ``walked`` (None: the journal's
    first day) through the period ``first``..``last``, and return the
    period's ``PeriodInputs``; ``days``: the period's days already read."""
    import datetime

    from lobbyctl.check.reading import load_range
    from lobbyctl.check.voids import voids_of

    skip_bad = before is not None
    gap_skipped = [] if skip_bad else None
    for day, entries in tracked_days(journal, walked + datetime.timedelta(days=1)
                                     if walked else None, first - datetime.timedelta(days=1),
                                     gap_skipped, index=index):
        ledger.day(day.isoformat(), entries)
    for problem in gap_skipped or ():
        _note(before, problem)
    if days is not None and not skip_bad:
        from lobbyctl.store.loader import Loaded

        loaded = Loaded(days, [])
    else:
        loaded = load_range(journal, first, last, skip_bad=skip_bad)
    ledger.begin_period()
    linked = set()
    for day, held in loaded.days:
        if day < first or day > last:
            continue
        tracked = []
        for entry in held.entries:
            kind = entry.get("type")
            if kind in TRACKED:
                tracked.append(entry)
            names = _ITEM_LINKS.get(kind)
            # most greetings have no lead and no return: one look, not a walk
            if names and not entry.keys().isdisjoint(names):
                linked.update(entry[name] for name in names
                              if entry.get(name).__class__ is str)
        if tracked and day <= as_of:
            ledger.day(day.isoformat(), tracked)
    ledger.link(linked)
    skipped = None
    if skip_bad:
        skipped = loaded.skipped
        # in the order of the days, each named once (a stray file is met by both)
        skipped[:0] = [problem for problem in before
                       if all(problem.message != known.message for known in skipped)]
        for problem in skipped:
            _note(before, problem)
    return PeriodInputs(loaded, ledger.period_states(keep=keep), skipped, voids_of(journal))
