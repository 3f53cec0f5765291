"""report.html of a small run, read back with an HTML parser: every task indexed with its outcome,
the closest sample first with its train outputs and the differing cells outlined, placeholders
shown as "no attempt", augmentations in words, and model text kept as text."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from omni_arc.evaluate import evaluate_run
from omni_arc.evaluate.tokens import whitespace_counter
from omni_arc.verify import vote

# "near": the output is the input plus one; "none": never sampled, its truth is the [[0]] placeholder;
# "ok": the identity; "aug": rotated.
TASKS = {
    "near": {"train": [{"input": [[1, 2], [3, 4]], "output": [[2, 3], [4, 5]]},
                       {"input": [[0, 0], [0, 1]], "output": [[1, 1], [1, 2]]}],
             "test": [{"input": [[5, 5], [5, 5]], "output": [[6, 6], [6, 6]]}]},
    "none": {"train": [{"input": [[1]], "output": [[0]]}], "test": [{"input": [[2]], "output": [[0]]}]},
    "ok": {"train": [{"input": [[1, 2]], "output": [[1, 2]]}], "test": [{"input": [[3, 4]], "output": [[3, 4]]}]},
    "aug": {"train": [{"input": [[1, 2]], "output": [[2, 1]]}], "test": [{"input": [[3, 0]], "output": [[0, 3]]}]},
}
NEAR_MISS = "def task(grid):\n    out = grid + 1\n    out[0, 0] = grid[0, 0]\n    return out"
HOSTILE = "def task(grid):\n    s = '</script><script>alert(1)</script>'\n    return grid"


def row(task_id, code, status, outs, passed, **extra):
    return {"task_id": task_id, "code": code, "status": status, "detail": extra.pop("detail", ""),
            "train_passed": passed, "train_total": len(TASKS[task_id]["train"]), "test_outputs": outs,
            "program_hash": None, **extra}


RESULTS = [
    row("near", "", "no_code", None, 0, response="I think the answer is <b>blue</b>.", finish_reason="length",
        n_tokens=384),
    row("near", "def task(grid):\n    return 1 / 0", "exception", None, 0,
        detail="ZeroDivisionError: division by zero (line 2) [train pair 1 of 2]"),
    row("near", NEAR_MISS, "wrong_output", [[[5, 6], [6, 6]]], 0, detail="train pair 1 of 2: 1 of 4 cells differ"),
    row("ok", HOSTILE, "verified", [[[3, 4]]], 1, source="library"),
    row("aug", "def task(grid):\n    return grid[::-1]", "verified", [[[0, 3]]], 1,  # right in the seen frame
        augmentation={"transform": "rotate_270", "colors": [0, 2, 1, 3, 4, 5, 6, 7, 8, 9]}),
]


class Page(HTMLParser):
    """Elements as (tag, attrs, text inside) for the few things the tests look for."""

    def __init__(self, text: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None
        else:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:  # an empty script
            self.scripts.append((self._script, ""))
            self._script = None

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def classes(self, tag: str) -> list[list[str]]:
        return [(a.get("class") or "").split() for t, a in self.elements if t == tag]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Page, dict[str, Page], str]:
    tmp = tmp_path_factory.mktemp("html")
    data = tmp / "data"
    data.mkdir()
    for tid, raw in TASKS.items():
        (data / f"{tid}.json").write_text(json.dumps(raw))
    run = tmp / "run"
    run.mkdir()
    (run / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RESULTS))
    submission = {t: vote([r for r in RESULTS if r["task_id"] == t], 1) for t in TASKS}  # "none": [[0]]
    (run / "submission.json").write_text(json.dumps(submission))
    (run / "run.json").write_text(json.dumps({"model": "toy", "dataset": str(data), "params": {"max_tokens": 384}}))
    evaluate_run(run, counter=whitespace_counter("tests"), html_tasks=1, show_progress=False)
    text = (run / "report.html").read_text()
    top = Page(text)
    # Each task's details are a JSON string in an inert <script type="application/json">, built on opening.
    bodies = {}
    for d in top.find("details"):
        if "task" in (d.get("class") or "").split():
            bodies[d["data-task"]] = None
    fragments = [json.loads(body) for attrs, body in top.scripts if attrs.get("type") == "application/json"]
    assert len(fragments) == len(bodies) == len(TASKS)
    for tid, fragment in zip(bodies, fragments):
        bodies[tid] = Page(fragment)
    return top, bodies, text


def test_every_task_is_indexed_with_its_outcome_and_closeness(page):
    top, _, _ = page
    rows = {a["data-task"]: a for a in top.find("tr") if "data-task" in a}
    assert set(rows) == set(TASKS)
    assert {t: a["data-status"] for t, a in rows.items()} == {
        "near": "failed", "none": "failed", "ok": "solved", "aug": "solved"}
    assert rows["ok"]["data-sources"] == "library" and rows["aug"]["data-sources"] == "model"
    # The near miss misses one cell of each train pair: 6 of 8; a task without samples came nowhere.
    assert float(rows["near"]["data-close"]) == pytest.approx(6 / 8) and float(rows["none"]["data-close"]) == 0
    assert {a["value"] for a in top.find("option")} >= {"solved", "partly", "wrong", "failed", "library", "model",
                                                        "close", "score"}


def test_the_page_holds_the_whole_report_and_fetches_nothing(page):
    top, _, text = page
    words = " ".join(top.text)
    for needed in ("ARC Prize score", "pass@k:", "vote@k:", "Sources", "verified but wrong", "Throughput",
                   "Token lengths", "Failures"):
        assert needed in words, needed
    images = top.find("img")
    assert len(images) == 3 and all(i["src"].startswith("data:image/png;base64,") for i in images)
    assert not [a for _, a in top.elements if a.get("href", "#").split(":")[0] in ("http", "https")]
    assert not [a for t, a in top.elements if t in ("script", "link") and ("src" in a or "href" in a)]


def test_a_near_miss_is_shown_first_with_its_differing_cells_outlined_and_counted(page):
    _, bodies, _ = page
    near = bodies["near"]
    samples = near.find("div")
    first = next(a for a in samples if "sample" in (a.get("class") or "").split())
    assert "closest" in first["class"] and first["data-status"] == "wrong_output"
    words = " ".join(near.text)
    assert "1 of 4 cells differ" in words and "2×2" in words
    # One cell outlined in each train output and in the test output, in the closest sample and again
    # among all samples.
    outlined = [a["data-x"] for a in near.find("table") if "data-x" in a]
    assert outlined == ["0", "0", "0"] * 2  # cell (0, 0) of each train output and of the test output
    # Every sample is one click away: the exception with its line marked, the cut response as text.
    assert "all 3 samples" in words and "cut at 384 tokens" in words
    assert "I think the answer is <b>blue</b>." in words and not near.find("b")
    assert any("fail" in c for c in near.classes("li"))


def test_placeholders_are_no_attempt_never_a_grid(page):
    _, bodies, _ = page
    none = bodies["none"]
    words = " ".join(none.text)
    assert words.count("no attempt") == 2 and "No sample of this task." in words
    # The grids drawn are the train pair and the test input/expected only: 4 one-cell tables.
    assert len(none.find("table")) == 4


def test_augmented_samples_show_the_grids_as_the_model_saw_them_and_the_mapping_in_words(page):
    _, bodies, _ = page
    words = " ".join(bodies["aug"].text)
    assert "rotated 90° counter-clockwise, colours 1↔2" in words
    assert "colours 1↔2, then rotated 90° clockwise" in words
    assert "1×2" in words and "2×1" in words  # the original 1×2 test grids and the rotated 2×1 train grids
    assert "differ" not in words and "✗" not in words  # re-run in the frame it was written for, it is right


def test_program_text_stays_text(page):
    top, bodies, text = page
    assert "</script><script>alert(1)" not in text  # not even inside the page's JSON
    assert len(top.find("script")) == len(TASKS) + 1  # one inert JSON per task and the page's own script
    ok = bodies["ok"]
    assert not ok.find("script") and "s = '</script><script>alert(1)</script>'" in " ".join(ok.text)
    assert "from library ×1" in " ".join(ok.text)
