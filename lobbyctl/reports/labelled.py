"""A journal's own labels on every report: the one pass that names the keys
of a report's label columns from the journal's vocabularies.

``lobbyctl.yaml`` may add keys to a vocabulary (``purpose: {pension: 养老金}``);
a builder makes its columns with the schema's kinds (``label:purpose``), and
this pass gives each such column the journal's labels, so the day and month
forms, the pivot and ``due`` name ``pension`` 养老金 as ``show`` does."""

from dataclasses import replace

from lobbyctl.schema import vocab
from lobbyctl.reports.model import Table


def with_journal_labels(report, config):
    """``report``, its label columns named by ``config``'s vocabularies."""
    if config is None:
        return report
    vocabularies = {}
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                block.columns = [_labelled(column, config, vocabularies) for column in block.columns]
    return report


def _labelled(column, config, vocabularies):
    name = column.kind.partition(":")[2]
    if column.labels is not None or not column.kind.startswith(("label:", "labels:")):
        return column
    if name not in vocab.LABELS or not config.extra_vocabulary(name):
        return column  # nothing of the journal's own: the schema's labels
    if name not in vocabularies:
        vocabularies[name] = vocab.vocabulary(name, config).labels
    return replace(column, labels=vocabularies[name])
