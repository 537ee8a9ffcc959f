"""The journal's timezone for a recording command, without importing zoneinfo
when its rules say the clock never changes in the years a journal keeps.

``import zoneinfo`` costs a recording some 2 ms (its search path comes from
``sysconfig``).  Most branches' zones (Asia/Shanghai) have kept one UTC
offset since long before 2000, so what a recorder does with the zone -- the
time now, ``--at`` read in it, an entry's ``at`` judged on its day -- is
plain arithmetic with that offset.  ``SteadyZone`` is such a zone: between
``FIRST`` and ``LAST`` it answers from the offset, anywhere else it asks the
real ``ZoneInfo`` (loaded then), so it answers as ``ZoneInfo`` everywhere.

Whether a zone is steady is read once from its TZif file (every transition,
and the rule after the last one) and kept beside the machine key
(``~/.cache/lobbyctl/zones.json``, signed as ``day_facts`` signs): the
zone's name, the file zoneinfo finds for it on its search path and that
file's identity on this disk, the paths searched before it (which must
still hold nothing), ``PYTHONTZPATH`` and this Python.  Anything else -- a
zone with daylight saving, one found in the ``tzdata`` package, a record
that does not match -- is the real ``ZoneInfo``, as before."""

import datetime
import os
import re
import sys

# the years a journal keeps (ids carry two digits), with a week either side:
# an ``at`` judged against its day is within a day of it
FIRST = datetime.datetime(1999, 12, 25)
LAST = datetime.datetime(2100, 1, 7)
_EPOCH = datetime.datetime(1970, 1, 1)
RECORD = "zones.json"  # beside the machine key: the rules are the machine's
# a POSIX TZ rule of standard time alone: a name and an offset, no DST part
_STANDARD_ONLY = r"([A-Za-z]{3,}|<[+-]?[A-Za-z0-9]+>)([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?"


class SteadyZone(datetime.tzinfo):
    """A zone that keeps ``offset`` (and ``abbreviation``) from ``FIRST`` to
    ``LAST``; outside them, the real zone's answer."""

    def __init__(self, key, offset, abbreviation, load):
        self.key = key
        self._offset = offset
        self._name = abbreviation
        self._load = load
        self._real = None
        self._first_utc = FIRST - offset
        self._last_utc = LAST - offset

    def _zone(self):
        if self._real is None:
            self._real = self._load(self.key)
        return self._real

    def _steady(self, dt):
        return dt is not None and FIRST <= dt.replace(tzinfo=None) <= LAST

    def utcoffset(self, dt):
        if self._steady(dt):
            return self._offset
        return self._zone().utcoffset(None if dt is None else dt.replace(tzinfo=None))

    def dst(self, dt):
        if self._steady(dt):
            return datetime.timedelta(0)
        return self._zone().dst(None if dt is None else dt.replace(tzinfo=None))

    def tzname(self, dt):
        if self._steady(dt):
            return self._name
        return self._zone().tzname(None if dt is None else dt.replace(tzinfo=None))

    def fromutc(self, dt):
        naive = dt.replace(tzinfo=None)
        if self._first_utc <= naive <= self._last_utc:
            return (naive + self._offset).replace(tzinfo=self)
        real = self._zone()
        return real.fromutc(naive.replace(tzinfo=real)).replace(tzinfo=self)

    def __str__(self):
        return self.key

    def __repr__(self):
        return f"SteadyZone(key={self.key!r})"

    def __reduce__(self):
        return (self._load, (self.key,))


def steady_zone(name, facts, load):
    """A ``SteadyZone`` for the zone ``name`` when the record in ``facts``
    (a ``day_facts.DayFacts``) proves it steady here, else None; ``load``
    makes the real zone (``journal.load_timezone``), which is also what a
    missing or stale record is made from (and then written)."""
    record = facts.read_json(RECORD)
    zones = record.get("zones") if type(record) is dict and \
        record.get("python") == _python() else None
    zones = zones if type(zones) is dict else {}
    held = zones.get(name)
    if type(held) is dict and _still(held):
        offset, abbreviation = held["offset"], held["abbreviation"]
        return SteadyZone(name, datetime.timedelta(seconds=offset), abbreviation, load)
    load(name)  # the real zone: an unknown one is refused here, as before
    found = _derive(name)
    if found is not None:
        zones[name] = found
        facts.write_json(RECORD, {"python": _python(), "zones": zones})
        return SteadyZone(name, datetime.timedelta(seconds=found["offset"]),
                          found["abbreviation"], load)
    return None


def _python():
    return [sys.version, sys.base_prefix, os.environ.get("PYTHONTZPATH")]


def _identity(path):
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _still(held):
    """Whether the file zoneinfo would find is still the one read."""
    before, path = held.get("before"), held.get("file")
    if not (type(before) is list and type(path) is str and all(type(p) is str for p in before)
            and type(held.get("offset")) is int and type(held.get("abbreviation")) is str):
        return False
    if any(os.path.isfile(candidate) for candidate in before):
        return False
    return os.path.isfile(path) and _identity(path) == held.get("identity")


def _derive(name):
    """What makes ``name`` steady from ``FIRST`` to ``LAST`` (its file, the
    paths before it, its offset and abbreviation), or None."""
    import zoneinfo
    from zoneinfo import _common  # the TZif reader zoneinfo itself uses

    before, path = [], None
    for folder in zoneinfo.TZPATH:  # as zoneinfo's find_tzfile searches
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            path = candidate
            break
        before.append(candidate)
    if path is None:
        return None  # the tzdata package's, or none: left to zoneinfo
    identity = _identity(path)
    try:
        with open(path, "rb") as handle:
            kinds, times, offsets, dst, names, rule = _common.load_data(handle)
    except (OSError, ValueError, AssertionError, IndexError, TypeError):
        return None
    if _identity(path) != identity:
        return None
    first = (FIRST - _EPOCH).total_seconds() - 86400
    last = (LAST - _EPOCH).total_seconds() + 86400
    if any(first < when <= last for when in times):
        return None  # a transition in the years a journal keeps
    in_force = [kind for when, kind in zip(times, kinds) if when <= first]
    if not in_force:
        return None  # no transition before them: left to zoneinfo
    kind = in_force[-1]
    if dst[kind]:
        return None
    offset, abbreviation = offsets[kind], names[kind]
    if len(in_force) == len(times):  # after the last transition its rule decides
        match = re.fullmatch(_STANDARD_ONLY, rule.decode("ascii", "replace") if rule else "")
        if match is None:
            return None
        name_in_rule, sign, hours, minutes, seconds = match.groups()
        posix = int(hours) * 3600 + int(minutes or 0) * 60 + int(seconds or 0)
        # POSIX counts west of Greenwich: CST-8 is eight hours east
        if (posix if sign == "-" else -posix) != offset or name_in_rule.strip("<>") != abbreviation:
            return None
    return {"file": path, "before": before, "identity": identity, "offset": offset,
            "abbreviation": abbreviation}
