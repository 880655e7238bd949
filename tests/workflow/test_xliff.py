"""`subkit xliff export|import`: valid XLIFF 1.2 that CAT-tool readers open, and a lossless way back."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings, strategies as st

from subkit.cli import cli
from subkit.formats import read_track, write_track
from subkit.model import Cue, Track

HERE = Path(__file__).resolve().parent
FIXTURE = HERE.parents[0] / "translate" / "data" / "film.fr.srt"
SCHEMAS = HERE / "schemas"


@pytest.fixture(scope="module")
def schema() -> Any:
    from lxml import etree

    text = (SCHEMAS / "xliff-core-1.2-strict.xsd").read_text(encoding="utf-8")
    text = text.replace(
        'schemaLocation="http://www.w3.org/2001/xml.xsd"', f'schemaLocation="{(SCHEMAS / "xml.xsd").as_uri()}"'
    )
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.fromstring(text.encode("utf-8"), parser, base_url=str(SCHEMAS) + "/"))


@pytest.fixture
def film(tmp_path: Path) -> Path:
    path = tmp_path / "film.fr.srt"
    path.write_bytes(FIXTURE.read_bytes())
    return path


def draft_of(film: Path) -> Path:
    """A stand-in English draft: same cues, each text reversed word by word (tags kept)."""
    track = read_track(str(film))
    cues = [cue.copy(text=re.sub(r"\b([A-Za-zÀ-ÿ]{4,})\b", lambda m: m.group(1)[::-1], cue.text)) for cue in track.cues]
    path = film.with_name("film.en.srt")
    write_track(track.with_cues(cues), str(path))
    return path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_export_validates_against_the_xliff_12_strict_schema(film: Path, schema: object) -> None:
    from lxml import etree

    draft = draft_of(film)
    out = film.with_name("film.fr-en.xlf")
    result = invoke("xliff", "export", str(film), "--to", "en", "--draft", str(draft), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "130 units, 130 with a target" in result.output
    document = etree.parse(str(out))
    assert schema.validate(document), schema.error_log  # type: ignore[attr-defined]
    # and without targets
    bare = film.with_name("bare.xlf")
    assert invoke("xliff", "export", str(film), "--to", "de", "-o", str(bare)).exit_code == 0
    assert schema.validate(etree.parse(str(bare))), schema.error_log  # type: ignore[attr-defined]


def test_units_carry_times_limits_and_inline_codes(film: Path) -> None:
    from lxml import etree

    out = film.with_name("film.fr-en.xlf")
    assert invoke("xliff", "export", str(film), "--to", "en", "-o", str(out)).exit_code == 0
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    root = etree.parse(str(out)).getroot()
    units = root.findall(".//x:trans-unit", ns)
    track = read_track(str(film))
    assert [unit.get("id") for unit in units] == [str(n) for n in range(1, 131)]
    first = units[0]
    start = first.find("x:context-group/x:context[@context-type='x-start']", ns)
    assert start is not None and start.text == "00:00:24,000"
    assert first.get("size-unit") == "char" and int(first.get("maxwidth", "0")) <= 84
    # the en profile allows 20 cps: a 2.96 s cue holds 59 characters
    assert first.get("maxwidth") == str(min(84, int(20 * track.cues[0].duration / 1000)))
    an8 = units[20].find("x:source", ns)
    assert an8 is not None
    placeholder, italic = an8.find("x:ph", ns), an8.find("x:bpt", ns)
    assert placeholder is not None and placeholder.text == "{\\an8}"
    assert italic is not None and italic.get("ctype") == "italic"
    assert units[5].find("x:source/x:x[@ctype='lb']", ns) is not None  # dialogue lines keep their break


#: run in a fresh interpreter: the test suite's own `tests/translate` package is also named `translate`
_TOOLKIT = """
import json, sys
from translate.storage import tmx, xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
memory = tmx.tmxfile.parsefile(sys.argv[2])
print(json.dumps({"units": len(units), "source": units[1].source, "target": units[1].target, "id": units[1].getid(),
                  "languages": [store.getsourcelanguage(), store.gettargetlanguage()],
                  "tmx": len(memory.units), "tmx_sources": [u.source for u in memory.units]}))
"""


def test_translate_toolkit_reads_the_xliff_and_the_tmx(film: Path, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    draft = draft_of(film)
    out = tmp_path / "film.xlf"
    assert invoke("xliff", "export", str(film), "--to", "en", "--draft", str(draft), "-o", str(out)).exit_code == 0
    memory = tmp_path / "film.tm"
    assert invoke("tm", "add", str(film), str(draft), "--memory", str(memory)).exit_code == 0
    exported = tmp_path / "film.tmx"
    result = invoke("tm", "export", "--memory", str(memory), "-o", str(exported))
    assert result.exit_code == 0, result.output
    done = subprocess.run(
        [sys.executable, "-c", _TOOLKIT, str(out), str(exported)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=True,
    )
    seen = json.loads(done.stdout)
    assert seen["units"] == 130
    assert "Je te reçois. On est au-dessus du village." in seen["source"]
    assert "village" not in seen["target"] and seen["target"]
    assert seen["id"].endswith("2") and seen["languages"] == ["fr", "en"]
    assert seen["tmx"] == 130
    assert any("Faucon 2, ici Aigle" in text for text in seen["tmx_sources"])


def test_round_trip_rebuilds_the_draft_exactly(film: Path, tmp_path: Path) -> None:
    draft = draft_of(film)
    out = tmp_path / "film.xlf"
    back = tmp_path / "back" / "film.en.srt"
    assert invoke("xliff", "export", str(film), "--to", "en", "--draft", str(draft), "-o", str(out)).exit_code == 0
    result = invoke("xliff", "import", str(out), "--source", str(film), "-o", str(back))
    assert result.exit_code == 0, result.output
    assert back.read_bytes() == draft.read_bytes()
    # without the source track, the units' own times are used
    alone = tmp_path / "alone.en.srt"
    assert invoke("xliff", "import", str(out), "-o", str(alone)).exit_code == 0
    assert [(c.start, c.end, c.text) for c in read_track(str(alone)).cues] == [
        (c.start, c.end, c.text) for c in read_track(str(draft)).cues
    ]


def test_import_rewraps_long_lines_and_reports_units_that_do_not_fit(film: Path, tmp_path: Path) -> None:
    draft = draft_of(film)
    out = tmp_path / "film.xlf"
    assert invoke("xliff", "export", str(film), "--to", "en", "--draft", str(draft), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    # what a translator does in the CAT tool: one target made far too long, one a single long line
    long_target = "This translation is much too long for a cue that lasts only this long, " * 2
    text = re.sub(
        r'(<trans-unit id="7".*?<target[^>]*>).*?(</target>)', rf"\g<1>{long_target}\g<2>", text, count=1, flags=re.S
    )
    wide = "A single line that a translator typed without any break at all"
    text = re.sub(
        r'(<trans-unit id="9".*?<target[^>]*>).*?(</target>)', rf"\g<1>{wide}\g<2>", text, count=1, flags=re.S
    )
    out.write_text(text, encoding="utf-8")
    back = tmp_path / "film.en.srt"
    result = invoke("xliff", "import", str(out), "--source", str(film), "-o", str(back))
    assert result.exit_code == 0, result.output
    cues = read_track(str(back)).cues
    assert cues[8].text.count("\n") == 1 and all(len(line) <= 42 for line in cues[8].text.split("\n"))
    assert "unit 7 (cue 7): R001" in result.output
    assert "2 re-wrapped" in result.output


@pytest.mark.parametrize(
    "mutation, message",
    [
        (lambda t: t.replace('<trans-unit id="5"', '<trans-unit id="500"', 1), "unit id '500' is not cue 5"),
        (lambda t: t.replace("Baisse la lampe", "Lève la lampe", 1), "its source is not the text of cue 6"),
        (
            lambda t: t.replace(
                "</body>", '<trans-unit id="131"><source>x</source><target>y</target></trans-unit></body>'
            ),
            "131 units for the 130 cues",
        ),
        (
            lambda t: re.sub(r'(<trans-unit id="3".*?)<target[^>]*>.*?</target>', r"\1", t, count=1, flags=re.S),
            "unit '3' has no translation",
        ),
        (lambda t: t.replace('<trans-unit id="4"', '<trans-unit id="3"', 1), "unit id '3' again"),
        (lambda t: t.replace("</source>", "</sauce>", 1), "not well-formed XML"),
        (lambda t: t.replace('version="1.2"', 'version="2.0"', 1), "XLIFF 2.0 is not read"),
        (
            lambda t: t.replace(
                "<?xml version='1.0' encoding='UTF-8'?>",
                '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>',
                1,
            ).replace("Baisse", "&b;", 1),
            "declares XML entities",
        ),
        (
            lambda t: t.replace(
                "<?xml version='1.0' encoding='UTF-8'?>",
                '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                1,
            ).replace("Baisse", "&x;", 1),
            "declares XML entities",
        ),
    ],
)
def test_bad_xliff_is_a_located_error_exit_3_and_nothing_is_written(
    film: Path, tmp_path: Path, mutation: Callable[[str], str], message: str
) -> None:
    draft = draft_of(film)
    out = tmp_path / "film.xlf"
    assert invoke("xliff", "export", str(film), "--to", "en", "--draft", str(draft), "-o", str(out)).exit_code == 0
    out.write_text(mutation(out.read_text(encoding="utf-8")), encoding="utf-8")
    target = tmp_path / "result" / "film.en.srt"
    result = invoke("xliff", "import", str(out), "--source", str(film), "-o", str(target))
    assert result.exit_code == 3, result.output
    assert message in result.stderr
    assert re.match(rf"subkit: {re.escape(str(out))}(:\d+)?: ", result.stderr) and result.stderr.count("\n") == 1
    assert not target.parent.exists()


def test_located_line_points_at_the_bad_unit(film: Path, tmp_path: Path) -> None:
    out = tmp_path / "film.xlf"
    assert (
        invoke("xliff", "export", str(film), "--to", "en", "--draft", str(draft_of(film)), "-o", str(out)).exit_code
        == 0
    )
    text = out.read_text(encoding="utf-8").replace('<trans-unit id="5"', '<trans-unit id="x5"', 1)
    out.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if 'id="x5"' in row)
    result = invoke("xliff", "import", str(out), "--source", str(film), "-o", str(tmp_path / "o.srt"))
    assert result.stderr.startswith(f"subkit: {out}:{line}: unit id 'x5'")


_TAGS = ["<i>", "</i>", "<b>", "</b>", "{\\an8}", "<v Roger>", '<font color="red">', "</font>", "\n"]
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>& "), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(_TEXT.map(lambda text: ("text", text)), st.sampled_from(_TAGS).map(lambda tag: ("tag", tag))),
        max_size=8,
    )
)
def test_inline_codes_round_trip_any_markup(parts: list[tuple[str, str]]) -> None:
    from lxml import etree

    from subkit.markup import escape_plain
    from subkit.translation.inline import fill, markup_of

    markup = "".join(escape_plain(value) if kind == "text" else value for kind, value in parts)
    for dialect in ("xliff", "tmx"):
        element = etree.Element("seg")
        fill(element, markup, dialect)
        again = etree.fromstring(etree.tostring(element))
        assert markup_of(again, "x") == markup


def test_export_refuses_a_draft_that_is_not_the_same_track(film: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.en.srt"
    write_track(Track([Cue(0, 1000, "one")]), str(other))
    result = invoke("xliff", "export", str(film), "--to", "en", "--draft", str(other), "-o", str(tmp_path / "x.xlf"))
    assert result.exit_code == 3 and "the draft has 1 cues, the source 130" in result.stderr
    assert not (tmp_path / "x.xlf").exists()


def test_installed_subkit_round_trips_and_refuses_entities(film: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    subkit = shutil.which("subkit")
    assert subkit is not None
    out = tmp_path / "film.xlf"
    done = subprocess.run(
        [subkit, "xliff", "export", str(film), "--to", "en", "--draft", str(draft_of(film)), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    out.write_text(
        out.read_text(encoding="utf-8").replace(
            "<?xml version='1.0' encoding='UTF-8'?>",
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>',
            1,
        ),
        encoding="utf-8",
    )
    refused = subprocess.run(
        [subkit, "xliff", "import", str(out), "-o", str(tmp_path / "out" / "film.en.srt")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 3
    assert (
        refused.stderr
        == f"subkit: {out}:2: the document declares XML entities; refused (external entities and entity expansion are not read)\n"
    )
