"""Field kinds as objects, built once from ``vocab.FIELDS``: what ``check``,
every reader, completion, the CLI's options and the README read.

``vocab.FIELDS`` keeps the kind strings (``"int"``, ``"label:route"``) that
the rest of the code reads; this module parses each of them once into a
``Kind`` and adds what a string cannot say — the range of a number, written
here and nowhere else (``RANGES``; greet's ``--count``/``--wait`` and
``check`` read it).

A kind judges one value with ``problem(value, vocabularies)`` (a message, or
None); ``compile(vocabularies)`` gives the same judgement as a function with
the vocabulary bound and the common case first, which is what the
per-entry validator calls a hundred thousand times on a year.  No check ever
recurses into a value: a hostile file can nest ten thousand levels deep.

``clean_test(vocabularies, bind)`` is the same kind as Python source: an
expression over ``v`` that is true only for a value ``compile`` accepts,
which the validator (``check.entry``) compiles once per entry type into one
function; a value it doubts goes to ``compile``'s check, which alone words a
message.  So a new kind, or a new field of an existing kind, gets the fast
path from its kind alone.

Light to import (greet's options read ``bounds`` at start-up): datetime and
re are imported by the checks that use them, when compiled."""

from lobbyctl.schema import vocab

# (type, field) -> (least, most) a number may be.  count and wait are what
# the CLI has always accepted; a hand edit outside them is refused too.
RANGES = {
    ("greet", "count"): (1, 500),
    ("greet", "wait"): (0, 600),
    # one rating, or a day's tally of one result read off an evaluator
    ("rate", "count"): (1, 5000),
    # an outreach's counts: a street stall or a company visit, never a
    # number of eleven digits (a phone number typed by mistake is refused)
    ("outreach", "gifts"): (0, 10000),
    ("outreach", "contacts_collected"): (0, 10000),
    ("outreach", "leads"): (0, 10000),
    ("outreach", "icebreakers"): (0, 10000),  # each product's ``sold``
}


def sentence(key, **values):
    """A problem of a value, as a catalogue sentence (``messages.sentence``);
    imported when a value is wrong, never at a recording command's start."""
    from lobbyctl.schema.text.messages import sentence as catalogue_sentence

    return catalogue_sentence(key, **values)


def show_value(value):
    """A short, terminal-safe rendering of any value found in a file.

    Never recurses and never calls ``str`` on a huge int (Python refuses
    beyond 4300 digits)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value.bit_length() > 64:
            return f"a {count_digits(value)}-digit number"
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        from lobbyctl.schema.text.privacy import mask

        # masked before it is cut short or quoted: a number cut in two, or
        # its spaces escaped by repr, would no longer be seen as one
        value = mask(value)
        text = value if len(value) <= 40 else value[:40] + "..."
        return repr(text)  # quotes it and escapes control characters
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def count_digits(number):
    """How many digits ``number`` has; ``str`` refuses beyond 4300 (and the
    loader with it), so past that only an estimate is possible."""
    if number.bit_length() < 14000:
        return len(str(abs(number)))
    return f"~{int(number.bit_length() * 0.30103)}"


def text_problem(value):
    """Why ``value`` is not text a reader can use, or None."""
    if type(value) is str and value.isascii():  # O(1): the common case
        return None
    if not isinstance(value, str):
        return sentence("must_be_text", value=show_value(value))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate, from a \ud800-style escape: no reader can use it
        return sentence("not_unicode", value=show_value(value))
    return None


def timestamp(value):
    """An aware datetime from ISO 8601 text with a UTC offset, else None."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    import datetime

    try:
        when = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if "T" not in value.upper() and " " not in value:
        return None  # a bare date is not a time
    return when if when.utcoffset() is not None else None


def label_problem(vocabulary, value):
    """Why ``value`` is not a key of ``vocabulary``.  A label typed by hand
    (``柜台``, ``Counter``) is refused like any other word — counting it
    would make a second row for the same thing — with the key it means."""
    meant = None
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for key, (zh, en) in vocabulary.labels.items():
            if wanted in (key.casefold(), zh.casefold(), en.casefold()):
                meant = key
                break
    if meant is not None:
        return sentence("label_meant", vocab=vocabulary.name, value=show_value(value), meant=meant)
    return sentence("label_unknown", vocab=vocabulary.name, value=show_value(value),
                    known=", ".join(vocabulary.keys()))


class Kind:
    """One field kind.  ``vocab`` names the vocabulary of the label kinds."""

    vocab = None

    def problem(self, value, vocabularies):
        """Why ``value`` is not of this kind, or None; ``vocabularies`` maps
        a vocabulary name to its (journal-extended) ``vocab.Vocabulary``."""
        return self.compile(vocabularies)(value)

    def compile(self, vocabularies):
        """``problem`` as a one-argument function with the vocabulary bound."""
        raise NotImplementedError

    def clean_test(self, vocabularies, bind):
        """Python source of a test of ``v``, true only when ``compile``'s
        check finds nothing wrong (it may doubt more: what it doubts is
        judged by that check).  ``bind(value)`` returns the name under which
        the test may use ``value``.  By default: that check, called."""
        return f"({bind(self.compile(vocabularies))}(v) is None)"

    def __repr__(self):
        return type(self).__name__


def utf8_ok(value):
    """Text every reader can use: no lone surrogate (``text_problem``'s test)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Text(Kind):
    def compile(self, vocabularies):
        return text_problem

    def clean_test(self, vocabularies, bind):
        # printable text holds no surrogate (category Cs): encodable, no call
        return f"(v.__class__ is str and (v.isascii() or v.isprintable() or {bind(utf8_ok)}(v)))"


class Timestamp(Kind):
    def compile(self, vocabularies):
        def problem(value):
            if timestamp(value) is None:
                return sentence("not_iso_time", value=show_value(value))
            return text_problem(value)
        return problem


class Int(Kind):
    """A whole number (never a bool) from ``least`` to ``most`` (None: no bound)."""

    def __init__(self, least=0, most=None):
        self.least = least
        self.most = most

    def compile(self, vocabularies):
        least = self.least if self.least is not None else -float("inf")
        most = self.most if self.most is not None else float("inf")
        wanted = "int_range" if self.most is not None else "int_least"

        def problem(value):
            if type(value) is int and least <= value <= most:
                return None
            return sentence(wanted, least=self.least, most=self.most, value=show_value(value))
        return problem

    def clean_test(self, vocabularies, bind):
        low = "" if self.least is None else f"{int(self.least)} <= "
        high = "" if self.most is None else f" <= {int(self.most)}"
        if not (low or high):
            return "v.__class__ is int"
        return f"(v.__class__ is int and {low}v{high})"  # a bool's class is bool

    def __repr__(self):
        return f"Int({self.least}, {self.most})"


class Bool(Kind):
    def compile(self, vocabularies):
        def problem(value):
            if value is True or value is False:
                return None
            return sentence("not_bool", value=show_value(value))
        return problem

    def clean_test(self, vocabularies, bind):
        return "(v is True or v is False)"


class Date(Kind):
    def compile(self, vocabularies):
        import datetime
        import re

        shape = re.compile(r"^\d{4}-\d{2}-\d{2}\Z").match

        def problem(value):
            if isinstance(value, str) and shape(value):
                try:
                    datetime.date.fromisoformat(value)
                    return None
                except ValueError:
                    pass
            return sentence("not_date_field", value=show_value(value))
        return problem


class Id(Kind):
    def compile(self, vocabularies):
        from lobbyctl.schema.ids import ID_PATTERN

        match = ID_PATTERN.match

        def problem(value):
            if isinstance(value, str) and match(value):
                return None
            return sentence("not_id_field", value=show_value(value))
        return problem

    def clean_test(self, vocabularies, bind):
        from lobbyctl.schema.ids import ID_PATTERN

        return f"(v.__class__ is str and {bind(ID_PATTERN.match)}(v) is not None)"


class Names(Kind):
    def compile(self, vocabularies):
        def problem(value):
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                return sentence("not_names", value=show_value(value))
            return next(filter(None, map(text_problem, value)), None)
        return problem


class Label(Kind):
    def __init__(self, name):
        self.vocab = name

    def compile(self, vocabularies):
        vocabulary = vocabularies[self.vocab]
        keys = frozenset(vocabulary.labels)

        def problem(value):
            if type(value) is str and value in keys:
                return None
            return label_problem(vocabulary, value)
        return problem

    def clean_test(self, vocabularies, bind):
        keys = frozenset(vocabularies[self.vocab].labels)
        return f"(v.__class__ is str and v in {bind(keys)})"

    def __repr__(self):
        return f"Label({self.vocab!r})"


class Labels(Label):
    clean_test = Kind.clean_test  # a list: its compiled check, not a label's test

    def compile(self, vocabularies):
        vocabulary = vocabularies[self.vocab]
        keys = frozenset(vocabulary.labels)
        name = self.vocab

        def problem(value):
            if not isinstance(value, list):
                return sentence("not_label_list", vocab=name, value=show_value(value))
            for item in value:
                if not (type(item) is str and item in keys):
                    return label_problem(vocabulary, item)
            return None
        return problem


class Checklist(Label):
    """A mapping of checklist items to the text of what was wrong."""

    clean_test = Kind.clean_test

    def compile(self, vocabularies):
        vocabulary = vocabularies[self.vocab]
        keys = frozenset(vocabulary.labels)
        name = self.vocab

        def problem(value):
            if not isinstance(value, dict):
                return sentence("not_checklist", vocab=name, value=show_value(value))
            for item, text in value.items():
                if not (type(item) is str and item in keys):
                    return label_problem(vocabulary, item)
                message = text_problem(text)
                if message:
                    return sentence("field_problem", field=item, problem=message)
            return None
        return problem


class Sales(Kind):
    """Ice-breaker sales: a list of ``{"product": text, "sold": int}``, each
    ``sold`` from ``least`` to ``most``; no other keys.  A list of pairs, not
    two lists, so a product and its count can never drift apart."""

    def __init__(self, least=0, most=None):
        self.sold = Int(least, most)

    def compile(self, vocabularies):
        sold_problem = self.sold.compile(vocabularies)

        def problem(value):
            if not isinstance(value, list):
                return sentence("not_sales", value=show_value(value))
            for item in value:
                if not isinstance(item, dict) or set(item) != {"product", "sold"}:
                    return sentence("not_sales", value=show_value(item))
                message = text_problem(item["product"]) or (
                    None if item["product"].strip() else sentence("empty_product"))
                if message:
                    return sentence("field_problem", field="product", problem=message)
                message = sold_problem(item["sold"])
                if message:
                    return sentence("field_problem", field="sold", problem=message)
            return None
        return problem

    def __repr__(self):
        return f"Sales({self.sold.least}, {self.sold.most})"


_SIMPLE = {"text": Text, "timestamp": Timestamp, "bool": Bool, "date": Date, "id": Id,
           "names": Names}
_NAMED = {"label": Label, "labels": Labels, "checklist": Checklist}


def parse_kind(text, bounds=None):
    """The ``Kind`` a ``vocab.FIELDS`` kind string names; ``bounds`` is an
    int's (least, most).  An unknown kind string is a bug in the schema."""
    base, _, name = text.partition(":")
    if base == "int":
        return Int(*bounds) if bounds else Int()
    if base == "sales" and not name:
        return Sales(*bounds) if bounds else Sales()
    if base in _SIMPLE and not name:
        return _SIMPLE[base]()
    if base in _NAMED and name in vocab.LABELS:
        return _NAMED[base](name)
    raise ValueError(f"vocab: unknown field kind {text!r}")


# The schema as objects: COMMON[field] and TYPES[type][field], in storage order.
COMMON = {name: parse_kind(kind) for name, kind in vocab.COMMON_FIELDS.items()}
TYPES = {entry_type: {name: parse_kind(kind, RANGES.get((entry_type, name)))
                      for name, kind in fields.items()}
         for entry_type, fields in vocab.FIELDS.items()}


def bounds(entry_type, name):
    """(least, most) of a number field (of each ``sold`` for ice-breaker
    sales), for the CLI's ``click.IntRange``."""
    kind = TYPES[entry_type][name]
    kind = getattr(kind, "sold", kind)
    return kind.least, kind.most


def vocabularies(config=None):
    """Every vocabulary the schema names, with the journal's additions."""
    return {name: vocab.vocabulary(name, config) for name in vocab.LABELS}
