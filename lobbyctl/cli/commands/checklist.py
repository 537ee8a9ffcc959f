import sys

import click

from lobbyctl.cli.common import (Label, announce, counted_view, journal_config,
                                 recording_options, when)


def complete_items(item_vocabulary):
    """Completion for --problem: click does not complete inside a tuple type,
    so the items are offered here, with the journal's extra items (located
    from the root options, since the root command has not run)."""

    def complete(ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from lobbyctl.schema import vocab

        checklist = vocab.vocabulary(item_vocabulary, journal_config(ctx))
        return [CompletionItem(key, help=checklist.label(key, "zh"))
                for key in checklist.keys() if key.startswith(incomplete.lower())]

    return complete


def checklist_options(item_vocabulary):
    """--ok and --problem ITEM TEXT, shared by open and close."""

    def decorate(function):
        function = click.option(
            "--problem", "problems", type=(Label(item_vocabulary), str), multiple=True,
            metavar="ITEM TEXT", shell_complete=complete_items(item_vocabulary),
            help="An item that was not right and what was wrong (repeatable); ITEM is "
                 "the key or its label.")(function)
        function = click.option(
            "--ok", "all_ok", is_flag=True,
            help="Every item not given with --problem is fine. Without it, items not "
                 "given are asked on a terminal, and are an error otherwise.")(function)
        return function

    return decorate


def _settle(journal, entry_type, all_ok, problem_pairs, day, precheck):
    """The checklist's ``(ok, problems)``: from the options, and on a terminal
    by asking about every item not given."""
    from lobbyctl.domain import checklists
    from lobbyctl.check.reading import counted
    from lobbyctl.store.dayfile import read_day
    from lobbyctl.schema.text.messages import say
    from lobbyctl.domain.record import clean_text

    lang = journal.config.lang
    checklist = checklists.items(entry_type, journal.config)
    problems = checklists.given_problems(
        [(item, clean_text(text, "--problem")) for item, text in problem_pairs], lang)
    left = checklists.missing(checklist, problems)
    fine = left if all_ok else []
    if left and not all_ok:
        if not sys.stdin.isatty():
            checklists.require_all(checklist, problems, lang)
        # refuse before the questions rather than after them; record() asks
        # again under the lock, which is the check that counts
        if precheck is not None:
            precheck(counted(journal, read_day(journal.day_path(day))))
        for item in left:
            name = checklist.label(item, lang)
            if click.confirm(say("checklist_ask_ok", lang, item=name), default=True, err=True):
                fine.append(item)
                continue
            while True:
                text = clean_text(click.prompt(say("checklist_ask_problem", lang, item=name),
                                               err=True), "--problem")
                if text:
                    break
            problems[item] = text
    return checklists.settle(checklist, problems, fine)


def _counts(journal, ok, problems):
    from lobbyctl.schema.text.messages import say

    return say("checklist_counts", journal.config.lang, ok=len(ok), problems=len(problems))


@click.command("open")
@recording_options
@checklist_options("open-item")
@click.option("--staff", multiple=True, metavar="NAME",
              help="A member of staff on duty (repeatable): tellers, greeters, guards.")
@click.option("--force", is_flag=True,
              help="Record a second opening of the same day (stored as forced).")
@click.pass_obj
def open_day(app, at_text, by, note, all_ok, problems, staff, force):
    """Record the opening checklist (营业前检查): appearance, facilities,
    materials, notices, plus the journal's extra items.

    Prints the new entry's id on stdout.  A day is opened once; a second
    opening is refused unless --force is given.

    \b
    Example:
      lobbyctl open --ok --staff 李娜 --staff 保安老周
      lobbyctl open --ok --problem facilities "2号取号机卡纸，已报修"
      lobbyctl open --at 08:20 --problem 宣传资料 "理财宣传册缺货" --ok
    """
    from lobbyctl.domain import checklists
    from lobbyctl.domain.record import clean_text, record

    journal = app.journal
    at = when(journal, at_text)
    precheck = checklists.refuse_second_open(at.date(), force, journal.config.lang)
    ok, found = _settle(journal, "open", all_ok, problems, at.date(), precheck)
    names = (clean_text(name, "--staff") for name in staff)
    fields = {
        "staff": list(dict.fromkeys(name for name in names if name)),
        "ok": ok, "problems": found, "forced": True if force else None,
        "note": clean_text(note, "--note") if note else None,
    }
    recorded = record(journal, "open", fields, at=at, by=by, precheck=precheck,
                      counted=counted_view(journal))
    announce(journal, recorded, _counts(journal, ok, found))


@click.command("close")
@recording_options
@checklist_options("close-item")
@click.option("--remarks", metavar="TEXT", help="The manager's remarks on the day.")
@click.pass_obj
def close_day(app, at_text, by, note, all_ok, problems, remarks):
    """Record the closing checklist (营业后检查): premises cleaned, equipment
    checked and powered off, lobby log reviewed, plus the journal's extra items.

    Prints the new entry's id on stdout, then a short summary of the day on
    stderr.  Warns if the day was never opened.  Entries recorded into a day
    after its closing still count, and say that they are back-filled.

    \b
    Example:
      lobbyctl close --ok --remarks "午间客流高峰，理财咨询较多"
      lobbyctl close --problem equipment "3号自助机未断电，已通知科技部" --ok
    """
    from lobbyctl.domain import checklists
    from lobbyctl.domain.record import clean_text, record

    journal = app.journal
    lang = journal.config.lang
    at = when(journal, at_text)
    ok, found = _settle(journal, "close", all_ok, problems, at.date(), None)
    fields = {
        "ok": ok, "problems": found,
        "remarks": clean_text(remarks, "--remarks") if remarks else None,
        "note": clean_text(note, "--note") if note else None,
    }
    check = checklists.CloseCheck(at.date(), lang)
    recorded = record(journal, "close", fields, at=at, by=by, precheck=check,
                      counted=counted_view(journal))
    announce(journal, recorded, _counts(journal, ok, found))
    from lobbyctl.cli.common import tell

    # the day's entries may be hand-edited, or hold numbers in full
    # (store_personal_data): their problems' texts are shown
    tell(checklists.summary(at.date(), check.entries + [recorded.entry], lang))
