"""Masking personal numbers the way banks do on anything that leaves the core:
mobile numbers keep the first 3 and last 4 digits (138****1234), 18-character
ID-card numbers the first 3 and last 4 (110***********001X), bank-card
numbers (16–19 digits passing the Luhn check) the last 4, landlines the area
code and last 4."""

import re

# Digits may be typed in groups separated by a space or a dash, and in
# full-width form (１３８…) by a Chinese input method; ``\d`` matches both.
_SEP = "[ \\-\u3000－]"
# (a digit may follow a final X: 11010119900307123X4111… is an ID and a card)
_ID_CARD_PATTERN = (rf"(?<![0-9A-Za-z])(\d{{6}}){_SEP}?(\d{{4}}){_SEP}?(\d{{4}}){_SEP}?"
                      r"(\d{3}[0-9Xx])(?:(?<=[Xx])(?![A-Za-z])|(?<=\d)(?![0-9A-Za-z]))")
# A card is typed whole or in groups of four (the last group shorter): looser
# grouping would take two dates (2026-04-28 2026-05-01) for a card number.
_CARD_PATTERN = (rf"(?<![\d*])(?:\d{{16,19}}|\d{{4}}(?:{_SEP}\d{{4}}){{3}}(?:{_SEP}?\d{{1,3}})?)"
                   r"(?![\d*])")
_MOBILE_PATTERN = (rf"(?<![\d*])((?:[+＋]|00|００)?[8８][6６]{_SEP}?)?([1１][3-9３-９]\d){_SEP}?"
                     rf"(\d{{4}}){_SEP}?(\d{{4}})(?![\d*])")
# The area code: 0xx(x), in brackets or not; after +86 its 0 may be left out.
_LANDLINE_PATTERN = (rf"(?<![\d*])((?:[+＋][8８][6６]{_SEP}?(?:[(（]0?\d{{2,3}}[)）]|0?\d{{2,3}})"
                       rf"|[(（][0０]\d{{2,3}}[)）]|[0０]\d{{2,3}}))({_SEP}?)(\d{{3,4}}){_SEP}?"
                       rf"(\d{{4}})(?![\d*])")


_COMPILED = []


def _patterns():
    # compiled on first use: most recorded text holds no digits at all, and a
    # recording command should not pay 2 ms to compile what it never runs
    if not _COMPILED:
        _COMPILED.extend(re.compile(pattern) for pattern in (
            _ID_CARD_PATTERN, _CARD_PATTERN, _MOBILE_PATTERN, _LANDLINE_PATTERN))
    return _COMPILED


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


def _id_card(match):
    characters = "".join(match.groups())
    return characters[:3] + "*" * 11 + characters[-4:]


def _card(match):
    digits = re.sub(_SEP, "", match.group())
    if not _luhn(digits):
        return match.group()
    return "*" * (len(digits) - 4) + digits[-4:]


def _mobile(match):
    prefix = match.group(1) or ""
    return f"{prefix}{match.group(2)}****{match.group(4)}"


def _landline(match):
    area, separator, _middle, last = match.groups()
    if not separator and not area.endswith((")", "）")):
        separator = "-"
    return f"{area}{separator}****{last}"


def mask_text(text):
    """``(masked text, how many numbers were masked)``."""
    if not text or not any(char.isdigit() for char in text):
        return text, 0
    count = 0

    def counted(replace):
        def inner(match):
            nonlocal count
            new = replace(match)
            if new != match.group():
                count += 1
            return new
        return inner

    id_card, card, mobile, landline = _patterns()
    text = id_card.sub(counted(_id_card), text)
    text = card.sub(counted(_card), text)
    text = mobile.sub(counted(_mobile), text)
    text = landline.sub(counted(_landline), text)
    return text, count


def mask(text):
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
