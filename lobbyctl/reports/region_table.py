"""``region table``: ``report table``'s pivot across a region's branches.

Not a second pivot: the request is ``table.PivotRequest`` (the same
``--by``, ``--period``, ``--where``, ``--from``/``--to``), each branch is
counted on its own by the same counting (``pivot_count``), its entries under
its branch code (the derived field ``branch``), and the counts are added up.
Ids are unique only within a branch, so updates are folded branch by branch:
nothing ever matches an id across two branches.

A branch is counted whole or not at all: one whose journal fails its
reading checks is named with the reason, and without ``skip_bad`` the
whole table fails; with it the table is drawn from the rest and its header
names the branches missing.

The labels (a journal's own vocabulary) and the ``--where`` values are the
first branch's; each branch's timezone is its own."""

from lobbyctl.errors import JournalProblem, LobbyError
from lobbyctl.reports.pivot_count import Counter
from lobbyctl.reports.table import PivotRequest
from lobbyctl.schema.text.messages import problem, said, say
from lobbyctl.schema.text.privacy import mask


def region_request(branches, **asked):
    """The pivot as asked, checked against the first branch (its labels)."""
    return PivotRequest(branches[0].journal, **asked)


def branch_problem(bad, lang):
    """A ``JournalProblem`` naming a branch that cannot be read, and why."""
    reason = said(bad.error, lang)[0] if isinstance(bad.error, LobbyError) else str(bad.error)
    return problem(JournalProblem, "region_branch_bad", hint_key="region_branch_bad_hint",
                   branch=bad.path, reason=reason)


def count_direct(request, branches, read_days, skip_bad, missing, lang="en"):
    """The region's ``Counter`` from the branch journals themselves:
    ``read_days(branch)`` gives a branch's ``(date, day)`` pairs.  A branch
    that fails while read is added to ``missing`` (``BadBranch``) with
    ``skip_bad``, else raised."""
    from lobbyctl.store.region import BadBranch

    total = Counter()
    for branch in branches:
        try:
            counted = request.count(read_days(branch), branch.journal)
        except LobbyError as exc:
            if not skip_bad:
                raise branch_problem(BadBranch(branch.path, exc), lang) from None
            missing.append(BadBranch(branch.path, exc))
            continue
        total.absorb(counted)
    return total


def draw_region(request, region, branches, missing, counter, lang):
    """The region's pivot as a ``Report``: its header names the region, how
    many branches were counted and which are missing."""
    hide = mask if request.masked else str
    head = {
        "region": (say("region_label", lang), hide(f"{region.code} {region.name}".strip())),
        "branches": (say("branches_label", lang), len(branches)),
    }
    if missing:
        head["missing"] = (say("missing_label", lang),
                           "; ".join(mask(str(bad.path)) for bad in missing))
    return request.draw(counter, branches[0].journal.config, lang, meta=head)
