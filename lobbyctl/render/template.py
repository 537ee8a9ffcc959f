"""Drawing a report into a form: a ``string.Template`` per language and format.

The monthly feedback form is a fixed document the branch head expects —
headings, numbering, prose, signature lines — with the figures poured in.
The form's text lives in ``templates/`` (shipped as ``lobbyctl.templates``):
``month.zh.md``/``month.en.md`` for Markdown, ``month.zh.txt``/``month.en.txt``
for the terminal.  Placeholders: ``${title}``, ``${header}`` (the header
facts) and one per section key, each filled with that section drawn in the
format asked for.  CSV and JSON are data, not forms: they skip the template."""

import os
import string

from lobbyctl.render.document import draw_meta, draw_section
from lobbyctl.render.formats import renderer
from lobbyctl.schema.text.safe import neutralise

_EXTENSIONS = {"markdown": "md", "text": "txt"}


def template_text(name, lang, fmt):
    """The packaged template ``name`` for a language and format (read from the
    installed package, never from a checkout path): from the package's folder,
    and through ``importlib.resources`` only where it has none (a zipped
    install), which costs 13 ms of imports (pathlib, tempfile, zipfile)."""
    import lobbyctl.templates as package

    file_name = f"{name}.{lang}.{_EXTENSIONS[fmt]}"
    folder = os.path.dirname(getattr(package, "__file__", None) or "")
    if folder and os.path.isfile(os.path.join(folder, file_name)):
        with open(os.path.join(folder, file_name), encoding="utf-8") as handle:
            return handle.read()
    from importlib.resources import files

    return files("lobbyctl.templates").joinpath(file_name).read_text(encoding="utf-8")


def render_with_template(report, template, fmt):
    """``report`` drawn into ``template`` (its text).  Every section of the
    report must have its placeholder and every placeholder a value: a form
    that silently drops a section, or prints ``${...}``, is a bug — so an
    unfilled one raises ``KeyError`` and a left-out section ``ValueError``."""
    style = renderer(fmt).STYLE
    # the title may quote lobbyctl.yaml (the branch): escaped like every drawn value
    title = neutralise(report.title, one_line=True)
    if fmt == "text":  # underlined as the plain document's (the form has its "# ")
        title = style.title(title).rstrip("\n")
    values = {"title": title, "header": draw_meta(report, style)}
    for section in report.sections:
        values[section.key] = draw_section(section, report.lang, style)
    # the form's own prose fitted as its sections are (the text form: to the width)
    # (a line holding a placeholder stays whole: its value is fitted already)
    template = "\n".join(line if "$" in line else style.fit(line)
                          for line in template.split("\n"))
    form = string.Template(template)
    used = {match.group("named") or match.group("braced")
            for match in form.pattern.finditer(template)} - {None}
    left_out = sorted(set(values) - used)
    if left_out:
        raise ValueError(f"template has no place for: {', '.join(left_out)}")
    text = form.substitute(values)
    # one newline at the end, no trailing spaces: the same bytes every run
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def form_wording(name, lang):
    """The form's own sentences outside its sections, as its Markdown
    template words them — the note under the header (its ``>`` lines) and
    the signature lines (after the ``---`` rule) — for a format with no
    template of its own (the printable page, render/html.py)."""
    lines = template_text(name, lang, "markdown").splitlines()
    intro = [line[1:].strip() for line in lines if line.startswith(">")]
    rules = [index for index, line in enumerate(lines) if line.strip() == "---"]
    signatures = [line.strip() for line in lines[rules[-1] + 1:]] if rules else []
    return intro, [line for line in signatures if line]
