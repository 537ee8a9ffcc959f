import click

from lobbyctl.cli.common import Label, announce, counted_view, recording_options, when
from lobbyctl.errors import UsageProblem
from lobbyctl.schema.fields import bounds


@click.command()
@recording_options
@click.option("--scene", required=True, type=Label("scene"),
              help="Where: community, enterprise, market, school, village, event, other.")
@click.option("--venue", required=True, metavar="TEXT",
              help="The venue, e.g. 阳光社区活动中心.")
@click.option("--staff", multiple=True, metavar="NAME", help="Staff who went (repeatable).")
@click.option("--gifts", type=click.IntRange(*bounds("outreach", "gifts")), metavar="N",
              help="Gifts handed out (礼品派发).")
@click.option("--contacts", "contacts", type=click.IntRange(*bounds("outreach", "contacts_collected")),
              metavar="N",
              help="Customers whose information was collected (客户信息采集): a count; "
                   "the numbers themselves stay out of the journal.")
@click.option("--icebreaker", "icebreakers", multiple=True, metavar="PRODUCT",
              help="An ice-breaker product sold (破冰产品), paired in order with --sold "
                   "(repeatable).")
@click.option("--sold", multiple=True, type=click.IntRange(*bounds("outreach", "icebreakers")),
              metavar="N", help="How many of the --icebreaker in the same place were sold.")
@click.option("--leads", type=click.IntRange(*bounds("outreach", "leads")), metavar="N",
              help="Leads gathered: customers likely to come into the branch.")
@click.pass_obj
def outreach(app, at_text, by, note, scene, venue, staff, gifts, contacts, icebreakers, sold,
             leads):
    """Record a marketing event outside the branch (场外营销).

    Prints the new entry's id on stdout.  A customer it brings into the
    branch is greeted with `greet --lead ID`; a referral that came from it
    takes `refer --lead ID`.

    \b
    Example:
      id=$(lobbyctl outreach --scene community --venue 阳光社区活动中心 \\
          --staff 李娜 --staff 陈静 --gifts 40 --contacts 25 \\
          --icebreaker 社保卡 --sold 6 --icebreaker 手机银行 --sold 11 --leads 8)
      lobbyctl greet --purpose wealth --route wealth-manager --lead "$id"
    """
    from lobbyctl.domain.record import clean_text, record
    from lobbyctl.schema.text.messages import say

    journal = app.journal
    lang = journal.config.lang
    at = when(journal, at_text)
    if sold and not icebreakers:
        raise UsageProblem(say("sold_without_icebreaker", lang))
    if len(icebreakers) != len(sold):
        raise UsageProblem(say("icebreaker_sold_pairs", lang, products=len(icebreakers),
                               counts=len(sold)))
    sales = {}
    for product, count in zip(icebreakers, sold):
        product = clean_text(product, "--icebreaker")
        if not product:
            raise UsageProblem(say("empty_text", lang, name="--icebreaker"))
        if product in sales:
            raise UsageProblem(say("icebreaker_twice", lang, product=product))
        sales[product] = count
    names = [clean_text(name, "--staff") for name in staff]
    fields = {
        "scene": scene, "venue": clean_text(venue, "--venue"),
        "staff": list(dict.fromkeys(name for name in names if name)),
        "gifts": gifts, "contacts_collected": contacts,
        "icebreakers": [{"product": product, "sold": count} for product, count in sales.items()],
        "leads": leads,
        "note": clean_text(note, "--note") if note else None,
    }
    recorded = record(journal, "outreach", fields, at=at, by=by, counted=counted_view(journal))
    announce(journal, recorded)
