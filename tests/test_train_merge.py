"""`omni merge-lora`: the merged model computes what base + adapter compute, in the base's dtype."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from train.merge import MergeError, merge_lora

TOKENS = torch.tensor([[1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12, 13, 14, 15, 16]])


def save_adapter(base: Path, out: Path) -> Path:
    """A LoRA adapter with random (non-zero) A and B, as if trained."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
    cfg = LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", init_lora_weights=False,
                     task_type="CAUSAL_LM")
    get_peft_model(model, cfg).save_pretrained(out)
    AutoTokenizer.from_pretrained(base).save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def fp32_base(tmp_path_factory, tiny_model_dir) -> Path:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out = tmp_path_factory.mktemp("base32")
    AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32).save_pretrained(out)
    AutoTokenizer.from_pretrained(tiny_model_dir).save_pretrained(out)
    return out


def logits(model) -> torch.Tensor:
    with torch.no_grad():
        return model(input_ids=TOKENS).logits.float()


def test_merged_logits_match_base_plus_adapter(fp32_base, tmp_path):
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    adapter = save_adapter(fp32_base, tmp_path / "adapter")
    merged_dir = merge_lora(adapter, tmp_path / "merged")  # base read from the adapter config
    merged = logits(AutoModelForCausalLM.from_pretrained(merged_dir))
    base = AutoModelForCausalLM.from_pretrained(fp32_base, dtype=torch.float32)
    plain = logits(base)
    with_adapter = logits(PeftModel.from_pretrained(base, adapter))
    assert (with_adapter - plain).abs().max() > 1e-2  # the adapter changes the model...
    assert (merged - with_adapter).abs().max() < 1e-4  # ...and the merged model computes the same


def test_merge_keeps_the_base_dtype_tokenizer_and_end_of_turn(tiny_model_dir, tmp_path):
    from safetensors.torch import load_file
    from transformers import AutoTokenizer

    adapter = save_adapter(tiny_model_dir, tmp_path / "adapter")  # bf16 base
    out = merge_lora(adapter, tmp_path / "merged", base=tiny_model_dir)
    assert {t.dtype for t in load_file(out / "model.safetensors").values()} == {torch.bfloat16}
    assert not any("lora" in k for k in load_file(out / "model.safetensors"))
    tok = AutoTokenizer.from_pretrained(out)
    assert tok.eos_token == "<|im_end|>" and (out / "chat_template.jinja").exists()
    eos = json.loads((out / "generation_config.json").read_text())["eos_token_id"]
    assert tok.eos_token_id == (eos if isinstance(eos, int) else eos[0])


def test_broken_adapters_and_wrong_bases_are_one_line_errors(fp32_base, tmp_path):
    from transformers import LlamaConfig, LlamaForCausalLM

    adapter = save_adapter(fp32_base, tmp_path / "adapter")
    cases = {}
    cases["missing"] = (tmp_path / "nope", None, "no such adapter folder")
    empty = tmp_path / "empty"
    empty.mkdir()
    cases["no config"] = (empty, None, "adapter_config.json: missing")
    bad_json = tmp_path / "bad_json"
    bad_json.mkdir()
    (bad_json / "adapter_config.json").write_text("{not json")
    cases["bad json"] = (bad_json, None, "invalid JSON")
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "adapter_config.json").write_text((adapter / "adapter_config.json").read_text())
    (corrupt / "adapter_model.safetensors").write_bytes(b"\x00garbage" * 10)
    cases["corrupt weights"] = (corrupt, None, "cannot read the adapter weights")
    other = tmp_path / "other_base"  # same architecture, other width
    LlamaForCausalLM(LlamaConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                 num_attention_heads=2, num_key_value_heads=2, vocab_size=49152)
                     ).save_pretrained(other)
    cases["wrong base"] = (adapter, other, "does not fit base")
    cases["base not a model"] = (adapter, tmp_path / "empty", "not a model folder")
    for name, (folder, base, message) in cases.items():
        with pytest.raises(MergeError, match=message) as err:
            merge_lora(folder, tmp_path / f"out-{name}", base=base)
        assert "\n" not in str(err.value), name


def test_the_cli_prints_one_line_and_exits_2(tmp_path):
    done = subprocess.run([sys.executable, "-c", "from omni_arc.cli import main; main()", "merge-lora",
                           "--adapter", str(tmp_path / "nope"), "--output-dir", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "no such adapter folder" in done.stderr
