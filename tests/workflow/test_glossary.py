"""Glossaries in CSV (with forbidden terms) and TBX, and the check of a draft against them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.cli import cli
from subkit.model import Cue
from subkit.translation.glossary import check_terms, load_glossary

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="fr">
 <martifHeader><fileDesc><sourceDesc><p>names of the film</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="c1">
   <langSet xml:lang="fr"><tig><term>Panchir</term></tig></langSet>
   <langSet xml:lang="en">
    <tig><term>Panjshir</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>Panshir</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
  <termEntry id="c2">
   <langSet xml:lang="fr"><ntig><termGrp><term>Kaboul</term></termGrp></ntig></langSet>
   <langSet xml:lang="en"><ntig><termGrp><term>Kabul</term></termGrp></ntig></langSet>
  </termEntry>
 </body></text>
</martif>
"""
TBX_2019 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Core" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
 <text><body><conceptEntry id="c1">
  <langSec xml:lang="fr"><termSec><term>Panchir</term></termSec></langSec>
  <langSec xml:lang="en"><termSec><term>Panjshir</term></termSec>
   <termSec><term>Panjsher</term><termNote type="administrativeStatus">forbidden</termNote></termSec></langSec>
 </conceptEntry></body></text>
</tbx>
"""
CSV = "fr,en,de,en:forbidden\nPanchir,Panjshir,Pandschir,Panshir|Panjsher\nKaboul,Kabul,,\n"


@pytest.mark.parametrize(
    "name, content, forbidden",
    [
        ("names.csv", CSV, {"Panshir", "Panjsher"}),
        ("names.tbx", TBX, {"Panshir"}),
        ("names2019.tbx", TBX_2019, {"Panjsher"}),
    ],
)
def test_every_format_gives_required_and_forbidden_terms(
    tmp_path: Path, name: str, content: str, forbidden: set[str]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    glossary = load_glossary(str(path), "fr")
    assert glossary.for_target("en")["Panchir"] == "Panjshir"
    assert set(glossary.forbidden_in("en")) == forbidden
    source = [Cue(0, 1, "La vallée du Panchir."), Cue(1, 2, "Le Panchir, encore."), Cue(2, 3, "Rien.")]
    target = [Cue(0, 1, "The Panjshir valley."), Cue(1, 2, "The Panshir again."), Cue(2, 3, "Panjsher.")]
    issues = {(issue.cue, issue.kind, issue.term) for issue in check_terms(source, target, glossary, "en")}
    expected = {(1, "missing", "Panjshir")} | {(1 if term == "Panshir" else 2, "forbidden", term) for term in forbidden}
    assert issues == expected


def test_translate_lists_glossary_problems_of_a_memory_draft(tmp_path: Path) -> None:
    from subkit.formats import write_track
    from subkit.model import Track
    from subkit.translation.memory import Pair, TranslationMemory

    source = tmp_path / "film.fr.srt"
    write_track(Track([Cue(0, 2000, "La vallée du Panchir."), Cue(3000, 5000, "Kaboul tombe.")]), str(source))
    memory = tmp_path / "film.tm"
    with TranslationMemory(str(memory)) as store:
        store.add(
            [Pair("La vallée du Panchir.", "The Panshir valley."), Pair("Kaboul tombe.", "Kabul falls.")], "fr", "en"
        )
    glossary = tmp_path / "names.tbx"
    glossary.write_text(TBX, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["translate", str(source), "--to", "en", "--memory", str(memory), "--no-cache", "--glossary", str(glossary)],
    )
    assert result.exit_code == 0, result.output
    assert "glossary: cue 1: 'Panchir' should be 'Panjshir'; cue 1: 'Panshir' is a forbidden term" in result.output


@pytest.mark.parametrize(
    "content, message, line",
    [
        (TBX.replace("</termEntry>", "", 1), "not well-formed XML", None),
        (
            TBX.replace(
                '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
                '<!DOCTYPE martif [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>',
            ).replace("Kabul", "&xxe;"),
            "declares XML entities",
            3,
        ),
        (TBX.replace("<term>Kabul</term>", "<term></term>"), "without a <term>", 15),
        ("fr,en,xx1\nA,B,C\n", "language codes", 1),
    ],
)
def test_bad_glossary_stops_translate_before_any_request(
    tmp_path: Path, content: str, message: str, line: int | None
) -> None:
    from subkit.formats import write_track
    from subkit.model import Track

    source = tmp_path / "film.fr.srt"
    write_track(Track([Cue(0, 2000, "La vallée du Panchir.")]), str(source))
    glossary = tmp_path / ("names.csv" if content.startswith("fr,") else "names.tbx")
    glossary.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "translate",
            str(source),
            "--to",
            "en",
            "--no-cache",
            "--engine",
            "libre",
            "--engine-url",
            "http://127.0.0.1:9/",
            "--glossary",
            str(glossary),
        ],
    )
    assert result.exit_code == 3, result.output
    assert message in result.stderr and result.stderr.startswith(f"subkit: {glossary}:")
    if line is not None:
        assert result.stderr.startswith(f"subkit: {glossary}:{line}: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["film.fr.srt", glossary.name])
