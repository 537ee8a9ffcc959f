"""Masking personal numbers the way banks do on anything that leaves the core:
mobile numbers keep the first 3 and last 4 digits (138****1234), 18-character
ID-card numbers the first 3 and last 4 (110***********001X), bank-card
numbers (16–19 digits passing the Luhn check) the last 4, landlines the area
code and last 4.

People type a number in many forms: full-width digits (１３８…) from a Chinese
input method, Chinese digits (一三八…, 〇/零 for 0, 幺 for 1 as it is read
aloud, and the financial forms 壹贰叁… a bank writes amounts in), and groups
separated by spaces of any kind (no-break, thin, ideographic, tabs, line
breaks, runs of them), dashes of any kind, dots or underscores.  Characters
that show as nothing at all (zero-width spaces and joiners, the soft hyphen,
a byte-order mark) are left out: between two digits they would otherwise
split a number that still reads whole on the screen.  The patterns match a
normalised copy of the text, in which every digit is ASCII and every
separator a space; each match is then replaced in the original, so that the
digits kept are shown as typed and nothing else changes."""

import re

# Digits beyond ASCII ones: full-width ones (see _TABLE) and Chinese ones.
_CHINESE_DIGITS = {"〇": "0", "零": "0", "幺": "1", "一": "1", "二": "2", "三": "3",
                   "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
                   "壹": "1", "贰": "2", "貳": "2", "叁": "3", "參": "3", "肆": "4", "伍": "5",
                   "陆": "6", "陸": "6", "柒": "7", "捌": "8", "玖": "9"}
# Shown as nothing: left out of the normalised copy altogether.
_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
# Separators between the groups of a number; a run of them counts as one.
_SEPARATORS = frozenset(" \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                        "\u2008\u2009\u200a\u202f\u205f\u3000\n\r"
                        "-_.\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\uff0e\uff3f")
_SIGNS = {"＋": "+", "（": "(", "）": ")", "Ｘ": "X", "ｘ": "x"}

_S = " "  # a separator in the normalised copy; a run of them counts as one
_SEP = " +"
_OPT = " *"
# An ID card: 17 digits and a digit or X.  Typed whole, or in its own groups
# (6-8-4, 6-4-4-4), or in groups of four (4-4-4-4-2) as people read it out;
# a match with other grouping must hold a birth date to count (see _id_card).
# (a digit may follow a final X: 11010119900307123X4111… is an ID and a card)
_ID_CARD_PATTERN = (rf"(?<![\d*])((?:\d{_OPT}){{17}}[0-9Xx])"
                    r"(?:(?<=[Xx])(?![A-Za-z])|(?<=\d)(?![0-9A-Za-z]))")
# A card is typed whole or in groups: of four (the last group shorter), 6+13
# (as printed on some UnionPay cards), 4-6-6..9 (as on others); looser grouping
# would take two dates (2026-04-28 2026-05-01) for a card number.
_CARD_PATTERN = (rf"(?<![\d*])(?:\d{{16,19}}|\d{{4}}(?:{_SEP}\d{{4}}){{3}}(?:{_OPT}\d{{1,3}})?"
                 rf"|\d{{6}}{_SEP}\d{{10,13}}|\d{{4}}{_SEP}\d{{6}}{_SEP}\d{{6,9}})(?![\d*])")
_MOBILE_PATTERN = (rf"(?<![\d*])((?:\+|00)?86{_OPT})?(1[3-9]\d){_OPT}(\d{{4}}){_OPT}(\d{{4}})"
                   r"(?![\d*])")
# The area code: 0xx(x), in brackets or not; after +86 its 0 may be left out.
_LANDLINE_PATTERN = (rf"(?<![\d*])((?:\+86{_OPT}(?:\(0?\d{{2,3}}\)|0?\d{{2,3}})"
                     rf"|\(0\d{{2,3}}\)|0\d{{2,3}}))({_OPT})(\d{{3,4}}){_OPT}(\d{{4}})(?![\d*])")

_COMPILED = []


def _patterns():
    # compiled on first use: most recorded text holds no digits at all, and a
    # recording command should not pay 2 ms to compile what it never runs
    if not _COMPILED:
        _COMPILED.extend(re.compile(pattern, re.ASCII) for pattern in (
            _ID_CARD_PATTERN, _CARD_PATTERN, _MOBILE_PATTERN, _LANDLINE_PATTERN))
    return _COMPILED


_ESCAPES = {"t": 1, "n": 1, "r": 1, "x": 3, "u": 5}  # characters after the backslash
_SIMPLE_ESCAPES = {"t": "\t", "n": "\n", "r": "\r"}
_HEX = frozenset("0123456789abcdefABCDEF")


def _escaped(text, index):
    """``(end, character)`` of the escape at ``text[index]`` when it writes a
    separator or an invisible character as Python's repr writes it
    (``\\xa0``, ``\\u200b``, ``\\t``, ``\\n``), else ``(0, None)``: a message
    quoting typed text with ``!r`` must not hide a number behind escapes."""
    size = _ESCAPES.get(text[index + 1:index + 2])
    if size is None:
        return 0, None
    code = text[index + 1:index + 1 + size]
    if len(code) < size or not all(char in _HEX for char in code[1:]):
        return 0, None
    decoded = _SIMPLE_ESCAPES.get(code) or chr(int(code[1:], 16))
    if decoded in _SEPARATORS or decoded in _INVISIBLE:
        return index + 1 + size, decoded
    return 0, None


# The normalised copy, character for character: every separator a space,
# every digit ASCII (the patterns match ASCII only).
_TABLE = str.maketrans({**dict.fromkeys(_SEPARATORS, _S), **_CHINESE_DIGITS, **_SIGNS,
                        **{chr(0xFF10 + n): str(n) for n in range(10)}})
# The same with Chinese digits left as they are (not digits to the patterns):
# a name ending in one (张三, 李四, 王五) glued to a number would otherwise
# lend it a digit (张三13812345678 read as 313812345678, no mobile at all)
_ARABIC_TABLE = str.maketrans({**dict.fromkeys(_SEPARATORS, _S), **_SIGNS,
                               **{chr(0xFF10 + n): str(n) for n in range(10)}})


class _Normalised:
    """The copy of ``text`` the patterns see, and where each of its
    characters came from in ``text``."""

    def __init__(self, text, table=_TABLE):
        self.text = text
        if "\\" not in text and _INVISIBLE.isdisjoint(text):
            # one character for one: positions in the copy are positions in text
            self.copy = text.translate(table)
            self.starts = None
            return
        # an escaped separator (``\\xa0``) becomes one space and an invisible
        # character nothing: positions shift
        chars = []
        starts = []
        index = 0
        length = len(text)
        while index < length:
            start = index
            char = text[index]
            index += 1
            if char == "\\":
                end, decoded = _escaped(text, start)
                if end:
                    index, char = end, decoded
            if char in _INVISIBLE:
                continue  # its text goes with the character before it
            chars.append(char.translate(table))
            starts.append(start)
        starts.append(length)
        self.copy = "".join(chars)
        self.starts = starts

    def at(self, position):
        """Where ``copy[position]`` came from in the text."""
        return position if self.starts is None else self.starts[position]

    def original(self, start, end):
        """The original text behind ``copy[start:end]``."""
        return self.text[self.at(start):self.at(end)]


def _luhn(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _digit_spans(seen, start, end):
    """The positions of the digits (and a final X) in ``copy[start:end]``."""
    return [index for index in range(start, end) if seen.copy[index] != _S]


def _keep(seen, positions):
    return "".join(seen.original(index, index + 1) for index in positions)


def _id_card(seen, match):
    positions = _digit_spans(seen, *match.span(1))
    groups = [len(group) for group in match.group(1).split()]
    if groups not in ([18], [6, 8, 4], [6, 4, 4, 4], [4, 4, 4, 4, 2]):
        digits = match.group(1).replace(_S, "")
        month, day = int(digits[10:12]), int(digits[12:14])
        if digits[6:8] not in ("19", "20") or not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
    return _keep(seen, positions[:3]) + "*" * 11 + _keep(seen, positions[-4:])


def _card(seen, match):
    positions = _digit_spans(seen, *match.span())
    digits = match.group().replace(_S, "")
    if not _luhn(digits):
        return None
    return "*" * (len(digits) - 4) + _keep(seen, positions[-4:])


def _mobile(seen, match):
    prefix = seen.original(*match.span(1)) if match.group(1) else ""
    return (prefix + seen.original(*match.span(2)) + "****"
            + seen.original(*match.span(4)))


def _landline(seen, match):
    area = seen.original(*match.span(1))
    separator = seen.original(*match.span(2))
    if not separator and not area.endswith((")", "）")):
        separator = "-"
    return f"{area}{separator}****{seen.original(*match.span(4))}"


# The shortest personal number has ten digits (a landline: 010 123 4567).
_FEWEST_DIGITS = 10


def _could_hold_a_number(text):
    # the cheap test that spares most text (no digits, or a date and a time,
    # or a Chinese sentence with a 一 in it) the normalising and the
    # patterns altogether: every digit a pattern can see is a character
    # str.isdigit takes (ASCII, full-width) or a Chinese digit
    if _CHINESE_DIGITS.keys().isdisjoint(text):
        return sum(map(str.isdigit, text)) >= _FEWEST_DIGITS
    return (sum(map(str.isdigit, text)) + sum(map(_CHINESE_DIGITS.__contains__, text))
            >= _FEWEST_DIGITS)


def _apply(pattern, replace, seen):
    """``seen``'s text with each match of ``pattern`` replaced, and the count."""
    text = seen.text
    pieces = []
    done = 0
    count = 0
    for match in pattern.finditer(seen.copy):
        new = replace(seen, match)
        if new is None:
            continue
        start, end = seen.at(match.start()), seen.at(match.end())
        pieces.append(text[done:start])
        pieces.append(new)
        done = end
        count += 1
    if not count:
        return text, 0
    pieces.append(text[done:])
    return "".join(pieces), count


def mask_text(text):
    """``(masked text, how many numbers were masked)``."""
    if not text or not isinstance(text, str) or not _could_hold_a_number(text):
        return text, 0
    total = 0
    # to a fixed point: a masked number never leaves digits that, with their
    # neighbours, read as another one (what is stored is masked for good)
    for _round in range(4):
        found = 0
        # Chinese digits read as digits, then (where there are any) as
        # letters: a number is masked if either reading finds it
        tables = (_TABLE,) if _CHINESE_DIGITS.keys().isdisjoint(text) else (_TABLE, _ARABIC_TABLE)
        for table in tables:
            seen = _Normalised(text, table)
            for pattern, replace in zip(_patterns(), (_id_card, _card, _mobile, _landline)):
                text, count = _apply(pattern, replace, seen)
                if count:
                    found += count
                    seen = _Normalised(text, table)
        total += found
        if not found or not _could_hold_a_number(text):
            break
    return text, total


def mask(text):
    """``text`` with every personal number in it masked."""
    return mask_text(text)[0]


def mask_value(value):
    """Masks every string in a field value (a string or a list of them)."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list):
        return [mask_value(item) for item in value]
    if isinstance(value, dict):
        return {key: mask_value(item) for key, item in value.items()}
    return value
