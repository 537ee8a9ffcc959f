import click

from lobbyctl.cli.common import Label, announce, counted_view, recording_options, when
from lobbyctl.errors import UsageProblem


@click.command()
@recording_options
@click.option("--level", type=Label("level"), default="grumble", show_default=True,
              help="A grumble handled in the lobby, or a formal complaint with a deadline.")
@click.option("--category", type=Label("category"), required=True,
              help="The cause, on the axis of JR/T 0169-2018 (plus fees and waiting).")
@click.option("--channel", type=Label("channel"), default="on-site", show_default=True,
              help="Where the complaint arose.")
@click.option("--summary", required=True, metavar="TEXT", help="The main facts.")
@click.option("--remedy", metavar="TEXT", help="What the customer asks for.")
@click.option("--customer", metavar="LABEL", help="How to refer to the customer, e.g. 张先生.")
@click.option("--step", "steps", type=Label("step"), multiple=True,
              help="A handling step done (repeatable); stored in the prescribed order.")
@click.option("--resolved", metavar="TEXT", help="Resolved: how (sets the status resolved).")
@click.option("--escalate-to", "escalate_to", metavar="WHO",
              help="Escalated: to whom (sets the status escalated).")
@click.option("--complexity", type=Label("complexity"),
              help="For a formal complaint: ordinary (15 days), complex (30) or "
                   "very-complex (60); default ordinary.")
@click.option("--follow-up", "follow_up", metavar="DATE",
              help="When to follow up: 2026-11-30, tomorrow, 'in 3 days'.")
@click.pass_obj
def complain(app, at_text, by, note, level, category, channel, summary, remedy, customer, steps,
             resolved, escalate_to, complexity, follow_up):
    """Record a grumble or a formal complaint (投诉与抱怨) and how it was handled.

    Prints the new entry's id on stdout.  A formal complaint (--level
    complaint) gets a due date: 15, 30 or 60 calendar days from receipt, by
    its --complexity.  Without --resolved or --escalate-to it stays open;
    record what happens later with `lobbyctl update ID`.

    \b
    Example:
      lobbyctl complain --category waiting --summary "排队40分钟无人引导" \\
          --step calm --step apologise --step resolve --resolved "引导至自助设备办理"
      lobbyctl complain --level complaint --complexity complex --category 收费定价 \\
          --summary "对年费有异议" --remedy "退还年费" --customer 李女士 --step calm \\
          --escalate-to 网点主任
    """
    from lobbyctl.schema import vocab
    from lobbyctl.domain.complaints import due_date
    from lobbyctl.domain.followup import follow_up_date
    from lobbyctl.schema.text.messages import say
    from lobbyctl.domain.record import clean_text, record

    journal = app.journal
    lang = journal.config.lang
    at = when(journal, at_text)
    if resolved is not None and escalate_to is not None:
        raise UsageProblem(say("resolved_and_escalated", lang))
    due = None
    if level == "complaint":
        complexity = complexity or "ordinary"
        due = due_date(at.date(), complexity, lang).isoformat()
    elif complexity is not None:
        raise UsageProblem(say("complexity_on_grumble", lang))
    resolution = clean_text(resolved, "--resolved") if resolved is not None else None
    escalated_to = clean_text(escalate_to, "--escalate-to") if escalate_to is not None else None
    status = ("resolved" if resolved is not None else
              "escalated" if escalate_to is not None else "open")
    fields = {
        "level": level, "category": category, "channel": channel,
        "summary": clean_text(summary, "--summary"),
        "remedy": clean_text(remedy, "--remedy") if remedy else None,
        "customer": clean_text(customer, "--customer") if customer else None,
        "steps": vocab.vocabulary("step", journal.config).ordered(steps),
        "complexity": complexity, "due": due, "status": status,
        "resolution": resolution, "escalated_to": escalated_to,
        "follow_up": follow_up_date(follow_up, journal.today(), at.date(), lang),
        "note": clean_text(note, "--note") if note else None,
    }
    recorded = record(journal, "complain", fields, at=at, by=by, counted=counted_view(journal))
    announce(journal, recorded, say("complaint_due", lang, due=due) if due else "")
