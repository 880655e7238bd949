"""Profiles and configuration: which thresholds apply to a track.

Built-in profiles are TOML data files in `qc/profiles/` that may `extends` another one (as
yamllint's do), so adding a client's specification is a data change, not a code change. A
project's `subkit.toml`, or `[tool.subkit]` in `pyproject.toml` (read by `qc.configfile`), picks
a profile and overrides thresholds globally or per language. Precedence, lowest first: profile,
profile's language table, config `[rules]`, config `[lang.xx]`, then command-line options. Every
key and type is checked, because a typo in a CI configuration that silently does nothing is
worse than an error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from subkit.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PROFILE_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = "netflix"
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The numbers the rules compare against, for one profile and one language."""

    max_cpl: int = 42
    max_lines: int = 2
    #: characters per second; None = no reading-speed limit in characters (BBC counts words)
    max_cps: float | None = 17
    #: words per minute; None = not checked
    max_wpm: float | None = None
    min_duration: int = 833
    #: None = no maximum (BBC)
    max_duration: int | None = 7000
    min_gap_frames: int = 2
    #: True: "..." should be the single character … (rule Y003)
    ellipsis: bool = True
    #: SDH conventions: capitals for shouting or several speakers are expected (rule Y010 off)
    sdh: bool = False
    #: tags the delivery does not accept (rule S007), e.g. ("font",) for colour
    forbidden_tags: tuple[str, ...] = ()
    #: name of the glyph list the delivery accepts (rule S010); None = not checked
    glyphs: str | None = None
    #: a gap left in a pause must be at least this long (ms; BBC 1000); 0 = not checked (T015)
    min_pause: int = 0
    #: minimum reading time: (characters, ms) points of a table such as the CSA's (R003); () = off
    reading_table: tuple[tuple[int, int], ...] = ()
    #: percentage of extra characters the reading table tolerates (CSA: 20)
    reading_tolerance: int = 0
    #: True: two speakers may share a cue, one line each opened by a dash (`subkit segment`)
    dialogue_cues: bool = True
    #: in- and out-times closer than this to a shot change (frames) must sit on it (T009, T010);
    #: 0: the profile has no shot-change rule
    shot_window_frames: int = 0
    #: repairs move in- and out-times onto shot changes (T009, T010)
    shot_snap: bool = False
    #: gaps from min-gap-frames + 1 to this many frames are closed to the minimum gap (T011,
    #: opt-in: Netflix's chaining); 0: the profile has no chaining rule
    chain_gap_frames: int = 0


#: TOML key -> (attribute, kind); kind "int", "number", "number?" (number or false), "bool"
THRESHOLD_KEYS: dict[str, tuple[str, str]] = {
    "max-cpl": ("max_cpl", "int"),
    "max-lines": ("max_lines", "int"),
    "max-cps": ("max_cps", "number?"),
    "max-wpm": ("max_wpm", "number?"),
    "min-duration": ("min_duration", "int"),
    "max-duration": ("max_duration", "int?"),
    "min-gap-frames": ("min_gap_frames", "int"),
    "ellipsis": ("ellipsis", "bool"),
    "sdh": ("sdh", "bool"),
    "forbidden-tags": ("forbidden_tags", "names"),
    "glyphs": ("glyphs", "name?"),
    "min-pause": ("min_pause", "int"),
    "reading-table": ("reading_table", "table"),
    "reading-tolerance": ("reading_tolerance", "int"),
    "dialogue-cues": ("dialogue_cues", "bool"),
    "shot-window-frames": ("shot_window_frames", "int"),
    "shot-snap": ("shot_snap", "bool"),
    "chain-gap-frames": ("chain_gap_frames", "int"),
}
_ATTRIBUTE_TO_KEY = {attribute: key for key, (attribute, _) in THRESHOLD_KEYS.items()}


def threshold_key(attribute: str) -> str:
    return _ATTRIBUTE_TO_KEY[attribute]


@dataclass(slots=True)
class QcConfig:
    """What a configuration file (or nothing) says; command-line options are applied on top."""

    profile: str | None = None
    fps: Fraction | None = None
    rules: dict[str, Any] = field(default_factory=dict)
    lang: dict[str, dict[str, Any]] = field(default_factory=dict)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    #: the file it came from, for messages
    path: str | None = None


def profile_names() -> list[str]:
    """Names of the built-in profiles, default first."""
    names = sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))
    return [DEFAULT_PROFILE] + [n for n in names if n != DEFAULT_PROFILE]


@cache
def _profile_data(name: str, chain: tuple[str, ...] = ()) -> dict[str, Any]:
    """A profile's table with everything it extends merged underneath."""
    path = PROFILE_DIR / f"{name}.toml"
    if not path.is_file():
        raise UsageError(f"unknown profile {name!r}; choose one of {', '.join(profile_names())}")
    if name in chain:
        raise UsageError(f"profile {name!r} extends itself ({' -> '.join(chain + (name,))})")
    with path.open("rb") as stream:
        data: dict[str, Any] = tomllib.load(stream)
    parent = data.get("extends")
    if parent is None:
        return data
    base = _profile_data(str(parent), chain + (name,))
    merged: dict[str, Any] = {**base, **{k: v for k, v in data.items() if k not in ("rules", "lang", "severity")}}
    merged["rules"] = {**base.get("rules", {}), **data.get("rules", {})}
    merged["severity"] = {**base.get("severity", {}), **data.get("severity", {})}
    languages = dict(base.get("lang", {}))
    for code, table in data.get("lang", {}).items():
        languages[code] = {**languages.get(code, {}), **table}
    merged["lang"] = languages
    return merged


def profile_severities(name: str) -> dict[str, str]:
    """Severities the profile gives some rules instead of their default (its `[severity]` table)."""
    table = _profile_data(name).get("severity", {})
    for code, severity in table.items():
        if severity not in SEVERITIES:
            raise UsageError(
                f"profile {name}: [severity] {code} must be one of {', '.join(SEVERITIES)}, not {severity!r}"
            )
    return {code.upper(): severity for code, severity in table.items()}


def profile_description(name: str) -> str:
    return str(_profile_data(name).get("description", ""))


def profile_fps(name: str) -> Fraction:
    from subkit.timecode import parse_fps  # noqa: PLC0415

    return parse_fps(str(_profile_data(name).get("fps", 25)))


def coerce_threshold(key: str, value: Any, where: str, path: str | None) -> Any:
    attribute_kind = THRESHOLD_KEYS.get(key)
    if attribute_kind is None:
        known = ", ".join(sorted(THRESHOLD_KEYS))
        raise UsageError(f"{where}: unknown key {key!r} (known: {known}, select, ignore)", path)
    _, kind = attribute_kind
    if kind == "names":
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(item.lower() for item in value)
        raise UsageError(f"{where}: {key} must be a list of names, not {value!r}", path)
    if kind == "name?":
        if value is False:
            return None
        from subkit.qc.glyphs import GLYPH_LISTS  # noqa: PLC0415

        if isinstance(value, str) and value in GLYPH_LISTS:
            return value
        raise UsageError(
            f"{where}: {key} must be one of {', '.join(sorted(GLYPH_LISTS))} or false, not {value!r}", path
        )
    if kind == "table":
        if isinstance(value, list) and all(
            isinstance(row, list)
            and len(row) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) and x > 0 for x in row)
            for row in value
        ):
            return tuple(sorted((row[0], row[1]) for row in value))
        raise UsageError(f"{where}: {key} must be a list of [characters, milliseconds] pairs, not {value!r}", path)
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        raise UsageError(f"{where}: {key} must be true or false, not {value!r}", path)
    if kind == "int?" and value is False:
        return None
    if kind in ("int", "int?"):
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise UsageError(f"{where}: {key} must be a whole number >= 0, not {value!r}", path)
    if value is False:
        return None
    if is_number and value > 0:
        return value
    raise UsageError(f"{where}: {key} must be a positive number or false, not {value!r}", path)


def _apply(thresholds: Thresholds, table: dict[str, Any], where: str, path: str | None) -> Thresholds:
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key in ("select", "ignore"):
            continue
        changes[THRESHOLD_KEYS.get(key, (key, ""))[0]] = coerce_threshold(key, value, where, path)
    return replace(thresholds, **changes) if changes else thresholds


def base_language(lang: str | None) -> str | None:
    if not lang:
        return None
    return lang.replace("_", "-").split("-")[0].lower()


def resolve_thresholds(
    profile: str, config: QcConfig | None = None, lang: str | None = None, overrides: dict[str, Any] | None = None
) -> Thresholds:
    """The thresholds for `profile` in `lang`, with the configuration's overrides applied."""
    data = _profile_data(profile)
    where = f"profile {profile}"
    thresholds = _apply(Thresholds(), data.get("rules", {}), where, None)
    code = base_language(lang)
    if code and code in data.get("lang", {}):
        thresholds = _apply(thresholds, data["lang"][code], where, None)
    if config is not None:
        thresholds = _apply(thresholds, config.rules, "[rules]", config.path)
        if code and code in config.lang:
            thresholds = _apply(thresholds, config.lang[code], f"[lang.{code}]", config.path)
    if overrides:
        thresholds = replace(thresholds, **overrides)
    return thresholds


def threshold_table(thresholds: Thresholds) -> dict[str, Any]:
    """Thresholds by their TOML key, for the rule catalogue and the docs."""
    return {threshold_key(f.name): getattr(thresholds, f.name) for f in fields(thresholds)}
