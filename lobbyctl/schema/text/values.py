"""One value as a person reads it, in Chinese or English: labels for keys,
per cent, minutes, days, changes, yes and no, met and missed."""

# a target met or missed (the headline figures' ``met`` column)
_MET = {True: ("达标", "met"), False: ("未达标", "missed")}


def show_value(value, kind, lang, labels=None):
    """One value as a person reads it; ``labels`` (key -> (zh, en), a
    journal's vocabulary with its additions) names the keys of a label kind."""
    if value is None or value == "":
        return "—"
    if kind.startswith("label:"):
        return _label(kind[6:], value, lang, labels)
    if kind.startswith("labels:"):
        # a list of keys (handling steps, special groups): each shown by its label
        names = [_label(kind[7:], key, lang, labels) for key in value]
        return "、".join(names) if lang == "zh" else ", ".join(names)
    if kind == "pct":
        return f"{value * 100:.1f}%"
    if kind == "points":  # a rate's change, as a difference of ratios: 0.035 is 3.5 points
        return f"{value * 100:+.1f} 个百分点" if lang == "zh" else f"{value * 100:+.1f} pt"
    if kind == "change_pct":  # a count's change, as a ratio of the earlier figure
        return f"{value * 100:+.0f}%"
    if kind == "met" and isinstance(value, bool):
        return _MET[value][0] if lang == "zh" else _MET[value][1]
    if kind == "minutes":
        return f"{value:g} 分钟" if lang == "zh" else f"{value:g} min"
    if kind == "days":
        return f"{value:g} 天" if lang == "zh" else f"{value:g} d"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value)) if lang == "zh" else ", ".join(map(str, value))
    return str(value)


def _label(name, key, lang, labels):
    pair = labels.get(key) if labels and isinstance(key, str) else None
    if pair:
        return pair[0] if lang == "zh" else pair[1]
    from lobbyctl.schema.vocab import label

    return label(name, key, lang)
