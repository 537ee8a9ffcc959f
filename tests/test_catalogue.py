"""The one catalogue: every sentence, word and label lobbyctl shows a person
has a Chinese and an English text, the two take the same ``{placeholders}``,
and every field of the schema is named in the one field table."""

import string

import pytest

from lobbyctl.schema import vocab
from lobbyctl.schema.text import click_texts, field_labels, words
from lobbyctl.schema.text.messages import MESSAGES

CATALOGUES = {"messages": MESSAGES, "field_labels": field_labels.FIELD_LABELS,
              "derived_labels": field_labels.DERIVED_LABELS,
              "click_texts": click_texts.CLICK_TEXTS, "click_words": click_texts.WORDS,
              **{f"words.{name}": table for name, table in words.CATALOGUES.items()},
              **{f"vocab.{name}": table for name, table in vocab.LABELS.items()}}
ENTRIES = [(name, key, pair) for name, table in CATALOGUES.items() for key, pair in table.items()]


def placeholders(text):
    return sorted(field for _literal, field, _spec, _conversion in string.Formatter().parse(text)
                  if field is not None)


@pytest.mark.parametrize("catalogue, key, pair", ENTRIES,
                         ids=[f"{name}:{key}" for name, key, _pair in ENTRIES])
def test_every_key_has_both_languages_with_the_same_placeholders(catalogue, key, pair):
    assert isinstance(pair, tuple) and len(pair) == 2, pair
    zh, en = pair
    assert isinstance(zh, str) and zh.strip(), f"{catalogue}:{key} has no Chinese"
    assert isinstance(en, str) and en.strip(), f"{catalogue}:{key} has no English"
    assert placeholders(zh) == placeholders(en), f"{catalogue}:{key}: {zh!r} / {en!r}"


def test_the_catalogue_is_not_empty():
    # a parametrised test over nothing would pass silently
    assert len(ENTRIES) > 400 and len(MESSAGES) > 50


def test_every_field_of_the_schema_has_a_label_in_the_one_table():
    fields = set(vocab.COMMON_FIELDS)
    for type_fields in vocab.FIELDS.values():
        fields.update(type_fields)
    assert fields - set(field_labels.FIELD_LABELS) == set()
    assert set(field_labels.FIELD_LABELS) - fields == set()  # no label of a field long gone


def test_a_report_word_that_names_a_field_is_the_fields_label():
    # the forms say 客户分层 where show and the pivot do: one object, not a copy
    assert words.REPORT["segment"] is field_labels.FIELD_LABELS["segment"]
    assert words.REPORT["target"] is field_labels.FIELD_LABELS["to"]
    assert words.DUE["deadline"] is field_labels.FIELD_LABELS["due"]


def test_every_vocabulary_key_has_two_distinct_labels_within_its_vocabulary():
    # resolve() accepts either label: two keys sharing one would be ambiguous
    for name, labels in vocab.LABELS.items():
        for lang in (0, 1):
            names = [pair[lang].casefold() for pair in labels.values()]
            assert len(names) == len(set(names)), (name, lang)


def test_every_click_text_translated_is_one_click_still_says():
    # a click release that rewords a text would quietly bring back the English
    import ast
    import pathlib

    import click

    said = set()
    for source in pathlib.Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                said.add(node.value)
    assert set(click_texts.CLICK_TEXTS) - said == set()
