"""report.html: the whole report of a run in one offline page — headline with definitions,
per-source table, plots (inline PNG), scaling/failure/token/throughput tables, an index of every
task with its outcome, filters and sorting — and per task the closest sample first, with a
switch to every sample: status, finish reason, raw response, numbered program with the failing
line marked, outputs on each train pair with the cells that differ outlined.

Task details are stored in the page as inert JSON strings and built when a task is opened, so a
page of hundreds of tasks loads quickly. Everything from a run (programs, responses, errors) is
escaped; the page fetches nothing.
"""
from __future__ import annotations

import base64
import html
import json
import re
from itertools import zip_longest
from pathlib import Path
from typing import Any, Mapping, Sequence

from omni_arc.augment import Augmentation
from omni_arc.data import Task
from omni_arc.evaluate import metrics as M
from omni_arc.evaluate.report import (SOURCE_COLUMNS, headline_rows, provenance_line, source_rows)
from omni_arc.evaluate.rundir import Run
from omni_arc.evaluate.samples import (TrainRun, augmentation_of, rank, rerun_train, runnable, seen_task,
                                       task_closeness)
from omni_arc.render import ARC_COLORS

e = html.escape

CSS = """
body { font-family: system-ui, sans-serif; margin: 1.2em; color: #222; max-width: 1400px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; border-bottom: 1px solid #ddd; margin-top: 1.4em; }
table.t { border-collapse: collapse; font-size: 0.85em; margin: 0.4em 0; }
table.t td, table.t th { padding: 0.15em 0.6em; text-align: left; border-bottom: 1px solid #eee; }
table.t td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.t td.def { color: #555; }
table.grid { border-collapse: collapse; display: inline-table; margin: 1px; }
table.grid td { width: 11px; height: 11px; padding: 0; border: 1px solid #555; }
table.grid td.x { box-shadow: inset 0 0 0 2px #fff, inset 0 0 0 3px #000; }  /* visible on every colour */
.row { display: flex; flex-wrap: wrap; gap: 0.9em; align-items: flex-start; margin: 0.3em 0; }
figure.g { margin: 0; display: inline-block; vertical-align: top; }
figure.g figcaption { font-size: 0.72em; color: #555; }
.note { font-size: 0.72em; color: #a0006f; }
.none { display: inline-block; padding: 0.4em; color: #888; border: 1px dashed #bbb; font-size: 0.75em; }
.ok { color: #1a7f37; font-weight: bold; } .bad { color: #c62828; font-weight: bold; }
ol.code { background: #f6f6f6; font: 0.78em/1.35 ui-monospace, monospace; padding: 0.4em 0.4em 0.4em 3.2em;
  margin: 0.3em 0; white-space: pre; overflow-x: auto; }
ol.code li.fail { background: #ffd9d9; } ol.code li::marker { color: #999; }
pre.resp { background: #fffbe6; padding: 0.5em; font-size: 0.78em; white-space: pre-wrap; max-height: 20em;
  overflow: auto; }
details.task { border-top: 1px solid #ddd; padding: 0.3em 0; }
details.task > summary { cursor: pointer; font-weight: 600; }
details.all > summary { cursor: pointer; color: #0645ad; margin: 0.5em 0; }
.sample { border-left: 3px solid #ccc; padding: 0.2em 0 0.2em 0.7em; margin: 0.6em 0; }
.sample.closest { border-left-color: #1a7f37; }
.sample h4 { margin: 0.2em 0; font-size: 0.9em; font-weight: 600; }
.meta { font-size: 0.8em; color: #555; }
.m { display: inline-block; min-width: 7.5em; font-size: 0.8em; padding: 0 0.3em; border-radius: 3px; }
.m-solved { background: #d5f5dc; color: #135f28; } .m-partly { background: #fff2c4; color: #6b5200; }
.m-wrong { background: #ffe0c2; color: #8a3b00; } .m-failed { background: #eee; color: #666; }
.index { max-height: min(60vh, 40em); overflow-y: auto; border: 1px solid #eee; display: inline-block; }
.filters { margin: 0.5em 0; font-size: 0.9em; } .filters select { margin-right: 1em; }
img.plot { max-width: 32%; min-width: 300px; border: 1px solid #eee; }
td.cn { background: #fff; }
""" + "".join(f"td.c{i} {{ background: {c}; }}\n" for i, c in enumerate(ARC_COLORS))

SCRIPT = """
(function () {
  function grids(root) {
    root.querySelectorAll('table.grid[data-g]').forEach(function (t) {
      var x = {}, h = '', k = 0;
      (t.dataset.x || '').split(',').forEach(function (i) { if (i) x[i] = 1; });
      t.dataset.g.split(',').forEach(function (r) {
        h += '<tr>';
        for (var j = 0; j < r.length; j++, k++) h += '<td class="c' + r[j] + (x[k] ? ' x' : '') + '"></td>';
        h += '</tr>';
      });
      t.innerHTML = h;
    });
  }
  function fill(d) {
    var body = d.querySelector('.body');
    if (body.dataset.done) return;
    body.innerHTML = JSON.parse(d.querySelector('script.d').textContent);
    grids(body);
    body.dataset.done = '1';
  }
  var tasks = Array.prototype.slice.call(document.querySelectorAll('details.task'));
  tasks.forEach(function (d) {
    d.addEventListener('toggle', function () { if (d.open) fill(d); });
    if (d.open) fill(d);
  });
  function openHash() {
    var d = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (d && d.tagName === 'DETAILS') { d.open = true; fill(d); d.scrollIntoView(); }
  }
  window.addEventListener('hashchange', openHash);
  openHash();
  var st = document.getElementById('f-status'), so = document.getElementById('f-source'),
      sorter = document.getElementById('f-sort');
  var tbody = document.querySelector('#index tbody'), holder = document.getElementById('tasks');
  var rows = Array.prototype.slice.call(tbody.rows);
  function key(el, k) { return k === 'id' ? el.dataset.task : -parseFloat(el.dataset[k]); }
  function apply() {
    var k = sorter.value;
    var cmp = function (a, b) { var x = key(a, k), y = key(b, k);
      return x < y ? -1 : x > y ? 1 : (a.dataset.task < b.dataset.task ? -1 : 1); };
    rows.sort(cmp).forEach(function (tr) {
      var show = (!st.value || tr.dataset.status === st.value) &&
                 (!so.value || (' ' + tr.dataset.sources + ' ').indexOf(' ' + so.value + ' ') >= 0);
      tr.hidden = !show; tbody.appendChild(tr);
    });
    tasks.sort(cmp).forEach(function (d) {
      var tr = document.getElementById('i-' + d.dataset.task); d.hidden = tr.hidden; holder.appendChild(d);
    });
    document.getElementById('f-count').textContent = rows.filter(function (r) { return !r.hidden; }).length;
  }
  [st, so, sorter].forEach(function (s) { s.addEventListener('change', apply); });
})();
"""

DEFINITIONS = {
    "ARC Prize score": "mean over tasks of the fraction of test inputs whose attempt 1 or 2 is exactly "
                       "right; only attempts some sample produced count (a placeholder never does)",
    "tasks solved": "tasks whose every test input is right",
    "tasks with a verified program": "some sample reproduced every train output (and ran on the tests)",
    "verification precision": "of the verified samples, the share also right on every test input",
    "oracle (some sample right)": "tasks where some sample, verified or not, is right on every test input",
    "pass@1": "pass@k: chance that at least one of k samples drawn from the task's N is right on every "
              "test input (unbiased estimate)",
    "pass@N": "pass@k with k = every sample",
    "vote@1": "vote@k: the ARC score when `omni verify`'s vote sees only k random samples per task",
    "vote@N": "vote@k with k = every sample: the score of the submission",
    "samples": "candidate programs scored",
    "samples per task (max N)": "the largest number of samples of one task",
    "duplicate rate": "share of samples repeating an earlier program of the same task",
    "median program tokens": "median token length of the programs with code",
    "wall time (s)": "the run's wall-clock time, from run.json",
    "programs/s": "programs verified per second, from run.json",
}

OUTCOMES = {  # outcome -> (marker text, css class, meaning)
    "solved": ("✔ solved", "m-solved", "every test input right"),
    "partly": ("◐ partly", "m-partly", "some test inputs right"),
    "wrong": ("✘ verified, wrong", "m-wrong", "a verified program, wrong on the test"),
    "failed": ("· failed", "m-failed", "no verified program"),
}

TRANSFORM_WORDS = {  # transform -> (what the model saw, how outputs are mapped back)
    "identity": ("", ""),
    "rotate_90": ("rotated 90° clockwise", "rotated 90° counter-clockwise"),
    "rotate_180": ("rotated 180°", "rotated 180°"),
    "rotate_270": ("rotated 90° counter-clockwise", "rotated 90° clockwise"),
    "flip_left_right": ("mirrored left↔right", "mirrored left↔right"),
    "flip_top_bottom": ("mirrored top↔bottom", "mirrored top↔bottom"),
    "transpose": ("transposed (rows↔columns)", "transposed (rows↔columns)"),
    "anti_transpose": ("transposed along the anti-diagonal", "transposed along the anti-diagonal"),
}


def color_cycles(colors: Sequence[int]) -> list[list[int]]:
    """The cycles of a colour permutation (``colors[old] == new``), fixed colours left out.

    >>> color_cycles([0, 3, 2, 1, 4, 5, 6, 7, 8, 9]), color_cycles([0, 2, 5, 3, 4, 1, 6, 7, 8, 9])
    ([[1, 3]], [[1, 2, 5]])
    """
    seen, cycles = set(), []
    for start in range(len(colors)):
        if start in seen or colors[start] == start:
            continue
        cycle, c = [], start
        while c not in seen:
            seen.add(c)
            cycle.append(c)
            c = colors[c]
        cycles.append(cycle)
    return cycles


def _cycle_words(cycles: Sequence[Sequence[int]]) -> str:
    return ", ".join(f"{c[0]}↔{c[1]}" if len(c) == 2 else "→".join(map(str, [*c, c[0]])) for c in cycles)


def augmentation_words(aug: Augmentation) -> tuple[str, str]:
    """(how the model saw the task, how its outputs are mapped back), in words.

    >>> augmentation_words(Augmentation("rotate_270", (0, 3, 2, 1, 4, 5, 6, 7, 8, 9)))
    ('rotated 90° counter-clockwise, colours 1↔3', 'colours 1↔3, then rotated 90° clockwise')
    >>> augmentation_words(Augmentation("identity", (0, 2, 5, 3, 4, 1, 6, 7, 8, 9)))
    ('colours 1→2→5→1', 'colours 1→5→2→1')
    """
    seen, back = TRANSFORM_WORDS[aug.transform]
    cycles = color_cycles(aug.colors)
    forward = ", ".join(x for x in (seen, f"colours {_cycle_words(cycles)}" if cycles else "") if x)
    inverse_cycles = [[c[0], *reversed(c[1:])] for c in cycles]
    inverse = ", then ".join(x for x in (f"colours {_cycle_words(inverse_cycles)}" if cycles else "", back) if x)
    return forward, inverse


# --- grids --------------------------------------------------------------------------------------


def _is_grid(grid: Any) -> bool:
    return isinstance(grid, list) and bool(grid) and all(isinstance(r, list) and r for r in grid)


def grid_table(grid: Any, expected: Any = None) -> str:
    """A grid as an empty table the page's script fills with coloured cells: ``data-g`` holds the
    rows (one digit per cell, "n" for a bad value, rows joined by ","), ``data-x`` the flat indices
    of the cells that differ from ``expected`` (same shape), which are outlined.

    >>> grid_table([[1, 2], [3, 4]], [[1, 0], [3, 0]])
    '<table class=grid data-g=12,34 data-x=1,3></table>'
    """
    def digit(v: Any) -> str:
        return str(v) if isinstance(v, int) and 0 <= v <= 9 else "n"

    rows = ",".join("".join(digit(v) for v in row) for row in grid)
    diff = ""
    if _is_grid(expected) and M.cells_differ(grid, expected) is not None:
        flat = [v for row in grid for v in row]
        want = [v for row in expected for v in row]
        diff = ",".join(str(i) for i, (a, b) in enumerate(zip(flat, want)) if a != b)
    # Unquoted attribute values: digits, "n" and commas only (the page holds thousands of grids).
    return f"<table class=grid data-g={rows}" + (f" data-x={diff}" if diff else "") + "></table>"


def grid_figure(label: str, grid: Any, expected: Any = None, mark: bool | None = None, note: str = "") -> str:
    """A labelled grid with its size; with ``expected``, the differing cells outlined and counted.
    A missing grid shows as "no attempt"/"none" text, never as cells."""
    tick = "" if mark is None else (' <span class="ok">✓</span>' if mark else ' <span class="bad">✗</span>')
    if not _is_grid(grid):
        return (f'<figure class=g><figcaption>{e(label)}{tick}</figcaption>'
                f'<span class="none">{e(note or "none")}</span></figure>')
    size = f"{len(grid)}×{len(grid[0])}"
    notes = [note] if note else []
    if _is_grid(expected):
        k = M.cells_differ(grid, expected)
        if k is None:
            notes.append(f"size {size}, expected {len(expected)}×{len(expected[0])}")
        elif k:
            notes.append(f"{k} of {len(grid) * len(grid[0])} cells differ")
    note_html = f'<div class="note">{e("; ".join(notes))}</div>' if notes else ""
    return (f'<figure class=g><figcaption>{e(label)} · {size}{tick}</figcaption>'
            f"{grid_table(grid, expected)}{note_html}</figure>")


def output_figure(label: str, got: Any, expected: Any, error: str | None = None) -> str:
    """A program's output against the expected grid: drawn with its differences when wrong, a
    one-line "same as expected" when right (the expected grid is beside it), the error when none."""
    if expected is not None and M.same_grid(got, expected):
        return (f'<figure class=g><figcaption>{e(label)} · {len(got)}×{len(got[0])} <span class="ok">✓</span>'
                '</figcaption><span class="none">same as expected</span></figure>')
    return grid_figure(label, got, expected, None if expected is None else False,
                       note=(error or "no output") if got is None else "")


# --- one sample ---------------------------------------------------------------------------------

_LINE = re.compile(r"\(line (\d+)\)|line (\d+)")


def failing_line(detail: str | None) -> int | None:
    """The program line an error names ("... (line 3)"), else None.

    >>> failing_line("ZeroDivisionError: division by zero (line 3) [train pair 1 of 2]"), failing_line("")
    (3, None)
    """
    m = _LINE.search(detail or "")
    return int(m.group(1) or m.group(2)) if m else None


def code_listing(code: str, bad_line: int | None) -> str:
    """The program with line numbers (an ordered list), the failing line marked."""
    items = [f'<li{" class=fail" if n == bad_line else ""}>{e(line) or " "}</li>'
             for n, line in enumerate(code.split("\n"), 1)]
    return f'<ol class="code">{"".join(items)}</ol>'


def finish_words(row: Mapping[str, Any], max_tokens: Any) -> str:
    """The finish reason in words: "cut at 384 tokens" for a sample stopped by the token limit."""
    reason = row.get("finish_reason")
    if reason == "length":
        return f"cut at {max_tokens} tokens" if max_tokens else "cut at the token limit"
    if reason == "stop":
        return "ended its answer"
    return str(reason) if reason else ""


def sample_html(i: int, row: Mapping[str, Any], run: TrainRun | None, task: Task, closest: bool,
                max_tokens: Any) -> str:
    """One sample: header, response or numbered program, its outputs on the train pairs (in the
    frame the model saw) and on the test inputs (mapped back), each against the expected grid."""
    status = str(row.get("status"))
    bits = [f"sample {i}", M.row_source(row), status]
    if row.get("train_total") is not None:
        bits.append(f"train {row.get('train_passed') or 0}/{row['train_total']}")
    if row.get("n_tokens") is not None:
        bits.append(f"{row['n_tokens']} tokens")
    if finish_words(row, max_tokens):
        bits.append(finish_words(row, max_tokens))
    out = [f'<div class="sample{" closest" if closest else ""}" data-status="{e(status)}">',
           f"<h4>{'closest: ' if closest else ''}{e(' · '.join(bits))}</h4>"]
    aug = augmentation_of(row)
    if not aug.is_identity:
        seen, back = augmentation_words(aug)
        out.append(f'<div class="meta">The model saw the task {e(seen)}; train grids below are as it saw them. '
                   f"Its test outputs were mapped back: {e(back)}.</div>")
    if row.get("detail"):
        out.append(f'<div class="meta">{e(str(row["detail"]))}</div>')
    if not row.get("code"):
        response = row.get("response")
        out.append("<div class=meta>No code found in the response" + (":</div>" if response else
                   " (no response recorded).</div>"))
        if response:
            out.append(f'<pre class="resp">{e(str(response))}</pre>')
    else:
        out.append(code_listing(str(row["code"]), failing_line(row.get("detail"))))
    seen_t = seen_task(task, row)
    if run is not None:
        for j, pair in enumerate(seen_t.train):
            got = run.outputs[j] if j < len(run.outputs) else None
            expected = pair.output.tolist()
            error = run.errors[j] if j < len(run.errors) else None
            out.append('<div class="row">' + grid_figure(f"train {j + 1} input", pair.input.tolist())
                       + grid_figure("expected", expected)
                       + output_figure("program output", got, expected, error) + "</div>")
    elif runnable(row):
        out.append('<div class="meta">(not re-run on the train pairs: over the page\'s program limit)</div>')
    outs = row.get("test_outputs") if isinstance(row.get("test_outputs"), list) else []
    if outs:
        cells = []
        for j, pair in enumerate(task.test):
            got = outs[j] if j < len(outs) else None
            truth = None if pair.output is None else pair.output.tolist()
            cells.append(output_figure(f"test {j + 1} output", got, truth))
        out.append('<div class="row">' + "".join(cells) + "</div>")
    out.append("</div>")
    return "\n".join(out)


# --- one task -----------------------------------------------------------------------------------


def outcome(info: Mapping[str, Any]) -> str:
    """solved, partly, wrong (verified but wrong on the test) or failed."""
    if info["score"] == 1.0:
        return "solved"
    if info["score"] > 0:
        return "partly"
    return "wrong" if info["verified"] else "failed"


def _attempt_sources(rows: Sequence[Mapping[str, Any]], i: int, grid: Any) -> str:
    counts: dict[str, int] = {}
    for r in rows:
        outs = r.get("test_outputs")
        if isinstance(outs, list) and i < len(outs) and outs[i] == grid:
            counts[M.row_source(r)] = counts.get(M.row_source(r), 0) + 1
    return ", ".join(f"{s} ×{n}" for s, n in counts.items())


def task_body(info: Mapping[str, Any], task: Task, rows: Sequence[Mapping[str, Any]], runs: Mapping[int, TrainRun],
              credited: Sequence[Mapping[str, Any]], max_tokens: Any) -> str:
    """A task's details: the test with the credited attempts, the closest sample, then a switch
    to every sample."""
    statuses = ", ".join(f"{k} {v}" for k, v in info["statuses"].items()) or "none"
    out = [f'<p class="meta">{_n(info["samples"], "sample")} ({e(statuses)}); {info["verified"]} verified, '
           f'{info["correct"]} right on every test input; '
           f'sources: {e(", ".join(info.get("sources", [])) or "–")}</p>']
    for i, pair in enumerate(task.test):
        truth = None if pair.output is None else pair.output.tolist()
        attempts = credited[i] if i < len(credited) else {}
        cells = [grid_figure(f"test {i + 1} input", pair.input.tolist()), grid_figure("expected", truth)]
        for a in M.ATTEMPTS:
            grid = attempts.get(a)
            who = _attempt_sources(rows, i, grid) if M.is_attempt(grid) else ""
            cells.append(grid_figure(a.replace("_", " "), grid if M.is_attempt(grid) else None, truth,
                                     M.same_grid(grid, truth) if M.is_attempt(grid) else None,
                                     note=f"from {who}" if who else ("" if M.is_attempt(grid) else "no attempt")))
        out.append('<div class="row">' + "".join(cells) + "</div>")
    order = rank(rows, runs, task)
    if not order:
        out.append("<p>No sample of this task.</p>")
    if not order or not rows[order[0]].get("code") or order[0] not in runs:
        out.append('<div class="meta">Train examples:</div>')
        for j, pair in enumerate(task.train):
            out.append('<div class="row">' + grid_figure(f"train {j + 1} input", pair.input.tolist())
                       + grid_figure("output", pair.output.tolist()) + "</div>")
    if order:
        best = order[0]
        out.append(sample_html(best, rows[best], runs.get(best), task, True, max_tokens))
        if len(rows) > 1:
            every = "".join(sample_html(i, rows[i], runs.get(i), task, False, max_tokens) for i in range(len(rows)))
            out.append(f'<details class="all"><summary>all {len(rows)} samples, in sample order</summary>'
                       f"{every}</details>")
    return "\n".join(out)


_SCRIPT_LT = re.compile(r"<(?=[/!sS])")  # the "<" of "</", "<!--" and "<script" (any case)


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: every "<" that could end or escape it is \\u003c.

    >>> print(_script_json("<td></script><!--<SCRIPT>"))
    "<td>\\u003c/script>\\u003c!--\\u003cSCRIPT>"
    """
    return _SCRIPT_LT.sub(r"\\u003c", json.dumps(value, ensure_ascii=False))


# --- the page -----------------------------------------------------------------------------------


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]], numeric_from: int = 1) -> str:
    head = "".join(f"<th>{e(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if j >= numeric_from else ""}>{e(str(c))}</td>'
                                    for j, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<table class="t"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _n(k: int, noun: str) -> str:
    return f"{k} {noun}{'' if k == 1 else 's'}"


def _some(ids: Sequence[str], n: int = 40) -> str:
    """The first ``n`` ids, then how many more."""
    return ", ".join(ids[:n]) + (f" and {len(ids) - n} more" if len(ids) > n else "")


def _pct(x: Any) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _numbers(report: Mapping[str, Any]) -> str:
    """Scaling, failures, exceptions, duplicates, token lengths and throughput as tables."""
    s, tok, f = report["scaling"], report["tokens"], report["failures"]
    n = report["n_samples"]
    parts = [
        "<h2>Scaling</h2>",
        _table(["k", "pass@k", "verified-pass@k", "vote@k"],
               [(k, _pct(s["pass_at_k"][k - 1]), _pct(s["verified_pass_at_k"][k - 1]), _pct(v))
                for k, v in zip(s["vote_k"], s["vote_at_k"])]),
        f'<p class="meta">vote@k averages up to {s["vote_draws"]} random subsets of k samples per task '
        f'(seed {s["seed"]}). ' + ("Voting over all samples reproduces the submission's score."
                                  if s["vote_all_matches_submission"] else
                                  "Voting over all samples does <b>not</b> reproduce the submission's score: "
                                  "submission.json was not made by this vote from these samples.") + "</p>",
        "<h2>Failures</h2>",
        _table(["status", "samples", "share"],
               [(k, v, _pct(v / n) if n else "–") for k, v in f["overall"].items()]),
    ]
    if f["exceptions"]:
        parts.append(_table(["exception", "samples"], list(f["exceptions"].items())))
    d = report["duplicates"]
    parts += [
        f'<p class="meta">{_pct(d["rate_program_hash"])} of {d["programs"]} programs repeat an earlier one of '
        f'their task (same program hash); {_pct(d["rate_code"])} by normalized code alone.</p>',
        "<h2>Token lengths</h2>", f'<p class="meta">Counted with {e(str(tok["counter"]))}.</p>',
        _table(["text", "count", "mean", "median", "p90", "max"], [
            (name, tok[key]["count"], *(("–" if tok[key][q] is None else f"{tok[key][q]:.4g}")
                                        for q in ("mean", "median", "p90", "max")))
            for name, key in [("generated programs", "programs"), ("library solutions", "library"),
                              ("test output grids as text", "grids")]]),
        "<h2>Throughput</h2>",
        _table(["quantity", "value"],
               [(k, "–" if v is None else f"{v:.4g}") for k, v in report["throughput"].items()]),
    ]
    return "\n".join(parts)


def _plots(out_dir: Path | None) -> str:
    imgs = []
    for name, alt in (("scaling.png", "pass@k and vote@k against k"), ("failures.png", "statuses and exceptions"),
                      ("tokens.png", "token lengths")):
        path = out_dir / name if out_dir is not None else None
        if path is not None and path.exists():
            data = base64.b64encode(path.read_bytes()).decode()
            imgs.append(f'<img class="plot" alt="{e(alt)}" title="{e(name)}" src="data:image/png;base64,{data}">')
    return "<h2>Plots</h2>" + "".join(imgs) if imgs else ""


def pick_tasks(per_task: Sequence[Mapping[str, Any]], n: int) -> list[str]:
    """Up to ``n`` task ids, taken in turn from: solved, partly solved, verified but wrong, some
    sample right but not submitted, the rest (each group in task-id order)."""
    def group(t: Mapping[str, Any]) -> int:
        if t["score"] == 1.0:
            return 0
        if t["score"] > 0:
            return 1
        if t["verified"]:
            return 2
        return 3 if t["correct"] else 4

    groups: list[list[str]] = [[] for _ in range(5)]
    for t in per_task:
        groups[group(t)].append(t["task_id"])
    order = [tid for layer in zip_longest(*groups) for tid in layer if tid is not None]
    return order[:n]


def task_entry(info: Mapping[str, Any], task: Task, rows: Sequence[Mapping[str, Any]], runs: Mapping[int, TrainRun],
               entry: Any, max_tokens: Any, opened: bool) -> tuple[str, str]:
    """A task's row in the index and its section (summary line plus the details as inert JSON)."""
    tid, kind = info["task_id"], outcome(info)
    label, cls, _ = OUTCOMES[kind]
    close = task_closeness(rows, runs, task)
    srcs = " ".join(info.get("sources", []))
    attrs = (f'data-task="{e(tid)}" data-status="{kind}" data-sources="{e(srcs)}" '
             f'data-close="{close:.4f}" data-score="{info["score"]:.4f}"')
    row = (f'<tr id="i-{e(tid)}" {attrs}><td><span class="m {cls}">{label}</span></td>'
           f'<td><a href="#task-{e(tid)}">{e(tid)}</a></td><td class=n>{_pct(info["score"])}</td>'
           f'<td class=n>{_pct(close)}</td><td class=n>{info["samples"]}</td><td class=n>{info["verified"]}</td>'
           f'<td>{e(srcs)}</td><td>{e(info["top_failure"] or "–")}</td></tr>')
    body = task_body(info, task, rows, runs, M.credited_entry(entry, rows, len(task.test)), max_tokens)
    section = (f'<details class="task" id="task-{e(tid)}" {attrs}{" open" if opened else ""}>'
               f'<summary><span class="m {cls}">{label}</span> {e(tid)} — score {_pct(info["score"])}, '
               f'closeness {_pct(close)}, {_n(info["samples"], "sample")}</summary><div class="body"></div>'
               f'<script type="application/json" class="d">{_script_json(body)}</script></details>')
    return row, section


def render_html(report: Mapping[str, Any], run: Run, tasks: Mapping[str, Task], n_open: int = 3,
                runs: Mapping[str, Mapping[int, TrainRun]] | None = None, out_dir: Path | None = None) -> str:
    """The whole page. ``runs`` holds the train-pair re-runs (:func:`samples.rerun_train`);
    ``n_open`` tasks (:func:`pick_tasks` order) start opened; plots are read from ``out_dir``."""
    runs = runs or {}
    by_task = run.rows_by_task()
    infos = report["tasks"]
    max_tokens = (report.get("params") or {}).get("max_tokens") if isinstance(report.get("params"), dict) else None
    opened = set(pick_tasks(infos, n_open))
    headline = "".join(f"<tr><th>{e(k)}</th><td class=n>{e(v)}</td><td class=def>{e(DEFINITIONS.get(k, ''))}"
                       "</td></tr>" for k, v in headline_rows(report))
    src_header = ["source", *(label for label, _, _ in SOURCE_COLUMNS), "solved only by it"]
    sources = _table(src_header, [(name, *values) for name, values in source_rows(report)])
    only = ""
    if len(report.get("sources", {})) > 1:  # with one source, "only by it" is every solved task
        only = "".join(f"<li>solved only by {e(s)}: {e(_some(t['solved_only_by_this']))}</li>"
                       for s, t in report["sources"].items() if t["solved_only_by_this"])
    index_rows, sections = [], []
    counts: dict[str, int] = {}
    for info in infos:
        tid = info["task_id"]
        counts[outcome(info)] = counts.get(outcome(info), 0) + 1
        row, section = task_entry(info, tasks[tid], by_task.get(tid, []), runs.get(tid, {}), run.submission.get(tid),
                                  max_tokens, tid in opened)
        index_rows.append(row)
        sections.append(section)
    status_opts = "".join(f'<option value="{k}">{e(OUTCOMES[k][0])} ({counts.get(k, 0)})</option>' for k in OUTCOMES)
    source_opts = "".join(f'<option value="{e(s)}">{e(s)}</option>' for s in report.get("sources", {}))
    legend = "; ".join(f"{label}: {meaning}" for label, _, meaning in OUTCOMES.values())
    model = report.get("model")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>omni-arc report {e(run.name)}</title><style>{CSS}</style></head><body>
<h1>Evaluation of {e(str(run.path))}</h1>
<p>{e(provenance_line(report).replace('`', '').replace('**', ''))} Model {e(str(model))}; {report['n_tasks']} tasks,
{report['n_samples']} samples. All numbers: report.json; tables: report.md.</p>
<h2>Headline</h2><table class="t">{headline}</table>
<h2>Sources</h2><p class="meta">Each source alone: its samples voted as <code>omni verify</code> votes.
Solved: every test input right; verified but wrong: a sample reproduced every train pair but the vote does not
solve the task; precision: solved / tasks with a verified program; only: solved by no other source alone.</p>
{sources}{f'<ul class="meta">{only}</ul>' if only else ''}
{_plots(out_dir)}
<details><summary>Scaling, failures, token lengths, throughput</summary>{_numbers(report)}</details>
<h2>Tasks</h2><p class="meta">{e(legend)}. Closeness: 100% with a verified program, else the best share of train
cells a sample reproduced. Click a task for its closest sample and every sample.</p>
<div class="filters">status <select id="f-status"><option value="">all ({len(infos)})</option>{status_opts}</select>
source <select id="f-source"><option value="">all</option>{source_opts}</select>
sort by <select id="f-sort"><option value="id">task id</option><option value="close">closeness</option>
<option value="score">score</option></select> <span id="f-count">{len(infos)}</span> shown</div>
<div class="index"><table class="t" id="index"><thead><tr><th>outcome</th><th>task</th><th>score</th><th>closeness</th>
<th>samples</th><th>verified</th><th>sources</th><th>top failure</th></tr></thead><tbody>
{''.join(index_rows)}
</tbody></table></div>
<div id="tasks">
{''.join(sections)}
</div>
<script>{SCRIPT}</script>
</body></html>
"""


def write_html(report: Mapping[str, Any], run: Run, tasks: Mapping[str, Task], out_dir: Path,
               n_open: int = 3, rerun_limit: int = 2000, progress: bool = False) -> Path:
    """report.html in ``out_dir``: re-runs up to ``rerun_limit`` programs on their train pairs, then
    renders the page."""
    scored = {t["task_id"]: tasks[t["task_id"]] for t in report["tasks"]}
    by_task = {tid: rows for tid, rows in run.rows_by_task().items() if tid in scored}
    runs = rerun_train(scored, by_task, limit=rerun_limit, progress=progress) if rerun_limit > 0 else {}
    path = out_dir / "report.html"
    path.write_text(render_html(report, run, tasks, n_open, runs, out_dir), encoding="utf-8")
    return path
