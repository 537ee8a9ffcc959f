"""The headline figures of a month by name and kind, and the targets a
journal may set on them (``targets:`` in ``lobbyctl.yaml``).

``HEADLINE`` is the list the monthly form's first section, the region form
and ``check`` share: a figure's stable English key, its kind (how its value
is shown and what a target on it may be) and whether more is better.  How
each is computed is ``reports/headline.py`` (one function per key, in the
same order).  It lives here, below ``check`` and ``store``, because
``check`` judges the targets against it.

A target is named by a figure's key with ``_min`` or ``_max`` (at least,
at most), or by the key alone in its good direction (``diversion_rate``:
at least; ``formal_complaints``: at most); ``wait_p90_minutes`` is
``wait_p90_max``.  Rates are shares from 0 to 1, counts and minutes are not
negative."""

import math
from typing import NamedTuple

# key -> (kind, higher is better); the form lists them in this order
HEADLINE = {
    "customers": ("int", True),
    "daily_average": ("number", True),
    "diversion_rate": ("pct", True),
    "wait_median": ("minutes", False),
    "wait_p90": ("minutes", False),
    "within_10_minutes": ("pct", True),
    "highend": ("int", True),
    "referrals": ("int", True),
    "referral_conversion": ("pct", True),
    "grumbles": ("int", False),
    "formal_complaints": ("int", False),
    "overdue_complaints": ("int", False),
    "faults_reported": ("int", False),
    "faults_open": ("int", False),
    "checklist_compliance": ("pct", True),
    # counter ratings, the queue machine and outreach (issue 12)
    "satisfaction": ("pct", True),
    "no_show_rate": ("pct", False),
    "outreach_events": ("int", True),
    "brought_in": ("int", True),
    "lead_conversion": ("pct", True),
}

# names people wrote before the suffix rule, kept as they are in the issue
_ALIASES = {"wait_p90_minutes": ("wait_p90", "max")}


def _target_names():
    names = {}
    for key, (_kind, higher) in HEADLINE.items():
        names[key] = (key, "min" if higher else "max")
        names[f"{key}_min"] = (key, "min")
        names[f"{key}_max"] = (key, "max")
    names.update(_ALIASES)
    return names


# target name -> (figure key, "min" | "max"): exactly the names accepted
TARGET_NAMES = _target_names()


class Target(NamedTuple):
    figure: str  # a HEADLINE key
    direction: str  # "min": met when the figure is at least the value; "max": at most
    value: object  # int or float, in the figure's own unit (a rate as 0..1)
    name: str  # as written in lobbyctl.yaml

    def met(self, value):
        """Whether ``value`` meets the target; None when there is no figure."""
        if value is None:
            return None
        return value >= self.value if self.direction == "min" else value <= self.value


def read_targets(raw):
    """``(targets, problems)`` of a ``targets:`` setting: ``targets`` maps a
    figure key to its ``Target`` (only the valid ones), ``problems`` is a
    list of ``(name, message key, values)`` for the catalogue
    (``schema/text/messages.py``), ``name`` None for the whole setting."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [(None, "targets_not_mapping", {})]
    targets, problems = {}, []
    for name, value in raw.items():
        name = str(name)
        known = TARGET_NAMES.get(name)
        if known is None:
            # the message quotes the name: a long one is cut, so a line stays a line
            problems.append((name, "target_unknown",
                             {"name": _clipped(name), "valid": ", ".join(TARGET_NAMES)}))
            continue
        figure, direction = known
        wrong = _value_problem(HEADLINE[figure][0], value)
        if wrong:
            problems.append((name, wrong, {"name": name, "value": _shown(value)}))
            continue
        if figure in targets:
            problems.append((name, "target_twice", {"name": name, "other": targets[figure].name}))
            continue
        targets[figure] = Target(figure, direction, value, name)
    return targets, problems


def _value_problem(kind, value):
    if type(value) not in (int, float):
        return "target_not_number"
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an int past any float (10**400): no figure reaches it
        return "target_too_large"
    if not finite:
        return "target_not_number"
    if kind == "pct" and not 0 <= value <= 1:
        return "target_not_rate"
    if value < 0:
        return "target_negative"
    return None


def _shown(value):
    return _clipped(repr(value))  # quoted, so "20" is seen to be text


def _clipped(text, limit=60):
    return text if len(text) <= limit else text[:limit] + "…"
