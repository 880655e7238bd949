"""A French cp1252 CRLF delivery with one planted defect per rule, built deterministically.

Every other cue is clean under netflix at 25 fps (French spacing with U+00A0, times on the
frame grid, <= 17 cps, 2-frame gaps or more), so any finding on it is a false alarm.
"""

from __future__ import annotations

from subkit.timecode import format_srt

NB = "\u00a0"
CLEAN = [
    "Les combattants tiennent la vallée.",
    "Personne ne sait combien ils sont.",
    "Ils attendent les ordres.",
    f"Tu me reçois{NB}?",
    "On monte vers le col avant la nuit.",
    "Les talibans ont pris la ville.",
    "Le colonel a refusé de partir.",
    "Il n’a jamais voulu partir…",
    f"«{NB}Nous ne partirons pas{NB}»",
    "La route est coupée depuis une semaine.",
    "Il reste peu de munitions.",
    "Les familles se cachent dans les grottes.",
    "Personne ne viendra l’aider.",
    f"Attention{NB}!",
    "Le village est vide depuis hier.",
    "Ils ont marché toute la nuit.",
    "Le froid arrive dans la vallée.",
    "Les hommes sont fatigués.",
    "On reprendra la route jusqu’au col.",
    "Ahmad Massoud parle à ses hommes.",
    "Le Panchir ne se rendra jamais.",
]


def build() -> tuple[bytes, dict[str, int | None], str]:
    """(file bytes, code -> line of the planted block, programme duration for --duration)."""
    blocks: list[tuple[str, str, str]] = []  # counter, timing line, text
    planted: dict[str, int | None] = {"S003": None}
    time = 10_000
    clean = iter(CLEAN * 3)

    def add(
        text: str | None = None,
        duration: int = 3000,
        code: str | None = None,
        gap: int = 400,
        start: int | None = None,
        timing: str | None = None,
        counter: str | None = None,
    ) -> None:
        nonlocal time
        begin = time + gap if start is None else start
        end = begin + duration
        blocks.append(
            (
                counter or str(len(blocks) + 1),
                timing or f"{format_srt(begin)} --> {format_srt(end)}",
                next(clean) if text is None else text,
            )
        )
        if code:
            planted[code] = len(blocks)  # block index for now; turned into a line below
        time = max(time, end)

    for _ in range(3):
        add()
    add("Oui.", duration=480, code="T004")
    add(gap=1000)
    add(duration=8000, code="T005")
    add()
    add("<i></i>", code="S004")
    add()
    add("<i>Il est parti.", code="S005")
    add()
    add(start=time + 400, duration=-1000, code="T001")  # ends before it starts
    time += 400
    add(gap=1000)
    add(gap=-400, code="T002")  # starts 400 ms before the previous cue ends
    add(gap=1000)
    later = time + 4000
    add(start=later, duration=2000)
    add(start=later - 3000, duration=2000, code="T003")  # in the pause before the previous one
    time = later + 2000
    add()
    add(gap=40, code="T006")
    add()
    add(start=time + 413, code="T008")
    time += 27  # back on the 40 ms grid
    add()
    add("Les combattants du Panchir tiennent encore la vallée.", duration=3400, code="L001")
    add()
    add("Il est parti\nce matin.", code="L004")
    add()
    add("Les combattants sont partis,\nles familles sont restées\net le village attend.", duration=4400, code="L002")
    add()
    add("Ils ont tous été arrêtés par les\ncombattants du Panchir.", duration=3400, code="L003")
    add()
    add(f"Il a dit: {NB}Non.", code="Y001")
    add()
    add("Il est  parti.", code="Y002")
    add()
    add("Je ne sais pas...", code="Y003")
    add()
    add(f"-Tu viens{NB}?\n-Non.", code="Y004")
    add()
    add("Families with papers on the left,\neverybody else wait here.", duration=4000, code="G002")
    add()
    add("Ils ont tenu la vallée pendant vingt ans.", duration=1200, code="R001")
    add()
    add(counter="99", code="S002")
    add()
    add(timing=f"{format_srt(time + 400)} -> {format_srt(time + 2800)}", code="S001")
    time += 2800
    for _ in range(3):
        add()
    duration = format_srt(time + 400 + 1000)
    add(code="T007", gap=400)
    lines: list[str] = []
    block_lines: list[int] = []
    for counter, timing, text in blocks:
        block_lines.append(len(lines) + 1)
        lines.extend([counter, timing, *text.split("\n"), ""])
    for code, where in planted.items():
        if where is not None:
            planted[code] = block_lines[where - 1]
    data = "\r\n".join(lines).encode("cp1252")
    return data, planted, duration
