"""Quality control: the contract's rules (S001-G002), profiles, configuration and the engine.

>>> from subkit.qc import check_track, profile_names
>>> profile_names()[0]
'netflix'

`check_track(track, ...)` returns `Finding`s; `subkit.reporters` turns them into text, JSON,
JUnit or GitHub annotations; `subkit.repairs` repairs what can be repaired safely.
"""

from subkit.qc.config import QcConfig, Thresholds, profile_names, resolve_thresholds
from subkit.qc.configfile import load_config
from subkit.qc.engine import check_track, settings_for
from subkit.qc.findings import Finding

__all__ = [
    "Finding",
    "QcConfig",
    "Thresholds",
    "check_track",
    "load_config",
    "profile_names",
    "resolve_thresholds",
    "settings_for",
]
