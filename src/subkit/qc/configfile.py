"""A project's configuration file: `subkit.toml`, or `[tool.subkit]` in `pyproject.toml`.

Found from the current folder upwards, or named by the caller. Every key is checked when the
file is read, rule codes included, so the error names the file. This reading lives apart from
`qc.config` (profiles and thresholds, which the rules use) because checking codes needs the
rule catalogue, which needs the rules, which need `qc.config`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from subkit.errors import UsageError
from subkit.qc.config import SEVERITIES, QcConfig, coerce_threshold, profile_names
from subkit.qc.registry import check_code_prefixes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def _codes(value: Any, key: str, where: str, path: str | None) -> list[str]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise UsageError(f"{where}: {key} must be a list of rule codes or prefixes, not {value!r}", path)
    return check_code_prefixes([item.strip().upper() for item in value], f"{where}: {key}", path)


def config_from_table(table: dict[str, Any], path: str | None, where: str = "[tool.subkit]") -> QcConfig:
    """A QcConfig from a parsed `[tool.subkit]` / `subkit.toml` table, every key checked."""
    config = QcConfig(path=path)
    for key, value in table.items():
        if key == "profile":
            if not isinstance(value, str):
                raise UsageError(f"{where}: profile must be a string, not {value!r}", path)
            if value not in profile_names():  # an error now, with the file's name, not at first use
                raise UsageError(
                    f"{where}: unknown profile {value!r}; choose one of {', '.join(profile_names())}", path
                )
            config.profile = value
        elif key == "fps":
            from subkit.timecode import TimecodeError, parse_fps  # noqa: PLC0415

            try:
                config.fps = parse_fps(str(value))
            except TimecodeError as error:
                raise UsageError(f"{where}: fps: {error}", path) from None
        elif key in ("select", "ignore"):
            setattr(config, key, _codes(value, key, where, path))
        elif key == "fail-on":
            if value not in SEVERITIES:
                raise UsageError(f"{where}: fail-on must be one of {', '.join(SEVERITIES)}, not {value!r}", path)
            config.fail_on = value
        elif key == "rules":
            if not isinstance(value, dict):
                raise UsageError(f"{where}: rules must be a table", path)
            for rule_key, rule_value in value.items():
                if rule_key in ("select", "ignore"):
                    setattr(config, rule_key.replace("-", "_"), _codes(rule_value, rule_key, f"{where}.rules", path))
                else:
                    coerce_threshold(rule_key, rule_value, f"{where}.rules", path)
            config.rules = {k: v for k, v in value.items() if k not in ("select", "ignore")}
        elif key == "lang":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise UsageError(f"{where}: lang must hold one table per language ([lang.en])", path)
            for code, overrides in value.items():
                for rule_key, rule_value in overrides.items():
                    coerce_threshold(rule_key, rule_value, f"{where}.lang.{code}", path)
                config.lang[code.lower()] = dict(overrides)
        else:
            raise UsageError(
                f"{where}: unknown key {key!r} (known: profile, fps, select, ignore, fail-on, rules, lang)", path
            )
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            data: dict[str, Any] = tomllib.load(stream)
            return data
    except OSError as error:
        raise UsageError(f"cannot read configuration: {error.strerror or error}", str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"not valid TOML: {error}", str(path)) from None
    except UnicodeDecodeError as error:  # TOML is UTF-8 by definition
        raise UsageError(f"not valid TOML: byte 0x{error.object[error.start]:02x} is not UTF-8", str(path)) from None


def _table_of(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    tool = data.get("tool")
    if isinstance(tool, dict) and isinstance(tool.get("subkit"), dict):
        return tool["subkit"], "[tool.subkit]"
    if path.name == "pyproject.toml":
        return None, ""
    return data, path.name


def load_config(path: str | None = None, start_dir: str | Path | None = None) -> QcConfig:
    """The configuration in `path`, or the nearest `subkit.toml` / `pyproject.toml [tool.subkit]`
    from `start_dir` (default: the current folder) upwards; an empty QcConfig when there is none.
    """
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise UsageError("configuration file not found", path)
        table, where = _table_of(file, _read_toml(file))
        if table is None:
            raise UsageError("pyproject.toml has no [tool.subkit] table", path)
        return config_from_table(table, path, where)
    folder = Path(start_dir or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in ("subkit.toml", "pyproject.toml"):
            candidate = directory / name
            if candidate.is_file():
                table, where = _table_of(candidate, _read_toml(candidate))
                if table is not None:
                    return config_from_table(table, str(candidate), where)
    return QcConfig()
