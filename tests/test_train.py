"""`omni train` on the tiny random model: adapter, checkpoints, resume, completion-only labels,
data-parallel workers, config errors."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from test_train_dataset import FIRST_ROW_TASK, MIRROR_TASK  # tiny inline tasks with a generator
from train.config import ConfigError, apply_overrides, load_config

REPO = Path(__file__).resolve().parents[1]
TASKS = [FIRST_ROW_TASK, MIRROR_TASK]


def tiny_config(model: Path, *overrides: str):
    cfg = load_config(REPO / "configs/tiny.yaml")
    return apply_overrides(cfg, [f"model={model}", *overrides])


@pytest.fixture(scope="module")
def run():
    from omni_arc.sandbox import Executor

    with Executor(workers=1, timeout_s=5.0) as ex:
        yield ex.run_many


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory, tiny_model_dir, run):
    """A 3-step run that saves a checkpoint every step and validates every 2 steps."""
    from train.trainer import run_training

    out = tmp_path_factory.mktemp("train") / "a"
    cfg = tiny_config(tiny_model_dir, "training.max_steps=3", "training.save_steps=1",
                      "training.eval_steps=2", "training.save_total_limit=3")
    summary = run_training(cfg, out, progress=False, tasks=TASKS, run=run)
    return cfg, out, summary


def test_a_run_writes_the_adapter_tokenizer_metrics_and_config(finished_run):
    cfg, out, summary = finished_run
    assert summary["global_step"] == 3 and summary["resumed_from"] is None
    for folder in (out / "adapter", out / "checkpoint-2"):
        names = {p.name for p in folder.iterdir()}
        assert {"adapter_config.json", "adapter_model.safetensors", "tokenizer.json",
                "chat_template.jinja"} <= names, folder
        tok = json.loads((folder / "tokenizer_config.json").read_text())
        assert tok["eos_token"] == "<|im_end|>"
    assert load_config(out / "config.yaml") == cfg
    lines = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert [r["step"] for r in lines if "loss" in r] == [1, 2, 3]
    assert all(r["s_per_step"] > 0 and r["peak_rss_mb"] > 0 for r in lines if "loss" in r)
    assert [r["step"] for r in lines if "eval_loss" in r] == [2, 3]  # every 2 steps and at the end
    assert summary["gradient_accumulation_steps"] == 2  # effective 2 = 1 per device x 2
    report = json.loads((out / "data/report.json").read_text())
    assert report["train"]["tasks"] and report["val"]["tasks"]
    assert not set(report["train"]["tasks"]) & set(report["val"]["tasks"])


def test_an_interrupted_run_resumes_from_its_last_checkpoint(finished_run, tmp_path, run):
    from safetensors.torch import load_file

    from train.trainer import run_training

    cfg, full, _ = finished_run
    interrupted = tmp_path / "b"  # what a run killed after step 2 leaves behind
    interrupted.mkdir()
    for name in ("config.yaml", "data", "checkpoint-2"):
        copy = shutil.copytree if (full / name).is_dir() else shutil.copy
        copy(full / name, interrupted / name)
    summary = run_training(cfg, interrupted, progress=False, tasks=TASKS, run=run)
    assert summary["resumed_from"].endswith("checkpoint-2")
    assert summary["global_step"] == 3 and summary["steps_this_session"] == 1
    resumed = load_file(interrupted / "adapter/adapter_model.safetensors")
    straight = load_file(full / "adapter/adapter_model.safetensors")
    assert resumed.keys() == straight.keys()
    for k in straight:  # same data order, same RNG: the resumed run lands where the full one did
        assert (resumed[k] - straight[k]).abs().max() < 1e-5, k


def test_only_the_program_and_the_end_of_turn_are_supervised(finished_run, tiny_model_dir):
    from omni_arc.prompts import format_answer
    from train.trainer import build_trainer

    cfg, out, _ = finished_run
    trainer = build_trainer(cfg, out, progress=False)  # reuses the run's samples
    tok = trainer.processing_class
    row = trainer.train_dataset[0]
    supervised = [label for label in row["labels"] if label != -100]
    first = next(i for i, label in enumerate(row["labels"]) if label != -100)
    assert supervised == row["input_ids"][first:]  # one contiguous answer at the end
    text = tok.decode(supervised)
    sample = json.loads((out / "data/train.jsonl").read_text().splitlines()[0])
    source = {t.task_id: t.source for t in TASKS}[sample["task_id"]]
    assert text.startswith(format_answer(source))
    assert text.rstrip("\n").endswith("<|im_end|>")  # the model learns to stop
    assert tok.eos_token == "<|im_end|>"
    prompt_part = tok.decode(row["input_ids"][:first])
    assert prompt_part.endswith("<|im_start|>assistant\n") and "## Example 1" in prompt_part


def test_a_run_folder_is_not_resumed_with_other_data_or_lora_settings(finished_run, tmp_path):
    from train.trainer import prepare_output_dir

    _, full, _ = finished_run
    out = tmp_path / "run"
    out.mkdir()
    shutil.copy(full / "config.yaml", out / "config.yaml")
    other = apply_overrides(load_config(out / "config.yaml"), ["lora.r=8"])
    with pytest.raises(ConfigError, match="lora differs"):
        prepare_output_dir(other, out)
    longer = apply_overrides(load_config(out / "config.yaml"), ["training.max_steps=5"])
    prepare_output_dir(longer, out)  # training longer is fine


def test_config_errors_name_the_file_and_the_key(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("training:\n  max_stepz: 3\n")
    with pytest.raises(ConfigError, match=r"bad.yaml: training.max_stepz: unknown key "
                                          r"\(not a trl SFTConfig field; did you mean max_steps\?\)"):
        load_config(bad)
    cfg = load_config(REPO / "configs/tiny.yaml")
    with pytest.raises(ConfigError, match="training.max_steps: expected an integer, got 'many'"):
        apply_overrides(cfg, ["training.max_steps=many"])
    with pytest.raises(ConfigError, match="training.seed: not set here; set the top-level seed"):
        apply_overrides(cfg, ["training.seed=3"])
    with pytest.raises(ConfigError, match="training.gradient_accumulation_steps: not set here; derived"):
        apply_overrides(cfg, ["training.gradient_accumulation_steps=3"])
    with pytest.raises(ConfigError, match="effective_batch_size"):
        cfg.gradient_accumulation(world_size=3)
    assert apply_overrides(cfg, ["training.learning_rate=1e-4"]).training["learning_rate"] == 1e-4


def test_every_sft_config_option_is_reachable_by_its_own_name(tmp_path):
    from train.trainer import sft_config

    cfg = load_config(REPO / "configs/tiny.yaml")
    cfg = apply_overrides(cfg, ["training.neftune_noise_alpha=5", "training.adam_beta2=0.95",
                                "training.report_to=[]", "training.effective_batch_size=4"])
    args = sft_config(cfg, tmp_path, has_eval=True)
    assert (args.neftune_noise_alpha, args.adam_beta2, args.report_to) == (5.0, 0.95, [])
    assert (args.gradient_accumulation_steps, args.seed, args.data_seed, args.eos_token) == (4, 0, 0, "<|im_end|>")
    assert (args.learning_rate, args.max_steps, args.lr_scheduler_type.value) == (1e-3, 4, "cosine")
    assert args.max_length == cfg.data.max_tokens and args.bf16 is False
    assert args.output_dir == str(tmp_path)
    assert sft_config(cfg, tmp_path, has_eval=False).eval_strategy.value == "no"
    assert apply_overrides(cfg, ["training.eval_strategy=no"]).training["eval_strategy"] == "no"  # YAML's `no`


def test_a_value_sft_config_refuses_is_one_line_naming_the_section(tmp_path):
    from train.trainer import sft_config

    cfg = apply_overrides(load_config(REPO / "configs/tiny.yaml"), ["training.lr_scheduler_type=sideways"])
    with pytest.raises(ConfigError, match=r"configs/tiny.yaml: training: .*sideways"):
        sft_config(cfg, tmp_path, has_eval=True)


def test_shipped_configs_load_and_their_batch_sizes_divide():
    paths = sorted(p for p in (REPO / "configs").glob("*.yaml") if not p.name.startswith("loop-"))  # loop-*: omni loop
    assert len(paths) > 1
    for path in paths:
        load_config(path).gradient_accumulation(world_size=1)  # ConfigError unless the batch sizes divide


@pytest.mark.slow
def test_two_data_parallel_processes_keep_the_effective_batch(finished_run, tmp_path):
    from train.launch import launch

    cfg, full, _ = finished_run
    out = tmp_path / "ddp"
    out.mkdir()
    shutil.copytree(full / "data", out / "data")  # samples already built: the workers reuse them
    ddp = apply_overrides(load_config(full / "config.yaml"), [
        f"output_dir={out}", "training.max_steps=2", "training.effective_batch_size=4",
        "training.eval_strategy=no"])
    launch(ddp, num_processes=2)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["world_size"] == 2 and summary["global_step"] == 2
    assert summary["gradient_accumulation_steps"] == 2  # 4 = 1 per device x 2 processes x 2
    assert (out / "adapter/adapter_model.safetensors").exists()


def test_padding_free_batches_give_the_same_loss_as_padded_ones(tiny_model_dir):
    import torch
    from transformers import AutoModelForCausalLM
    from trl.trainer.sft_trainer import DataCollatorForLanguageModeling

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32)
    examples = [  # two answers of different lengths: the padded batch has 9 pad tokens
        {"input_ids": list(range(5, 25)), "labels": [-100] * 12 + list(range(17, 25))},
        {"input_ids": list(range(100, 111)), "labels": [-100] * 6 + list(range(106, 111))},
    ]
    losses = {}
    for free in (False, True):
        batch = DataCollatorForLanguageModeling(pad_token_id=2, padding_free=free)(examples)
        assert batch["input_ids"].shape == ((1, 31) if free else (2, 20))
        with torch.no_grad():  # use_cache=False as SFTTrainer passes it: a cache disables the
            losses[free] = model(**batch, use_cache=False).loss.item()  # packed-sequence mask
    assert abs(losses[True] - losses[False]) < 1e-5
