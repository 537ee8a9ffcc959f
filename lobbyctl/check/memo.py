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
    """The text the kept records digest of every day file up to the day
    ``end`` (None: all of them), in date order: for each the line
    ``"\nYYYY-MM-DD <identity>"``, as ASCII bytes (a view of one text made
    once a command: a ten-year journal's is 300 kB, digested for each month
    end a form resumes from and for the voids of the whole journal); None if
    a folder holds something that is no folder."""
    import bisect

    made = one_per_journal(_texts, journal, _identity_text)
    if made is None:
        return None
    days, ends, text = made
    count = len(days) if end is None else bisect.bisect_right(days, end)
    return memoryview(text)[:ends[count - 1] if count else 0]


def _identity_text(journal):
    from itertools import accumulate

    listed = day_identities(journal)
    if listed is None:
        return None
    lines = [f"\n{day.isoformat()} {identity}" for day, _path, identity in listed]
    return ([day for day, _path, _identity in listed], list(accumulate(map(len, lines))),
            "".join(lines).encode("ascii"))
