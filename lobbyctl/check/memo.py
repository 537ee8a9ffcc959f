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


_lines = {}


def identity_lines(journal):
    """``(days, lines)``: every day file's date in date order, and for each
    the line ``"\nYYYY-MM-DD <identity>"`` the kept records digest (the
    month ends up to a day, the voids of the whole journal); ``(None,
    None)`` if a folder holds something that is no folder."""
    return one_per_journal(_lines, journal, _identity_lines)


def _identity_lines(journal):
    listed = day_identities(journal)
    if listed is None:
        return None, None
    return ([day for day, _path, _identity in listed],
            [f"\n{day.isoformat()} {identity}" for day, _path, identity in listed])
