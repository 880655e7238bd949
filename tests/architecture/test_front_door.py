"""The package's front door: cheap to import, every name resolves, calls read the same in a year."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import subkit
from subkit import api

VERBS = ["load", "loads", "save", "dumps", "check", "fix", "retime", "sync", "translate", "segment"]


def test_importing_subkit_imports_nothing_else_of_it() -> None:
    code = "import subkit, sys; print(sorted(m for m in sys.modules if m.startswith('subkit')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['subkit', 'subkit.version']"


@pytest.mark.parametrize("name", subkit.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(subkit, name) is not None
    assert name in dir(subkit)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'lod'"):
        subkit.lod  # noqa: B018


@pytest.mark.parametrize("name", VERBS)
def test_verbs_take_keywords_after_the_first_two_parameters(name: str) -> None:
    assert getattr(subkit, name) is getattr(api, name)
    parameters = list(inspect.signature(getattr(api, name)).parameters.values())
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters[2:]), name
    assert all(p.kind is not inspect.Parameter.VAR_KEYWORD for p in parameters), name


def test_the_verbs_are_not_shadowed_by_modules_of_the_same_name() -> None:
    # importing every module must leave `subkit.fix` & co. the functions (a submodule import
    # binds its name on the package)
    import subkit.alignment
    import subkit.repairs
    import subkit.retiming
    import subkit.translation

    assert all(inspect.isfunction(getattr(subkit, name)) for name in VERBS)


def test_all_lists_exactly_what_the_package_resolves() -> None:
    import subkit.translation

    assert set(subkit.__all__) == {"__version__", *subkit._EXPORTS}
    assert set(subkit.translation.__all__) == set(subkit.translation._EXPORTS)


def test_the_version_command_imports_only_the_command_line_and_its_signal_handling() -> None:
    code = (
        "import sys\nfrom subkit.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('subkit')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "['subkit', 'subkit.cli', 'subkit.signals', 'subkit.version']"
