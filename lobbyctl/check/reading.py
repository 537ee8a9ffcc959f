"""The checks every reader applies to what it reads, and the readers that
apply them: ``show``, the reports, ``export``, ``due`` and the lookups by id
count only entries ``check`` accepts — the same judgement
(``check.entry.entry_problems``), at the place ``check`` names.

Strict (the default) a reader fails at the first entry ``check`` rejects,
``path:line: message``, exit 1 — an update whose ``ref`` leads nowhere, or
to an entry that cannot be updated, included (``check.refs``).  With
``--skip-bad`` only that entry is left out, and named in ``skipped`` as a
``BadEntry`` so the command says so on stderr; a file that does not parse
at all is still skipped whole.

The judgement runs on the parsed day, after the cache: the cache holds what
a file says, never what one run chose to leave out of it.

A day a ``DayStream`` or ``load_range`` yields is also without the entries
a ``void`` takes out (``check.voids``, from the whole journal): one place,
so no reader counts what another leaves out.  ``with_voided=True`` keeps
them (``export --raw``); ``read_day`` (``show``) keeps them to mark them;
``require_entry`` refuses to name one (an update of a voided entry)."""

import datetime
import os
from itertools import repeat
from operator import itemgetter

from lobbyctl.check.compiled import proven
from lobbyctl.check.entry import Rules, entry_problems
from lobbyctl.check.memo import one_per_journal
from lobbyctl.check.refs import KEPT_TARGETS, judge_for, ref_problems
from lobbyctl.errors import FileProblem
from lobbyctl.store import loader, lookup
from lobbyctl.schema import vocab
from lobbyctl.store.dayfile import Day

_compiled = {}  # the journal's Rules: compiled once a command


class BadEntry(FileProblem):
    """An entry a ``--skip-bad`` reader left out, at its place and with
    ``check``'s message."""


def rules_for(journal):
    return one_per_journal(_compiled, journal, Rules)


def readable(journal, day, skipped=None, date=None, *, refs=True):
    """``day`` (a parsed ``Day``) with only the entries ``check`` accepts.

    With ``skipped`` None, the first entry it rejects raises ``FileProblem``
    at its line; with a list, each rejected entry is left out and noted
    there.  ``date`` is the file's day (default: from the file's name).

    Each link (an update's ``ref``, a ``lead``, ``after``, ``returning``)
    is judged too (``check.refs``): from the file itself, or from what
    this command has read of the journal, or from the day file it names.  ``refs=False`` judges the file alone — what an
    index keyed by this one file may keep (``reports.open_items``, which
    judges the refs itself)."""
    if date is None:
        date = datetime.date.fromisoformat(os.path.basename(day.path)[:10])
    context = rules_for(journal).file(date, day.path)
    problems = None  # index -> the first message about that entry
    noted = []  # accepted entries with links, and the targets ``RefJudge`` keeps
    kept, links = (KEPT_TARGETS, vocab.BACK_FIELDS) if refs else ((), {})
    fast, seen, lines, entries = context.fast, context.seen, day.lines, day.entries
    # the runs of entries on lines the line proof proved (``check.compiled``)
    runs = proven(day) if day.proven is not None else None
    runs = _settled(runs, entries, context, kept, bool(links)) if runs else []
    # the common day: every entry's id and time hold the file's facts, and
    # no id is written twice, so each proved line is clean as it stands
    ids = _facts_hold(context, entries) if runs else None
    runs.append((len(entries), 0, ()))
    index = 0
    for first, count, run_noted in runs:
        while index < first + count:
            if index == first and (ids is not None
                                   or _clean_run(context, entries, lines, first, count)):
                noted.extend(run_noted)
                index = first + count
                break
            entry = entries[index]
            # ``entry_problems``' common case written out (it runs for every
            # entry): its type's compiled test says clean, the id is noted seen
            kind = entry.get("type") if entry.__class__ is dict else None
            clean = fast.get(kind) if kind.__class__ is str else None
            if clean is not None and clean(entry):
                seen[entry["id"]] = lines[index]
            else:
                messages = entry_problems(entry, date, context, lines[index])
                if messages:
                    if problems is None:
                        problems = {}
                    problems[index] = messages[0]
                    if skipped is None:
                        break  # the first line check names is this one, or an update's before it
                    index += 1
                    continue
            if kind in kept or (kind in links and not entry.keys().isdisjoint(links[kind])):
                noted.append(index)  # what ``ref_problems`` must see (see its ``indexes``)
            index += 1
        if problems and skipped is None:
            break
    if ids is not None:
        # the ids of the proved lines (the others noted as they were judged)
        seen.update(zip(ids, lines))
    if noted:
        found = ref_problems(judge_for(journal), day.entries, noted)
        if found:
            problems = {**(problems or {}), **found}
    if refs and not problems:
        day.linked = noted  # kept with a clean verdict: the next run judges only these
    return _without(day, problems, skipped)


_id_of, _time_of, _type_of = itemgetter("id"), itemgetter("at"), itemgetter("type")


def _settled(runs, entries, context, kept, judging_links):
    """The runs of proved lines as ``(first, count, noted)``, each entry
    the proof left a link or a date to (``compiled.LEFT_TO_READER``) tested
    for the file's part of them -- a link names no later day; a date is one
    of the calendar, not before the file's -- and cut out of its run when
    it fails (its compiled test then judges it, and names what is wrong).
    ``noted``: the run's entries ``ref_problems`` must see, in order (a
    target the ref judge keeps in ``kept``, an entry with a link if
    ``judging_links``); a proved greeting holds no link (the proof leaves
    those out)."""
    left = context.rules.left
    prefix, day_text = context.id_prefix, context.day_text
    settled = []
    for first, count in runs:
        start, noted = first, []
        kinds = list(map(_type_of, entries[first:first + count]))
        for at in [at for at, kind in enumerate(kinds, first) if kind in kept or kind in left]:
            entry = entries[at]
            fields_left = left.get(entry["type"])
            if fields_left is None:
                noted.append(at)  # a target the ref judge keeps
                continue
            links, dates = fields_left
            linking, holds = False, True
            for name in links:
                value = entry.get(name)
                if value is not None:
                    linking = True
                    if value[:6] > prefix:  # a later day's id (the proof: an id's shape)
                        holds = False
            for name in dates:
                value = entry.get(name)
                if value is not None and not (value >= day_text and _a_day(value)):
                    holds = False
            if not holds:
                if at > start:
                    settled.append((start, at - start, noted))
                start, noted = at + 1, []
            elif linking and judging_links or entry["type"] in kept:
                noted.append(at)
        if first + count > start:
            settled.append((start, first + count - start, noted))
    return settled


def _a_day(text):
    """Whether ``text`` (``YYYY-MM-DD`` in ASCII digits: the proof's shape)
    names a day of the calendar."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _facts_hold(context, entries):
    """The ids of ``entries`` (a day's, all mappings) if each entry's id
    is of the file's day and its time on the file's day at its steady UTC
    offset, and no id is there twice; else None (then each run of proved
    lines is tested on its own, ``_clean_run``).  The entries the proof did
    not prove are tested by their type's test all the same: what this
    settles for them, their test settles again.  One pass over the day at
    the speed of ``map``; a value that is not text ends it."""
    suffix = context.suffix
    if suffix is None or context.seen:
        return None
    try:
        ids = list(map(_id_of, entries))
        times = list(map(_time_of, entries))
        if not (all(map(str.startswith, ids, repeat(context.id_prefix)))
                and all(map(str.startswith, times, repeat(context.day_text)))
                and all(map(str.endswith, times, repeat(suffix)))):
            return None
    except (KeyError, TypeError):  # no id or time, or not text: the tests name it
        return None
    return ids if len(set(ids)) == len(ids) else None


def _clean_run(context, entries, lines, first, count):
    """Whether the ``count`` entries from ``first``, on lines the line proof
    proved, hold the file's facts as the compiled test has them (an id of
    the file's day not seen before, a time on its day at its steady
    offset); if so their ids are noted seen.  Tested a run at a time, at the
    speed of ``map``; a run that fails is judged entry by entry."""
    suffix = context.suffix
    if not count or suffix is None:
        return False
    run = entries[first:first + count]
    ids = [entry["id"] for entry in run]
    times = [entry["at"] for entry in run]
    seen = context.seen
    if not (all(map(str.startswith, ids, repeat(context.id_prefix)))
            and all(map(str.startswith, times, repeat(context.day_text)))
            and all(map(str.endswith, times, repeat(suffix)))
            and len(set(ids)) == count and seen.keys().isdisjoint(ids)):
        return False
    seen.update(zip(ids, lines[first:first + count]))
    return True


def _without(day, problems, skipped):
    """``day`` less the entries in ``problems`` (index -> message): strict
    (``skipped`` None), the first line ``check`` names fails; else each is
    noted in ``skipped`` as a ``BadEntry`` and left out."""
    if not problems:
        return day
    if skipped is None:
        first = min(problems)
        raise FileProblem(day.path, day.lines[first], problems[first])
    for index in sorted(problems):
        skipped.append(BadEntry(day.path, day.lines[index], problems[index]))
    kept = [index for index in range(len(day.entries)) if index not in problems]
    return Day(day.path, [day.entries[index] for index in kept],
               [day.lines[index] for index in kept], day.torn_line, day.canonical, day.size)


def DayStream(journal, start=None, end=None, *, skip_bad=False, cache=True,  # noqa: N802
              with_voided=False):
    """The day files of a range, each judged with ``readable`` (a cached day
    these rules found clean before is not judged again), less what a void
    takes out unless ``with_voided``."""
    return loader.DayStream(journal, start, end, skip_bad=skip_bad, cache=cache,
                            accept=_acceptor(journal, with_voided),
                            judged_by=rules_fingerprint(journal),
                            accept_judged=_ref_acceptor(journal, with_voided),
                            typed=_line_proof(journal))


def load_range(journal, start=None, end=None, *, skip_bad=False, cache=True, with_voided=False):
    return loader.load_range(journal, start, end, skip_bad=skip_bad, cache=cache,
                             accept=_acceptor(journal, with_voided),
                             judged_by=rules_fingerprint(journal),
                             accept_judged=_ref_acceptor(journal, with_voided),
                             typed=_line_proof(journal))


def _line_proof(journal):
    """For a day about to be parsed: the line proof of the journal's rules
    (``readable`` then takes the entries it proved), made on first need."""
    return lambda: rules_for(journal).lines()


def _ref_acceptor(journal, with_voided=False):
    """For a day the cache remembers clean on its own: its updates' and
    voids' refs, which lead into other files, judged on every run all the
    same; and the voids of the whole journal applied."""
    def accept(day, skipped):
        kept = _without(day, ref_problems(judge_for(journal), day.entries, day.linked), skipped)
        return kept if with_voided else _unvoided(journal, kept)
    return accept


def _unvoided(journal, day):
    from lobbyctl.check.voids import voids_of

    return voids_of(journal).without(day)


# the modules whose rules judge an entry: a change to any of them is a change
# of the judgement, so every verdict kept under the old ones is void
JUDGING_MODULES = ("lobbyctl.check.entry", "lobbyctl.check.compiled", "lobbyctl.check.reading",
                   "lobbyctl.check.refs",  # which entries a kept ``Day.linked`` names
                   "lobbyctl.schema.fields", "lobbyctl.schema.ids", "lobbyctl.schema.vocab",
                   "lobbyctl.store.dayfile", "lobbyctl.store.lines")
_fingerprints = {}


def rules_fingerprint(journal, extra=()):
    """A digest of everything a verdict on a day depends on besides its bytes:
    the journal's settings and the source of the judging rules (found by
    module name, so every command makes the same one)."""
    import hashlib
    import importlib.util
    import json

    held = _fingerprints.get((id(journal), extra))
    if held is not None and held[0] is journal:
        return held[1]
    digest = hashlib.sha256(json.dumps(journal.config.data, sort_keys=True, default=str,
                                       ensure_ascii=False).encode("utf-8"))
    for name in JUDGING_MODULES + tuple(extra):
        try:
            with open(importlib.util.find_spec(name).origin, "rb") as handle:
                digest.update(handle.read())
        except (AttributeError, ImportError, OSError, TypeError, ValueError):
            digest.update(b"?")
    _fingerprints.clear()
    _fingerprints[(id(journal), extra)] = (journal, digest.hexdigest())
    return digest.hexdigest()


def _acceptor(journal, with_voided=False):
    def accept(day, skipped):
        kept = readable(journal, day, skipped)
        return kept if with_voided else _unvoided(journal, kept)
    return accept


def read_day(journal, date, skipped=None):
    """One day, as ``show`` reads it: parsed, then judged like any reader's;
    with ``skipped``, a file that does not parse is noted there and read as
    an empty day."""
    from lobbyctl.store.dayfile import read_day as parse

    path = journal.day_path(date)
    try:
        day = parse(path)
    except FileProblem as problem:
        if skipped is None:
            raise
        skipped.append(problem)
        return Day(path, [], [])
    return readable(journal, day, skipped, date)


def counted(journal, day):
    """``day`` (a parsed ``Day``, the one a recorder holds under the lock)
    as every reader counts it: the entries ``check`` accepts, less what a
    void takes out.  An entry ``check`` rejects is left out, never refused:
    a hand edit does not stop recording.  The voids of this very file are
    applied too, since one may have been appended after the journal's were
    found."""
    from lobbyctl.check.voids import voids_of

    kept = voids_of(journal).without(readable(journal, day, []))
    here = {entry.get("ref") for entry in kept.entries if entry.get("type") == "void"}
    if not here:
        return kept
    keep = [index for index, entry in enumerate(kept.entries)
            if entry.get("id") not in here
            and not (entry.get("type") == "update" and entry.get("ref") in here)]
    return Day(kept.path, [kept.entries[index] for index in keep],
               [kept.lines[index] for index in keep], kept.torn_line, kept.canonical, kept.size)


def find_entry(journal, entry_id, skipped=None):
    """``lookup.find_entry``, judging the entries that carry the id (two
    with it are a duplicate): rejected, it fails — or with ``skipped`` is
    noted there and the entry is treated as missing."""
    return lookup.find_entry(journal, entry_id,
                             accept=lambda day: readable(journal, day, skipped))


def require_entry(journal, typed, option, lang, entry_type=None):
    """``lookup.require_entry`` for update, refer and void: the entry named
    must be one ``check`` accepts, else ``path:line: message`` (exit 1),
    and not one a void took out (exit 1, naming the void and its reason)."""
    from lobbyctl.check.voids import voids_of
    from lobbyctl.errors import JournalProblem
    from lobbyctl.schema.text.messages import problem

    found = lookup.require_entry(journal, typed, option, lang, entry_type,
                                 accept=lambda day: readable(journal, day))
    void = voids_of(journal).of(found.entry.get("id"))
    if void is not None:
        raise problem(JournalProblem, "entry_voided", id=void.ref, void=void.id, at=void.at,
                      reason=void.reason)
    return found
