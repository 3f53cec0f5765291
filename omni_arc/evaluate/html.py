"""report.html: for a sample of tasks, the train examples, the chosen program, and its test outputs
next to the expected ones and the submitted attempts, as coloured grids (HTML tables, CSS only)."""
from __future__ import annotations

import html
from itertools import zip_longest
from pathlib import Path
from typing import Any, Mapping, Sequence

from omni_arc.data import Task
from omni_arc.evaluate.metrics import same_grid
from omni_arc.evaluate.report import headline_rows
from omni_arc.evaluate.rundir import Run
from omni_arc.render import ARC_COLORS


CSS = """
body { font-family: sans-serif; margin: 1.5em; color: #222; }
table.grid { border-collapse: collapse; display: inline-table; margin: 2px; }
table.grid td { width: 11px; height: 11px; padding: 0; border: 1px solid #555; }
.pairs { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
.cell { display: inline-block; vertical-align: top; margin-right: 0.8em; text-align: center; }
.cell .label { font-size: 0.75em; color: #555; }
.none { display: inline-block; padding: 0.5em; color: #999; border: 1px dashed #bbb; font-size: 0.8em; }
.ok { color: #1a7f37; font-weight: bold; } .bad { color: #c62828; font-weight: bold; }
pre { background: #f5f5f5; padding: 0.6em; overflow-x: auto; font-size: 0.8em; }
section.task { border-top: 2px solid #ddd; padding-top: 0.5em; margin-top: 1.5em; }
table.head td, table.head th { padding: 0.15em 0.8em; text-align: left; }
""" + "".join(f"td.c{i} {{ background: {c}; }}\n" for i, c in enumerate(ARC_COLORS))


def grid_html(grid: Any) -> str:
    """A grid as a table of coloured cells; anything that is not a grid shows as "none"."""
    if not (isinstance(grid, list) and grid and all(isinstance(r, list) for r in grid)):
        return '<span class="none">none</span>'
    rows = "".join(
        "<tr>" + "".join(f'<td class="c{v}"></td>' if isinstance(v, int) and 0 <= v <= 9
                         else '<td style="background:#fff"></td>' for v in row) + "</tr>"
        for row in grid)
    return f'<table class="grid">{rows}</table>'


def _cell(label: str, grid: Any, verdict: bool | None = None) -> str:
    mark = "" if verdict is None else (' <span class="ok">✓</span>' if verdict else ' <span class="bad">✗</span>')
    return f'<div class="cell"><div class="label">{html.escape(label)}{mark}</div>{grid_html(grid)}</div>'


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


def _task_section(info: Mapping[str, Any], task: Task, rows: Sequence[Mapping[str, Any]], entry: Any) -> str:
    tid = html.escape(info["task_id"])
    parts = [f'<section class="task" id="{tid}"><h2>{tid} — score {100 * info["score"]:.0f}%</h2>',
             f'<p>{info["samples"]} samples, {info["verified"]} verified, {info["correct"]} right on test; '
             f'statuses: {html.escape(", ".join(f"{k} {v}" for k, v in info["statuses"].items()) or "none")}</p>',
             "<h3>Train examples</h3><div class=pairs>"]
    for i, pair in enumerate(task.train, 1):
        parts.append(f"<div>{_cell(f'input {i}', pair.input.tolist())}{_cell(f'output {i}', pair.output.tolist())}</div>")
    parts.append("</div>")
    row = rows[info["chosen"]] if info["chosen"] is not None else None
    outs = (row or {}).get("test_outputs") or []
    entry = entry if isinstance(entry, list) else []
    parts.append("<h3>Test</h3><div class=pairs>")
    for i, pair in enumerate(task.test):
        truth = pair.output.tolist()
        attempts = entry[i] if i < len(entry) and isinstance(entry[i], dict) else {}
        program_out = outs[i] if i < len(outs) else None
        cells = [_cell(f"input {i + 1}", pair.input.tolist()), _cell("expected", truth)]
        if row is not None:
            cells.append(_cell("chosen program", program_out, same_grid(program_out, truth)))
        for a in ("attempt_1", "attempt_2"):
            cells.append(_cell(a.replace("_", " "), attempts.get(a), same_grid(attempts.get(a), truth)))
        parts.append(f"<div>{''.join(cells)}</div>")
    parts.append("</div>")
    if row is None:
        parts.append("<p>No sample of this task has code.</p>")
    else:
        aug = row.get("augmentation")
        parts.append(
            f'<h3>Chosen program (sample {info["chosen"]}): {html.escape(str(row.get("status")))}, '
            f'train {row.get("train_passed")}/{row.get("train_total")}'
            f'{", augmentation " + html.escape(str(aug)) if aug else ""}</h3>'
            f'<p>{html.escape(str(row.get("detail") or ""))}</p><pre>{html.escape(row.get("code") or "")}</pre>')
    parts.append("</section>")
    return "\n".join(parts)


def render_html(report: Mapping[str, Any], run: Run, tasks: Mapping[str, Task], n_tasks: int = 20) -> str:
    """The whole page: headline metrics, then up to ``n_tasks`` task sections."""
    by_task = run.rows_by_task()
    infos = {t["task_id"]: t for t in report["tasks"]}
    chosen = pick_tasks(report["tasks"], n_tasks)
    head = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in headline_rows(report))
    links = " ".join(f'<a href="#{html.escape(t)}">{html.escape(t)}</a>' for t in chosen)
    body = "\n".join(_task_section(infos[t], tasks[t], by_task.get(t, []), run.submission.get(t)) for t in chosen)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>omni-arc report {html.escape(run.name)}</title>"
            f"<style>{CSS}</style></head><body><h1>Evaluation of {html.escape(str(run.path))}</h1>"
            f"<p>Dataset {html.escape(str(report['dataset']))}, model {html.escape(str(report['model']))}. "
            f"Plots: scaling.png, failures.png, tokens.png; all numbers: report.json.</p>"
            f'<table class="head">{head}</table><p>Tasks shown ({len(chosen)} of {len(infos)}): {links}</p>'
            f"{body}</body></html>\n")


def write_html(report: Mapping[str, Any], run: Run, tasks: Mapping[str, Task], out_dir: Path,
               n_tasks: int = 20) -> Path:
    path = out_dir / "report.html"
    path.write_text(render_html(report, run, tasks, n_tasks))
    return path
