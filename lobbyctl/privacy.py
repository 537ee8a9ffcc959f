"""Masking personal numbers the way banks do on anything that leaves the core:
mobile numbers keep the first 3 and last 4 digits (138****1234), 18-character
ID-card numbers the first 3 and last 4 (110***********001X), bank-card
numbers (16–19 digits passing the Luhn check) the last 4, landlines the area
code and last 4."""

import re

# digits may be typed in groups separated by spaces or dashes
_ID_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![\d*])\d(?:[ -]?\d){15,18}(?![\d*])")
_MOBILE = re.compile(r"(?<![\d*])((?:\+|00)?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![\d*])")
_LANDLINE = re.compile(r"(?<![\d*])((?:\+86[ -]?)?0\d{2,3})([ -]?)(\d{3,4})[ -]?(\d{4})(?![\d*])")


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


def _card(match):
    digits = re.sub(r"[ -]", "", match.group())
    if not _luhn(digits):
        return match.group()
    return "*" * (len(digits) - 4) + digits[-4:]


def _mobile(match):
    prefix = match.group(1) or ""
    return f"{prefix}{match.group(2)}****{match.group(4)}"


def _landline(match):
    area, separator, _middle, last = match.groups()
    return f"{area}{separator or '-'}****{last}"


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

    text = _ID_CARD.sub(counted(lambda m: m.group()[:3] + "*" * 11 + m.group()[-4:]), text)
    text = _CARD.sub(counted(_card), text)
    text = _MOBILE.sub(counted(_mobile), text)
    text = _LANDLINE.sub(counted(_landline), text)
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


def mask_entry(entry, fields):
    """A copy of ``entry`` with its free-text ``fields`` masked."""
    return {key: (mask_value(value) if key in fields else value) for key, value in entry.items()}
