"""The one place the version is written: the package, its metadata (pyproject.toml reads it from
here), the command line and every report's `"subkit"` field take it from this module, which
imports nothing so that any module may import it."""

__version__ = "0.2.0"
