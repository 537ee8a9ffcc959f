import click

from lobbyctl.cli.common import Label, announce, counted_view, recording_options, when
from lobbyctl.schema.fields import bounds


@click.command()
@recording_options
@click.option("--count", type=click.IntRange(*bounds("greet", "count")), default=1, show_default=True,
              help="Customers in this party or batch.")
@click.option("--segment", type=Label("segment"), help="Customer segment.")
@click.option("--potential", is_flag=True, help="A mid/high-end prospect discovered (发掘).")
@click.option("--new/--existing", "is_new", default=None, help="A new or an existing customer.")
@click.option("--group", "groups", type=Label("group"), multiple=True,
              help="A special group banks count (repeatable).")
@click.option("--purpose", type=Label("purpose"), help="What the customer came for.")
@click.option("--route", type=Label("route"), help="Where the customer was routed.")
@click.option("--wait", type=click.IntRange(*bounds("greet", "wait")), metavar="MINUTES",
              help="Minutes the customer waited.")
@click.option("--ticket", help="Queue ticket number, e.g. A023.")
@click.option("--assist", type=Label("assist"), multiple=True,
              help="Help given: form filling, device coaching, care (repeatable).")
@click.option("--customer", metavar="LABEL", help="How to refer to the customer, e.g. 张先生.")
@click.option("--remind-rating", is_flag=True,
              help="The customer was asked to rate the counter service (提示客户评价).")
@click.option("--lead", "lead_id", metavar="OUTREACH_ID",
              help="The outreach (场外营销) that brought this customer into the branch.")
@click.option("--returning", "returning_id", metavar="REFER_ID",
              help="A second visit: the referral whose customer came back.")
@click.pass_obj
def greet(app, at_text, by, note, count, segment, potential, is_new, groups, purpose, route,
          wait, ticket, assist, customer, remind_rating, lead_id, returning_id):
    """Record customers greeted and routed (迎送分流).

    Prints the new entry's id on stdout.

    \b
    Example:
      lobbyctl greet --segment regular --purpose deposit --route self-service
      lobbyctl greet --count 3 --group elderly --purpose inquiry --route 柜台 --wait 12
      lobbyctl greet --route counter --ticket A023 --remind-rating
      lobbyctl greet --purpose wealth --route wealth-manager --lead 261115-k3m9qa
      lobbyctl greet --purpose wealth --returning 261120-7kq3xm
    """
    from lobbyctl.domain.record import clean_text, record

    journal = app.journal
    at = when(journal, at_text)
    links = {}
    if lead_id is not None or returning_id is not None:
        from lobbyctl.cli.links import linked_id

        lang = journal.config.lang
        if lead_id is not None:
            links["lead"] = linked_id(journal, lead_id, "--lead", lang, "outreach", at)
        if returning_id is not None:
            links["returning"] = linked_id(journal, returning_id, "--returning", lang, "refer",
                                           at)
    fields = {
        "count": count, "segment": segment, "potential": True if potential else None,
        "new": is_new, "groups": list(dict.fromkeys(groups)), "purpose": purpose,
        "route": route, "wait": wait,
        "ticket": clean_text(ticket, "--ticket") if ticket else None,
        "assist": list(dict.fromkeys(assist)),
        "customer": clean_text(customer, "--customer") if customer else None,
        "remind_rating": True if remind_rating else None,
        **links,
        "note": clean_text(note, "--note") if note else None,
    }
    recorded = record(journal, "greet", fields, at=at, by=by, counted=counted_view(journal))
    announce(journal, recorded)
