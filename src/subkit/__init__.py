"""subkit: read, check, repair, retime, sync and translate subtitle tracks.

>>> import subkit
>>> track = subkit.loads("1\\n00:00:01,000 --> 00:00:02,500\\nBonjour.\\n", name="film.fr.srt")
>>> track.cues[0].start, track.cues[0].end, track.language
(1000, 2500, 'fr')
>>> print(subkit.dumps(track, "vtt"), end="")
WEBVTT
<BLANKLINE>
1
00:00:01.000 --> 00:00:02.500
Bonjour.

The front door is `load`/`loads`/`save`/`dumps`, `check`, `fix`, `retime`, `sync`,
`translate` and `segment` (in `subkit.api`), the model (`Track`, `Cue`) and the errors; see
docs/library.md. The modules behind the verbs are `subkit.formats`, `subkit.qc`,
`subkit.repairs`, `subkit.retiming`, `subkit.alignment`, `subkit.translation` and
`subkit.transcripts`. The names are resolved on first use (PEP 562 `__getattr__`): the command line
imports this package on every start, so importing it must cost nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from subkit.version import __version__

#: public name -> the module that defines it
_EXPORTS = {
    "load": "subkit.api",
    "loads": "subkit.api",
    "save": "subkit.api",
    "dumps": "subkit.api",
    "check": "subkit.api",
    "fix": "subkit.api",
    "retime": "subkit.api",
    "sync": "subkit.api",
    "translate": "subkit.api",
    "segment": "subkit.api",
    "Track": "subkit.model",
    "Cue": "subkit.model",
    "Diagnostic": "subkit.model",
    "Finding": "subkit.qc.findings",
    "SubkitError": "subkit.errors",
    "InputError": "subkit.errors",
    "UsageError": "subkit.errors",
    "OutputError": "subkit.errors",
    "ServiceError": "subkit.errors",
    "RepairRefused": "subkit.errors",
    "ValueProblem": "subkit.errors",
    "SyncError": "subkit.alignment",
}
__all__ = [
    "Cue",
    "Diagnostic",
    "Finding",
    "InputError",
    "OutputError",
    "RepairRefused",
    "ServiceError",
    "SubkitError",
    "SyncError",
    "Track",
    "UsageError",
    "ValueProblem",
    "__version__",
    "check",
    "dumps",
    "fix",
    "load",
    "loads",
    "retime",
    "save",
    "segment",
    "sync",
    "translate",
]

if TYPE_CHECKING:
    from subkit.alignment import SyncError
    from subkit.api import check, dumps, fix, load, loads, retime, save, segment, sync, translate
    from subkit.errors import (
        InputError,
        OutputError,
        RepairRefused,
        ServiceError,
        SubkitError,
        UsageError,
        ValueProblem,
    )
    from subkit.model import Cue, Diagnostic, Track
    from subkit.qc.findings import Finding


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'subkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once resolved, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
