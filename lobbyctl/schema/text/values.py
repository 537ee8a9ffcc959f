"""One value as a person reads it, in Chinese or English: labels for keys,
per cent, minutes, days, yes and no."""


def show_value(value, kind, lang):
    """One value as a person reads it."""
    if value is None or value == "":
        return "—"
    if kind.startswith("label:"):
        from lobbyctl.schema.vocab import label

        return label(kind[6:], value, lang)
    if kind.startswith("labels:"):
        # a list of keys (handling steps, special groups): each shown by its label
        from lobbyctl.schema.vocab import label

        names = [label(kind[7:], key, lang) for key in value]
        return "、".join(names) if lang == "zh" else ", ".join(names)
    if kind == "pct":
        return f"{value * 100:.1f}%"
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
