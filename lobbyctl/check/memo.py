"""What a command makes once for its journal (compiled rules, the ref judge,
the list of its day files with their identities)."""


def one_per_journal(held, journal, make):
    """``make(journal)``, made once for ``journal`` and kept in ``held`` (a
    dict of the caller's): one journal a command, so another journal replaces
    it -- never a map that grows with every journal a long process opens."""
    kept = held.get("journal")
    if kept is None or kept[0] is not journal:
        held.clear()
        kept = held["journal"] = (journal, make(journal))
    return kept[1]


_listed = {}


def day_identities(journal):
    """Every day file of ``journal`` in date order as ``(day, path, identity)``
    (``store.file_index.identity``), listed and looked at once a command
    (the kept month ends and the voids' index both key on them: a ten-year
    journal is 3,650 files); None if a folder holds something that is no
    folder (a reader names it)."""
    return one_per_journal(_listed, journal, _list)


def _list(journal):
    from lobbyctl.store.file_index import identities

    odd = []
    listed = journal.day_files(None, None, odd.append)
    if odd:
        return None
    found = identities([path for _day, path in listed])
    return [(day, path, identity) for (day, path), identity in zip(listed, found)]


_texts = {}


def identity_text(journal, end=None):
    """The bytes the kept records digest of every day file up to the day
    ``end`` (None: all of them), in date order: each month's files as their
    days and identities (``_month_text``), one month after another -- a
    view of one text made once a command (a ten-year journal's is digested
    for each month end a form resumes from, and for the voids of the whole
    journal); None if a folder holds something that is no folder."""
    import bisect

    made = one_per_journal(_texts, journal, _identity_text)
    if made is None:
        return None
    listed, days, starts, offsets, text = made
    count = len(days) if end is None else bisect.bisect_right(days, end)
    month = bisect.bisect_right(starts, count) - 1  # the month whose files ``count`` reaches into
    whole = memoryview(text)[:offsets[month]]
    if starts[month] == count:
        return whole
    return memoryview(bytes(whole) + _month_text(listed[starts[month]:count]))


def _identity_text(journal):
    import itertools

    listed = day_identities(journal)
    if listed is None:
        return None
    starts, offsets, parts, length = [], [], [], 0
    first = 0
    for _month, files in itertools.groupby(listed, key=lambda item: (item[0].year,
                                                                     item[0].month)):
        files = list(files)
        starts.append(first)
        offsets.append(length)
        part = _month_text(files)
        parts.append(part)
        first += len(files)
        length += len(part)
    starts.append(first)  # past the last month: every file, the whole text
    offsets.append(length)
    return listed, [day for day, _path, _identity in listed], starts, offsets, b"".join(parts)


def _month_text(files):
    """The days (ordinals) and identities of ``files``, ``(day, path,
    identity)``, in marshal's version 2: without references, so the same
    values always make the same bytes."""
    import marshal

    return marshal.dumps(([day.toordinal() for day, _path, _identity in files],
                          [identity for _day, _path, identity in files]), 2)
