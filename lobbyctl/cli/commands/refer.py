import click

from lobbyctl.cli.common import (Label, announce, counted_view, journal_config,
                                 recording_options, when)
from lobbyctl.errors import UsageProblem


def complete_products(ctx, param, incomplete):
    """The products listed in the journal's lobbyctl.yaml.  During completion
    the root command has not run, so the journal is located from its options."""
    config = journal_config(ctx)
    if config is None:
        return []  # no journal yet: nothing to offer, and completion must not fail
    products = config.products
    wanted = incomplete.casefold()
    return [product for product in products if product.casefold().startswith(wanted)]


@click.command()
@recording_options
@click.option("--product", required=True, metavar="TEXT", shell_complete=complete_products,
              help="The product or service recommended (free text; completion offers the "
                   "journal's products).")
@click.option("--to", "target", type=Label("target"),
              help="Who the customer was referred to.")
@click.option("--to-name", metavar="NAME", help="The name of the person referred to.")
@click.option("--customer", metavar="LABEL", help="How to refer to the customer, e.g. 张先生.")
@click.option("--outcome", type=Label("outcome"), default="pending", show_default=True,
              help="What the customer decided.")
@click.option("--follow-up", "follow_up", metavar="DATE",
              help="When to follow up: 2026-11-30, tomorrow, 'in 3 days', 'next monday', 明天.")
@click.option("--via", type=Label("via"), help="How to follow up (with --follow-up).")
@click.option("--greet", "greet_id", metavar="ID",
              help="The id of the greeting this referral came from.")
@click.option("--lead", "lead_id", metavar="OUTREACH_ID",
              help="The outreach (场外营销) this referral came from.")
@click.option("--after", "after_id", metavar="REFER_ID",
              help="A second cross-sell: the id of the first referral it follows.")
@click.pass_obj
def refer(app, at_text, by, note, product, target, to_name, customer, outcome, follow_up, via,
          greet_id, lead_id, after_id):
    """Record a product recommendation or cross-sell (产品推荐).

    Prints the new entry's id on stdout.  The outcome is often unknown on the
    day: record it as pending with a follow-up, and later `lobbyctl update ID
    --outcome accepted`.

    \b
    Example:
      id=$(lobbyctl greet --segment mid --purpose wealth --route wealth-manager)
      lobbyctl refer --product 养老理财 --to wealth-manager --to-name 陈静 \\
          --customer 张先生 --greet "$id" --follow-up "in 3 days" --via phone
      lobbyctl refer --product 信用卡 --to self --outcome accepted
      first=$(lobbyctl refer --product 信用卡 --to self --outcome accepted)
      lobbyctl refer --product 定期存款 --to teller --after "$first"
      lobbyctl refer --product 社保卡 --to teller --lead 261115-k3m9qa
    """
    from lobbyctl.domain.followup import follow_up_date
    from lobbyctl.schema.text.messages import say
    from lobbyctl.domain.record import clean_text, record

    journal = app.journal
    lang = journal.config.lang
    at = when(journal, at_text)
    if via and not follow_up:
        raise UsageProblem(say("via_without_follow_up", lang))
    links = {}
    if greet_id is not None or lead_id is not None or after_id is not None:
        from lobbyctl.cli.links import linked_id

        if greet_id is not None:
            links["greet"] = linked_id(journal, greet_id, "--greet", lang, "greet", at)
        if lead_id is not None:
            links["lead"] = linked_id(journal, lead_id, "--lead", lang, "outreach", at)
        if after_id is not None:
            links["after"] = linked_id(journal, after_id, "--after", lang, "refer", at)
    fields = {
        "product": clean_text(product, "--product"), "to": target,
        "to_name": clean_text(to_name, "--to-name") if to_name else None,
        "customer": clean_text(customer, "--customer") if customer else None,
        "outcome": outcome,
        "follow_up": follow_up_date(follow_up, journal.today(), at.date(), lang),
        "via": via, **links,
        "note": clean_text(note, "--note") if note else None,
    }
    recorded = record(journal, "refer", fields, at=at, by=by, counted=counted_view(journal))
    announce(journal, recorded)
