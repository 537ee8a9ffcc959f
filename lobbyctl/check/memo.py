"""What a command makes once for its journal (compiled rules, the ref judge)."""


def one_per_journal(held, journal, make):
    """``make(journal)``, made once for ``journal`` and kept in ``held`` (a
    dict of the caller's): one journal a command, so another journal replaces
    it -- never a map that grows with every journal a long process opens."""
    kept = held.get("journal")
    if kept is None or kept[0] is not journal:
        held.clear()
        kept = held["journal"] = (journal, make(journal))
    return kept[1]
