"""The region's engine: a journal's entries as a Hive-partitioned Parquet
dataset (``dataset.py``, typed by ``arrow_schema.py``) and DuckDB reading
it back (``duck.py``).  pyarrow and DuckDB come with the optional extra
``pip install 'lobbyctl[engine]'`` and are imported only inside the
functions that need them (``require``)."""


def require(module, option):
    """``module`` imported, or a usage problem (exit 2) saying how to install
    the extra.  ``sys.modules[name] = None`` (a test's way to take it away)
    counts as missing."""
    import importlib

    from lobbyctl.errors import UsageProblem
    from lobbyctl.schema.text.messages import problem

    try:
        return importlib.import_module(module)
    except ImportError:
        raise problem(UsageProblem, "engine_missing", option=option) from None


def available():
    """Whether pyarrow and DuckDB can both be imported."""
    import importlib

    try:
        importlib.import_module("pyarrow")
        importlib.import_module("duckdb")
    except ImportError:
        return False
    return True
