"""Entry ids: ``YYMMDD-xxxxxx``, the day it belongs to and six random
characters of Crockford's base32 (no i, l, o, u: nothing to misread).

The date part makes the id say where the entry lives (``update`` opens one
file) and makes clashes possible only within one day; 30 random bits make a
clash between two clones merged in git about 1 in 27,000 for two halves of a
busy day (200 entries each); within one clone the writer checks the day under
its lock and never repeats an id.  ``check`` reports any duplicate anyway."""

import os
import re

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
# ASCII digits only: ``\d`` would take full-width or Arabic-Indic ones, and an
# id (or a ref) spelt with them would pass for the shape of an id
ID_PATTERN = re.compile(r"^([0-9]{6})-([0-9a-hjkmnp-tv-z]{6})\Z")
_MISREAD = str.maketrans({"i": "1", "l": "1", "o": "0", "u": "v"})
# what a Chinese input method types: full-width forms (２６１１２０－７ｋｑ３ｘｍ)
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def new_id(day, taken=()):
    """A fresh id for an entry on ``day`` (a date), not in ``taken``."""
    prefix = day.strftime("%y%m%d") + "-"
    while True:
        # 30 random bits, 5 a character (os.urandom: the secrets module costs
        # a recording command 2 ms of imports)
        bits = int.from_bytes(os.urandom(4), "big") >> 2
        candidate = prefix + "".join(ALPHABET[(bits >> shift) & 31] for shift in range(25, -1, -5))
        if candidate not in taken:
            return candidate


def normalise_id(typed):
    """What a person typed, as the id it must mean: lower case, misread
    letters mapped as Crockford's base32 does, full-width forms as their
    ASCII; None if it cannot be an id."""
    text = typed.strip().translate(_FULL_WIDTH).lower()
    head, sep, tail = text.partition("-")
    candidate = head + sep + tail.translate(_MISREAD)
    return candidate if ID_PATTERN.match(candidate) else None


def id_date(entry_id):
    """The (year, month, day) an id names, or None."""
    match = ID_PATTERN.match(entry_id or "")
    if not match:
        return None
    digits = match.group(1)
    return 2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:])
