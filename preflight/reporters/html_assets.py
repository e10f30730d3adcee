"""The HTML report's stylesheet, inlined in every report: system fonts only, nothing fetched.

Colours keep a contrast of at least 4.5:1 for text on its background (WCAG AA); a status is never given by
colour alone (each badge says it in words). The print rules lay the report out on paper: pages at full
width, every section open, no navigation.
"""

from __future__ import annotations

STYLESHEET = """
:root {
  --ink: #1a1a1a; --muted: #4d4d4d; --paper: #ffffff; --line: #c8c8c8; --soft: #f3f4f6;
  --pass: #1b5e20; --pass-bg: #e8f5e9; --fail: #b3001b; --fail-bg: #fdecee;
  --warn: #7a4a00; --warn-bg: #fff4de; --info: #0b4f8a; --info-bg: #e6f0fa;
  --skip: #4d4d4d; --skip-bg: #eeeeee; --error: #6a1b9a; --error-bg: #f3e5f5;
  --images: #1565c0; --fonts: #ef6c00; --rest: #9e9e9e;
}
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--paper); line-height: 1.45; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; }
h1, h2, h3 { line-height: 1.2; }
h2 { margin-top: 2.2rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 0 0 .3rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .92em; overflow-wrap: anywhere; }
a { color: #0b4f8a; }
a:focus-visible, summary:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
.muted { color: var(--muted); }
.file + .file { border-top: 6px double var(--line); margin-top: 3rem; }

.verdict { border-radius: .6rem; padding: 1.1rem 1.4rem; margin-top: .5rem; border-left: .7rem solid; }
.verdict.pass { background: var(--pass-bg); border-color: var(--pass); }
.verdict.fail { background: var(--fail-bg); border-color: var(--fail); }
.verdict-word { font-size: clamp(2.6rem, 8vw, 4.2rem); font-weight: 800; margin: 0; letter-spacing: .02em;
  text-transform: uppercase; }
.verdict.pass .verdict-word { color: var(--pass); }
.verdict.fail .verdict-word { color: var(--fail); }
.verdict h1 { font-size: 1.35rem; margin: .2rem 0 .4rem; overflow-wrap: anywhere; }
.verdict-line { font-size: 1.15rem; font-weight: 600; margin: .2rem 0; }
.verdict-note { margin: .2rem 0; color: var(--muted); }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .4rem 1.5rem;
  margin: .9rem 0 0; }
.facts div { min-width: 0; }
.facts dt { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }

.bar { display: flex; height: 1rem; border-radius: .5rem; overflow: hidden; background: var(--soft);
  border: 1px solid var(--line); margin-top: .3rem; }
.size-bar .fill { display: block; height: 100%; background: var(--pass); }
.size-bar.near .fill { background: var(--warn); }
.size-bar.over .fill { background: var(--fail); }

.contents ul { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; list-style: none; padding: 0; margin: 1rem 0 0; }

.rule { border: 1px solid var(--line); border-left: .4rem solid var(--skip); border-radius: .4rem;
  padding: .55rem .8rem; margin: .5rem 0; }
.rule.pass { border-left-color: var(--pass); }
.rule.fail { border-left-color: var(--fail); background: #fffafa; }
.rule.warn { border-left-color: var(--warn); }
.rule.error { border-left-color: var(--error); background: #fdf8fe; }
.rule-text { margin: .1rem 0 .3rem; }
.rule.pass, .rule.skip { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 .6rem; padding: .25rem .8rem;
  margin: .25rem 0; }
.rule.pass h3, .rule.skip h3 { margin: 0; font-size: .95rem; }
.rule.pass .rule-text, .rule.skip .rule-text { margin: 0; font-size: .9rem; }
.rule.pass .rule-text, .rule.skip .rule-text { color: var(--muted); }
.badge { display: inline-block; min-width: 6.5rem; text-align: center; border-radius: .3rem; padding: .05rem .4rem;
  font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; margin-right: .3rem; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: #fff; background: var(--fail); }
.badge.warn { color: var(--warn); background: var(--warn-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
.badge.skip { color: var(--skip); background: var(--skip-bg); }
.badge.error { color: #fff; background: var(--error); }
.findings, .page-findings { margin: .3rem 0; padding-left: 1.4rem; }
.finding { margin: .2rem 0; }
.finding .level { font-weight: 700; }
.finding.error .level { color: var(--fail); }
.finding.warning .level { color: var(--warn); }
.finding.info .level { color: var(--info); }
.where { display: inline-block; min-width: 4.5rem; font-weight: 600; }
.snippet { display: block; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88em;
  background: var(--soft); padding: .1rem .4rem; margin: .15rem 0; overflow-wrap: anywhere; }
:lang(fr) q { quotes: "\\00AB\\202F" "\\202F\\00BB" "\\201C" "\\201D"; }
.fixes { background: var(--info-bg); border-radius: .3rem; padding: .3rem .7rem; margin-top: .4rem; }
.fix-title { font-weight: 700; margin: 0; color: var(--info); }
.fixes ul { margin: .2rem 0; padding-left: 1.2rem; }
.more, .note, .hint { color: var(--muted); }
.note { border-left: 3px solid var(--warn); padding-left: .6rem; }

.page-grid { display: flex; flex-wrap: wrap; gap: 1.2rem; align-items: flex-start; }
.page { margin: 0; width: 17rem; max-width: 100%; }
.page:target, .page:has(details[open]) { width: 100%; }
.page details summary { list-style: none; cursor: zoom-in; display: block; }
.page details summary::-webkit-details-marker { display: none; }
.page details[open] summary, .page:target summary { cursor: zoom-out; }
.sheet { position: relative; display: block; width: 100%; border: 1px solid var(--line);
  box-shadow: 0 1px 4px rgba(0,0,0,.18); background: #fff; }
.page:target .sheet, .page details[open] .sheet { max-width: 52rem; }
.sheet img { display: block; width: 100%; height: auto; }
.mark { position: absolute; outline: 2px solid var(--fail); outline-offset: 2px; background: rgba(179, 0, 27, .07);
  border-radius: 1px; min-width: 6px; min-height: 6px; }
.mark.warning { outline-color: #c77800; background: rgba(199, 120, 0, .08); }
.mark.info { outline-color: var(--info); background: rgba(11, 79, 138, .07); }
.mark-number { position: absolute; top: -0.75rem; left: -0.75rem; background: var(--fail); color: #fff;
  font-size: .7rem; font-weight: 700; border-radius: 1rem; min-width: 1.1rem; height: 1.1rem; line-height: 1.1rem;
  text-align: center; padding: 0 .2rem; }
.mark.warning .mark-number { background: var(--warn); }
.mark.info .mark-number { background: var(--info); }
.page figcaption { font-size: .9rem; }
.page-title { font-weight: 700; margin: .4rem 0 0; }

.strip { display: grid; grid-template-columns: repeat(var(--pages), minmax(0, 1fr)); gap: 1px; list-style: none;
  padding: 0; margin: .6rem 0; min-height: 2.4rem; }
.strip li { display: flex; align-items: flex-end; justify-content: center; font-size: .6rem; color: #fff;
  min-height: 2.4rem; overflow: hidden; }
.strip li a { color: #fff; font-weight: 700; }
.strip li.sec-none { color: var(--muted); }
.sec-cover { background: #3949ab; } .sec-cv { background: #00796b; } .sec-activity-report { background: #6d4c41; }
.sec-project { background: #bf360c; } .sec-publications { background: #6a1b9a; } .sec-letters { background: #ad1457; }
.sec-annexes { background: #455a64; } .sec-toc { background: #757575; }
.sec-none { background: repeating-linear-gradient(45deg, #eee, #eee 4px, #ddd 4px, #ddd 8px); }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; list-style: none; padding: 0; margin: .4rem 0; }
.swatch { display: inline-block; width: .95rem; height: .95rem; vertical-align: -.1rem;
  margin-right: .35rem; border: 1px solid rgba(0,0,0,.25); }
.ruler { margin: 1rem 0; }
.ruler figcaption { margin-bottom: .3rem; }
.ruler-track { position: relative; height: 1.3rem; background: var(--soft); border: 1px solid var(--line);
  margin-bottom: 1.3rem; }
.ruler-track .band { position: absolute; top: 0; bottom: 0; background: repeating-linear-gradient(90deg,
  rgba(27,94,32,.25), rgba(27,94,32,.25) 6px, rgba(27,94,32,.35) 6px, rgba(27,94,32,.35) 7px);
  border-left: 2px solid var(--pass); border-right: 2px solid var(--pass); }
.ruler-track .length { position: absolute; left: 0; top: .3rem; bottom: .3rem; background: var(--pass); }
.ruler.short .length, .ruler.long .length { background: var(--fail); }
.ruler-track .ticks .tick { position: absolute; top: 1.4rem; transform: translateX(-50%); font-size: .75rem;
  color: var(--muted); }

.timeline { display: grid; grid-template-columns: minmax(8rem, 16rem) 1fr; gap: 0 .6rem; margin: .6rem 0;
  font-size: .85rem; }
.tl-labels, .tl-rows { list-style: none; margin: 0; padding: 0; }
.tl-labels li, .tl-rows li { height: 1.6rem; line-height: 1.6rem; }
.tl-label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.tl-labels li.tl-axis-label { height: 3rem; }
.tl-plot { position: relative; border-left: 1px solid var(--line); border-right: 1px solid var(--line);
  padding-top: 3rem; }
.tl-axis { position: absolute; top: 0; left: 0; right: 0; height: 1.5rem; }
.tl-axis .year { position: absolute; top: .2rem; font-size: .75rem; color: var(--muted); padding-left: .15rem; }
.gridline { position: absolute; top: 0; bottom: 0; width: 1px; background: #e3e3e3; }
.tl-row { position: relative; }
.tl-bar { position: absolute; top: .3rem; height: 1rem; border-radius: .2rem; min-width: 3px; }
.tl-bar.open { border-right: 3px dotted var(--ink); }
.tl-bar.education, .tl-education { background: #1565c0; }
.tl-bar.position, .tl-position { background: #00796b; }
.tl-bar.leave, .tl-leave { background: #8e24aa; }
.tl-bar.other, .tl-other { background: #9e9e9e; }
.gap-band { position: absolute; top: 1.5rem; bottom: 0; min-width: 3px; }
.gap-band.gap, .gap-gap { background: rgba(198, 40, 40, .22); border-left: 2px solid #c62828;
  border-right: 2px solid #c62828; }
.gap-band.note, .gap-note { background: rgba(239, 108, 0, .18); border-left: 2px solid #ef6c00;
  border-right: 2px solid #ef6c00; }
.gap-band.possible, .gap-possible { background: repeating-linear-gradient(45deg, rgba(198,40,40,.28),
  rgba(198,40,40,.28) 4px, transparent 4px, transparent 9px); border-left: 2px dashed #c62828;
  border-right: 2px dashed #c62828; }
.gap-months { position: absolute; top: 1.55rem; left: 50%; transform: translateX(-50%); white-space: nowrap;
  background: #fff; color: #b3001b; font-weight: 700; font-size: .72rem; padding: 0 .2rem; border-radius: .2rem; }
.gap-band.note .gap-months { color: var(--warn); }
.cv-table caption { text-align: left; font-weight: 700; }
.gap-row td { color: var(--fail); font-weight: 600; }

.bytes-bar { height: 1.6rem; }
.bytes-bar .segment { display: block; height: 100%; }
.segment.images, .bytes-images { background: var(--images); }
.segment.fonts, .bytes-fonts { background: var(--fonts); }
.segment.rest, .bytes-rest { background: var(--rest); }

table.data { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; width: 100%; }
table.data caption { text-align: left; font-weight: 700; margin-bottom: .3rem; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
table.data th { background: var(--soft); }
.footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }

@media print {
  @page { margin: 1.4cm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .contents, .hint { display: none; }
  a { color: inherit; text-decoration: none; }
  .rule, .page, .ruler, .timeline, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .page { width: 48%; }
  .page:target, .page:has(details[open]) { width: 48%; }
  .sheet { box-shadow: none; }
}
"""
