"""The visual QC report: one self-contained HTML file (no network, no external assets).

A QC operator looks at a track before reading a list: where the fast cues bunch up, whether the
findings cluster in one reel, how the reading speeds and line lengths are spread. The page holds
the track's figures, a timeline coloured by reading speed with the findings (and shot changes)
on it, CPS and CPL distributions, the findings with filters by severity and rule, and every cue.
Data travels as one JSON block; the script draws the timelines on canvases and builds the tables
once, so a 10,000-cue track opens in well under a second.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from subkit.counting import line_lengths
from subkit.markup import visible_text
from subkit.model import Track
from subkit.qc.findings import Finding
from subkit.timecode import format_srt


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """What the page says about how the track was checked."""

    title: str
    profile: str
    lang: str | None
    max_cps: float | None
    max_cpl: int
    fps: float
    version: str


def _histogram(values: list[float], edges: list[float]) -> list[int]:
    counts = [0] * (len(edges))
    for value in values:
        slot = len(edges) - 1
        for index in range(len(edges) - 1):
            if value < edges[index + 1]:
                slot = index
                break
        counts[slot] += 1
    return counts


def _bar_chart(title: str, labels: list[str], counts: list[int], over_from: int | None, unit: str) -> str:
    """A small inline SVG bar chart; bars at and after `over_from` are over the limit (red)."""
    width, height, pad = 640, 170, 24
    top = max(counts) or 1
    slot = (width - pad) / max(1, len(counts))
    bars = []
    for index, (label, count) in enumerate(zip(labels, counts)):
        h = (height - 2 * pad) * count / top
        x = pad + index * slot
        y = height - pad - h
        colour = "#d64545" if over_from is not None and index >= over_from else "#3b7dd8"
        bars.append(
            f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{slot - 2:.1f}" height="{h:.1f}" fill="{colour}">'
            f"<title>{html.escape(label)} {unit}: {count} cues</title></rect>"
        )
        if count:
            bars.append(f'<text x="{x + slot / 2:.1f}" y="{y - 3:.1f}" class="n">{count}</text>')
        if index % max(1, len(counts) // 8) == 0:
            bars.append(
                f'<text x="{x + slot / 2:.1f}" y="{height - pad + 14:.1f}" class="l">{html.escape(label)}</text>'
            )
    return (
        f'<figure class="chart"><figcaption>{html.escape(title)}</figcaption>'
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(title)}">'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width}" y2="{height - pad}" class="axis"/>'
        + "".join(bars)
        + "</svg></figure>"
    )


def render_html(track: Track, findings: list[Finding], info: ReportInfo, shots: list[int] | None = None) -> str:
    """The report page for one track and its findings."""
    cues: list[list[Any]] = []
    cps_values: list[float] = []
    cpl_values: list[int] = []
    for cue in track.cues:
        lengths = line_lengths(cue.text)
        chars = sum(lengths)
        duration = cue.end - cue.start
        cps = round(chars * 1000 / duration, 1) if duration > 0 else 0.0
        cps_values.append(cps)
        cpl_values.append(max(lengths, default=0))
        cues.append([cue.start, cue.end, cps, max(lengths, default=0), visible_text(cue.text), cue.id or ""])
    rows = [
        [f.cue, f.code, f.severity, f.name, f.message, f.start if f.start is not None else -1, f.fixable, f.line]
        for f in findings
    ]
    severities = Counter(f.severity for f in findings)
    limit = info.max_cps
    cps_limit = float(limit) if limit else 17.0
    step = 2.0
    cps_edges = [step * i for i in range(int(cps_limit * 1.6 // step) + 2)]
    cps_labels = [f"{edge:g}" for edge in cps_edges[:-1]] + [f"≥{cps_edges[-1]:g}"]
    cps_over = next((i for i, edge in enumerate(cps_edges) if edge >= cps_limit), None) if limit else None
    cpl_edges = list(range(0, info.max_cpl + 9, 4))
    cpl_labels = [str(e) for e in cpl_edges[:-1]] + [f"≥{cpl_edges[-1]}"]
    cpl_over = next((i for i, edge in enumerate(cpl_edges) if edge >= info.max_cpl + 1), None)
    duration = track.duration
    speeds = sorted(cps_values)
    median = speeds[len(speeds) // 2] if speeds else 0
    over = sum(1 for value in cps_values if limit and value > limit)
    figures = [
        ("cues", f"{len(track.cues)}"),
        ("duration", format_srt(duration)[:8]),
        ("median cps", f"{median:.1f}"),
        ("fastest", f"{max(speeds, default=0):.1f} cps"),
        ("over the cps limit", f"{over}" + (f" ({100 * over / len(cps_values):.1f}%)" if cps_values else "")),
        ("longest line", f"{max(cpl_values, default=0)} / {info.max_cpl}"),
    ]
    data = {
        "cues": cues,
        "findings": rows,
        "shots": shots or [],
        "duration": duration,
        "maxCps": limit,
        "maxCpl": info.max_cpl,
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    figure_html = "".join(
        f'<div class="fig"><b>{html.escape(v)}</b><span>{html.escape(k)}</span></div>' for k, v in figures
    )
    badges = "".join(f'<span class="badge {s}">{severities.get(s, 0)} {s}</span>' for s in ("error", "warning", "info"))
    charts = _bar_chart(
        "Reading speed (characters per second)", cps_labels, _histogram(cps_values, cps_edges), cps_over, "cps"
    ) + _bar_chart(
        "Longest line of each cue (characters)",
        cpl_labels,
        _histogram([float(v) for v in cpl_values], [float(e) for e in cpl_edges]),
        cpl_over,
        "characters",
    )
    subtitle = (
        f"profile {info.profile} · language {info.lang or 'unknown'} · {info.fps:g} fps · limits "
        f"{(f'{limit:g} cps' if limit else 'no cps limit')}, {info.max_cpl} characters a line · subkit {info.version}"
    )
    return _PAGE.format(
        title=html.escape(info.title),
        subtitle=html.escape(subtitle),
        figures=figure_html,
        badges=badges,
        charts=charts,
        data=payload,
        css=_CSS,
        script=_SCRIPT,
    )


_CSS = """
:root{--bg:#f6f7f9;--card:#fff;--ink:#1d2330;--muted:#667085;--line:#e4e7ec;--ok:#2e9e6b;--near:#e0a030;--bad:#d64545;
--error:#d64545;--warning:#d98b1a;--info:#3b7dd8}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
background:var(--bg);color:var(--ink)}
header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0;font-size:20px;font-weight:600}
header p{margin:4px 0 0;color:#b8c0cc;font-size:13px}main{padding:18px 28px;max-width:1500px;margin:auto}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin-bottom:16px}
.card h2{font-size:15px;margin:0 0 10px;font-weight:600}.row{display:flex;gap:16px;flex-wrap:wrap;align-items:stretch}
.figs{display:flex;gap:10px;flex-wrap:wrap}.fig{background:var(--bg);border-radius:6px;padding:8px 14px;min-width:120px}
.fig b{display:block;font-size:19px}.fig span{color:var(--muted);font-size:12px}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;color:#fff;margin-right:6px}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.info{background:var(--info)}
canvas{width:100%;display:block;border-radius:4px;background:#fbfcfd;cursor:crosshair}
#detail{margin-top:8px}.legend{color:var(--muted);font-size:12px;margin-top:6px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}
.chart{margin:0;flex:1;min-width:320px}.chart figcaption{font-weight:600;font-size:13px;margin-bottom:4px}
.chart svg{width:100%;height:auto;max-height:190px}.chart .axis{stroke:#98a2b3}.chart text{font-size:10px;fill:#475467;text-anchor:middle}
.filters{display:flex;gap:14px;align-items:center;flex-wrap:wrap;margin-bottom:8px}.filters label{cursor:pointer}
select{font:inherit;padding:2px 6px}table{width:100%;border-collapse:collapse;font-size:13px}
th{text-align:left;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:5px 8px;position:sticky;top:0;background:#fff}
td{border-bottom:1px solid var(--line);padding:5px 8px;vertical-align:top}td.t{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap;font-size:12px}
tr.sel td{background:#fff6d6}.scroll{max-height:420px;overflow:auto}.txt{white-space:pre-line}
.sev{font-weight:600;font-size:12px}.sev.error{color:var(--error)}.sev.warning{color:var(--warning)}.sev.info{color:var(--info)}
a{color:#2459b8;text-decoration:none}a:hover{text-decoration:underline}.cps{font-weight:600}
.cps.ok{color:var(--ok)}.cps.near{color:var(--near)}.cps.bad{color:var(--bad)}.codes span{margin-right:4px}
footer{color:var(--muted);font-size:12px;padding:0 28px 24px;max-width:1500px;margin:auto}
"""

_SCRIPT = r"""
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const cues = D.cues, findings = D.findings, maxCps = D.maxCps || 17;
const total = Math.max(D.duration, 1000);
const colour = cps => cps > maxCps ? "#d64545" : cps > 0.8 * maxCps ? "#e0a030" : "#2e9e6b";
const band = cps => cps > maxCps ? "bad" : cps > 0.8 * maxCps ? "near" : "ok";
const sevColour = {error: "#d64545", warning: "#d98b1a", info: "#3b7dd8"};
const clock = ms => { const s = Math.max(0, ms) / 1000, h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${(s % 60).toFixed(3).padStart(6, "0")}`; };
const esc = s => String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
const shown = {error: true, warning: true, info: true}; let rule = "";
let centre = 0, selected = -1; const span = 60000;
const byCue = new Map(); findings.forEach(f => { if (f[0]) { if (!byCue.has(f[0])) byCue.set(f[0], []); byCue.get(f[0]).push(f); } });
const visible = f => shown[f[2]] && (!rule || f[1] === rule);

function setup(canvas, height) {
  const ratio = window.devicePixelRatio || 1, width = canvas.clientWidth || 1200;
  canvas.width = width * ratio; canvas.height = height * ratio; canvas.style.height = height + "px";
  const g = canvas.getContext("2d"); g.setTransform(ratio, 0, 0, ratio, 0, 0); return [g, width];
}
function draw(canvas, from, to, height, labels) {
  const [g, width] = setup(canvas, height); const scale = width / (to - from), base = height - (labels ? 28 : 16), room = base - 22;
  g.clearRect(0, 0, width, height); g.fillStyle = "#eef1f5"; g.fillRect(0, base, width, 1);
  g.strokeStyle = "rgba(90,100,120,.35)"; g.lineWidth = 1;
  for (const t of D.shots) { if (t < from || t > to) continue; const x = (t - from) * scale; g.beginPath(); g.moveTo(x + .5, 14); g.lineTo(x + .5, base); g.stroke(); }
  const limitY = base - room * maxCps / (maxCps * 1.6);
  g.setLineDash([4, 3]); g.strokeStyle = "#d64545"; g.beginPath(); g.moveTo(0, limitY); g.lineTo(width, limitY); g.stroke(); g.setLineDash([]);
  for (let i = 0; i < cues.length; i++) {
    const c = cues[i]; if (c[1] < from || c[0] > to) continue;
    const x = (c[0] - from) * scale, w = Math.max(1, (c[1] - c[0]) * scale), h = room * Math.min(c[2], maxCps * 1.6) / (maxCps * 1.6);
    g.fillStyle = colour(c[2]); g.fillRect(x, base - Math.max(2, h), w, Math.max(2, h));
    if (i === selected) { g.strokeStyle = "#1d2330"; g.lineWidth = 2; g.strokeRect(x - 1, base - Math.max(2, h) - 1, w + 2, Math.max(2, h) + 2); g.lineWidth = 1; }
    if (labels && w > 26) { g.fillStyle = "#475467"; g.font = "10px system-ui,sans-serif"; g.fillText(String(i + 1), x + 2, base + 11); }
  }
  for (const f of findings) {
    if (!visible(f) || f[5] < from || f[5] > to) continue;
    const x = (f[5] - from) * scale; g.fillStyle = sevColour[f[2]];
    g.beginPath(); g.moveTo(x - 4, 2); g.lineTo(x + 4, 2); g.lineTo(x, 10); g.closePath(); g.fill();
  }
  if (!labels) { const a = (centre - span / 2 - from) * scale; g.strokeStyle = "#1d2330"; g.strokeRect(a, 12, span * scale, base - 12); }
  g.fillStyle = "#667085"; g.font = "10px system-ui,sans-serif";
  const ticks = labels ? 10000 : Math.max(60000, Math.ceil((to - from) / 12 / 60000) * 60000);
  for (let t = Math.ceil(from / ticks) * ticks; t <= to; t += ticks) g.fillText(clock(t).slice(0, labels ? 8 : 5), (t - from) * scale + 2, height - 2);
}
function redraw() {
  draw(document.getElementById("overview"), 0, total, 110, false);
  draw(document.getElementById("detail"), centre - span / 2, centre + span / 2, 150, true);
}
function select(index, scroll) {
  selected = index; centre = cues[index][0];
  document.querySelectorAll("tr.sel").forEach(r => r.classList.remove("sel"));
  cueRows(index + 1);
  const row = document.getElementById("cue-" + (index + 1));
  if (row) { row.classList.add("sel"); if (scroll) row.scrollIntoView({block: "center"}); }
  redraw();
}
function pick(canvas, event, from, to) {
  const box = canvas.getBoundingClientRect(), t = from + (event.clientX - box.left) / box.width * (to - from);
  let best = -1, gap = Infinity;
  for (let i = 0; i < cues.length; i++) { const d = t < cues[i][0] ? cues[i][0] - t : t > cues[i][1] ? t - cues[i][1] : 0; if (d < gap) { gap = d; best = i; } }
  return best;
}
const FIRST = 400, CHUNK = 2000;
let findingTimer = 0, cueTimer = 0, cuesDone = 0;
function findingRow(f) {
  const where = f[0] ? `<a href="#cue-${f[0]}" data-cue="${f[0]}">cue ${f[0]}</a>` : (f[7] ? `line ${f[7]}` : "file");
  return `<tr><td class="sev ${f[2]}">${f[2]}</td><td><b>${f[1]}</b> ${esc(f[3])}</td><td>${where}</td>` +
    `<td class="t">${f[5] >= 0 ? clock(f[5]) : ""}</td><td>${esc(f[4])}${f[6] ? ' <span class="badge info">fixable</span>' : ""}</td></tr>`;
}
function findingRows() {
  // the first rows at once, the rest in chunks after the page is shown: a long track opens fast
  clearTimeout(findingTimer);
  const body = document.getElementById("findings"), chosen = findings.filter(visible);
  body.innerHTML = chosen.slice(0, FIRST).map(findingRow).join("") || '<tr><td colspan="5">No findings for this filter.</td></tr>';
  document.getElementById("count").textContent = `${chosen.length} of ${findings.length}`;
  let done = FIRST;
  const more = () => { if (done >= chosen.length) return; body.insertAdjacentHTML("beforeend", chosen.slice(done, done + CHUNK).map(findingRow).join("")); done += CHUNK; findingTimer = setTimeout(more, 0); };
  findingTimer = setTimeout(more, 0);
}
function cueRow(i) {
  const c = cues[i], codes = (byCue.get(i + 1) || []).map(f => `<span class="sev ${f[2]}">${f[1]}</span>`).join("");
  return `<tr id="cue-${i + 1}"><td><a href="#cue-${i + 1}" data-cue="${i + 1}">${i + 1}</a></td><td class="t">${clock(c[0])}</td>` +
    `<td class="t">${clock(c[1])}</td><td class="cps ${band(c[2])}">${c[2].toFixed(1)}</td><td>${c[3]}</td>` +
    `<td class="txt">${esc(c[4])}</td><td class="codes">${codes}</td></tr>`;
}
function cueRows(upTo) {
  const end = Math.min(upTo, cues.length); if (cuesDone >= end) return;
  const parts = []; for (let i = cuesDone; i < end; i++) parts.push(cueRow(i));
  document.getElementById("cues").insertAdjacentHTML("beforeend", parts.join("")); cuesDone = end;
}
function moreCues() { cueRows(cuesDone + CHUNK); if (cuesDone < cues.length) cueTimer = setTimeout(moreCues, 0); }
function init() {
  const select_ = document.getElementById("rule"), counts = new Map();
  findings.forEach(f => counts.set(f[1], (counts.get(f[1]) || 0) + 1));
  [...counts.keys()].sort().forEach(code => { const o = document.createElement("option"); o.value = code; o.textContent = `${code} (${counts.get(code)})`; select_.appendChild(o); });
  select_.addEventListener("change", () => { rule = select_.value; findingRows(); redraw(); });
  document.querySelectorAll("input[data-sev]").forEach(box => box.addEventListener("change", () => { shown[box.dataset.sev] = box.checked; findingRows(); redraw(); }));
  document.body.addEventListener("click", event => { const a = event.target.closest("a[data-cue]"); if (a) { event.preventDefault(); select(Number(a.dataset.cue) - 1, true); history.replaceState(null, "", "#cue-" + a.dataset.cue); } });
  const overview = document.getElementById("overview"), detail = document.getElementById("detail");
  overview.addEventListener("click", e => { const i = pick(overview, e, 0, total); if (i >= 0) select(i, true); });
  detail.addEventListener("click", e => { const i = pick(detail, e, centre - span / 2, centre + span / 2); if (i >= 0) select(i, true); });
  window.addEventListener("resize", redraw);
  centre = cues.length ? (findings.find(f => f[0]) ? cues[findings.find(f => f[0])[0] - 1][0] : cues[0][0]) : 0;
  findingRows(); cueRows(FIRST); redraw(); cueTimer = setTimeout(moreCues, 0);
  const hash = /^#cue-(\d+)$/.exec(location.hash); if (hash && cues[hash[1] - 1]) select(Number(hash[1]) - 1, true);
  document.body.dataset.ready = String(performance.now());
}
init();
"""

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · subkit QC report</title><style>{css}</style></head>
<body>
<header><h1>{title}</h1><p>{subtitle}</p></header>
<main>
<section class="card"><div class="row" style="justify-content:space-between;align-items:center">
<div class="figs">{figures}</div><div>{badges}</div></div></section>
<section class="card"><h2>Timeline</h2>
<canvas id="overview" height="110" aria-label="whole track: cues coloured by reading speed, findings on top"></canvas>
<canvas id="detail" height="150" aria-label="one minute around the selected cue"></canvas>
<div class="legend">Bar height and colour: reading speed<i style="background:#2e9e6b"></i>comfortable
<i style="background:#e0a030"></i>near the limit<i style="background:#d64545"></i>over the limit
<i style="background:#d64545;width:14px;height:2px"></i>limit · triangles: findings · grey lines: shot changes · click to zoom</div></section>
<section class="card"><div class="row">{charts}</div></section>
<section class="card"><h2>Findings <small id="count" style="color:#667085;font-weight:400"></small></h2>
<div class="filters"><label><input type="checkbox" data-sev="error" checked> errors</label>
<label><input type="checkbox" data-sev="warning" checked> warnings</label>
<label><input type="checkbox" data-sev="info" checked> info</label>
<label>rule <select id="rule"><option value="">all rules</option></select></label></div>
<div class="scroll"><table><thead><tr><th>severity</th><th>rule</th><th>where</th><th>time</th><th>message</th></tr></thead>
<tbody id="findings"></tbody></table></div></section>
<section class="card"><h2>Cues</h2><div class="scroll" style="max-height:560px"><table>
<thead><tr><th>#</th><th>in</th><th>out</th><th>cps</th><th>cpl</th><th>text</th><th>findings</th></tr></thead>
<tbody id="cues"></tbody></table></div></section>
</main>
<footer>Made by subkit report. Self-contained: no network access, no external files.</footer>
<script type="application/json" id="data">{data}</script>
<script>{script}</script>
</body></html>
"""
