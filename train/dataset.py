"""Training samples: library tasks turned into code-from-examples chat samples.

One sample is one library task shown through 2..5 examples (drawn from the task's own train and
test pairs and from ``generate_input``), in random order, as the prompt of
:func:`omni_arc.prompts.code_from_examples_messages`; the completion is the task's program (the
exact source of ``task``). Every example output is what the program computes, run through the
sandbox: generated inputs get their outputs that way, and an augmentation (dihedral transform x
colour permutation) is kept only when the program maps every transformed input exactly to the
transformed output -- otherwise the sample keeps the original orientation. The program text and
the examples never disagree.

Samples are written in trl's conversational prompt/completion form (``{"prompt": [system, user],
"completion": [assistant]}``) so ``SFTTrainer`` supervises only the answer; the other fields of a
record (task id, augmentation, where each example came from, token count) are for inspection.
Building is deterministic under a seed: slot ``i`` draws everything from
``np.random.default_rng([seed, stream, i, attempt])``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Sequence

import numpy as np

from omni_arc.augment import Augmentation, random_augmentation
from omni_arc.data import Pair, Task, grid_problem
from omni_arc.errors import UserError
from omni_arc.library import SOURCE_DATASET
from omni_arc.prompts import code_from_examples_messages, fit_messages

from train.config import DataConfig

log = logging.getLogger(__name__)

TRAIN_STREAM, VAL_STREAM = 0, 1
KIND_STREAM = 200  # + 2 x kind index + split: neighbours / output_from_code samples (train.neighbour_source)
_SPLIT_SALT = "omni-arc/val-split/v1"

Job = tuple[str, list[np.ndarray]]
Runner = Callable[[list[Job]], list[Any]]  # -> objects with .outputs: list[np.ndarray | None]
CountTokens = Callable[[list[dict[str, str]]], int]


# ---------------------------------------------------------------- split

def _split_key(task_id: str) -> float:
    digest = hashlib.sha256(f"{_SPLIT_SALT}:{task_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_task_ids(
    task_ids: Sequence[str], val_fraction: float, val_tasks: Sequence[str] = (),
) -> tuple[list[str], list[str]]:
    """``(train_ids, val_ids)``. Explicit ``val_tasks`` win; otherwise a task is held out when a
    salted hash of its id falls under ``val_fraction`` -- stable as the library grows (a task never
    moves between splits). With at least two tasks and a positive fraction, one is always held out.

    >>> split_task_ids(["a", "b", "c"], 0.0)
    (['a', 'b', 'c'], [])
    >>> split_task_ids(["a", "b", "c"], 0.5, val_tasks=["b"])
    (['a', 'c'], ['b'])
    """
    ids = sorted(task_ids)
    if val_tasks:
        val = sorted(set(val_tasks) & set(ids))
    elif val_fraction > 0 and len(ids) >= 2:
        val = [t for t in ids if _split_key(t) < val_fraction] or [min(ids, key=_split_key)]
        if len(val) == len(ids):
            val = [min(ids, key=_split_key)]
    else:
        val = []
    return [t for t in ids if t not in val], val


# ---------------------------------------------------------------- samples

@dataclass(frozen=True)
class LibraryTask:
    """What sample building needs of one library entry."""

    task_id: str
    source: str  # the program (the completion)
    pairs: tuple[Pair, ...]  # the task's own train + test pairs with known outputs
    origins: tuple[str, ...]  # "train" / "test" for each pair
    generate_input: Callable[[np.random.Generator], np.ndarray] | None = None


@dataclass
class _Plan:
    slot: int
    attempt: int
    task: LibraryTask
    inputs: list[np.ndarray]
    known: list[np.ndarray | None]
    origins: list[str]
    candidates: list[Augmentation]
    kind: str = "code_from_examples"  # data.kinds; see train.neighbour_source
    neighbours: list[Any] = field(default_factory=list)  # near programs of a neighbours sample

    def jobs(self) -> list[Job]:
        """The sample's own job, then one per near program (same inputs)."""
        from train.neighbour_source import neighbour_jobs

        return [self.job(), *neighbour_jobs(self.neighbours, self.inputs, self.candidates)]

    def job(self) -> Job:
        inputs = list(self.inputs)
        for aug in self.candidates:
            inputs += [aug.apply(x) for x in self.inputs]
        return self.task.source, inputs


@dataclass
class BuildReport:
    """What happened while building: counts of dropped draws by reason, augmentations kept."""

    requested: int = 0
    built: int = 0
    augmented: int = 0
    augment_rejected: int = 0
    generated_pairs: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    broken_tasks: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)  # samples built per kind
    dropped_neighbours: int = 0  # near programs left out of neighbours samples to fit the budget

    def fail(self, reason: str) -> None:
        self.failures[reason] = self.failures.get(reason, 0) + 1


def library_tasks(task_ids: Sequence[str] | None = None) -> list[LibraryTask]:
    """The library's solutions joined with their ARC-AGI-1 training pairs (ids not in that set are skipped)."""
    from omni_arc.data import load_dataset
    from omni_arc.library import load_library

    arc = load_dataset(SOURCE_DATASET)
    out = []
    for tid, sol in sorted(load_library().items()):
        if task_ids is not None and tid not in task_ids:
            continue
        task = arc.get(tid)
        if task is None:
            log.warning("library task %s is not an ARC-AGI-1 training task: skipped", tid)
            continue
        out.append(_library_task(tid, sol.source, task, sol.generate_input))
    return out


def _library_task(tid: str, source: str, task: Task, generate_input=None) -> LibraryTask:
    pairs, origins = [], []
    for name, group in (("train", task.train), ("test", task.test)):
        for p in group:
            if p.output is not None:
                pairs.append(p)
                origins.append(name)
    return LibraryTask(tid, source, tuple(pairs), tuple(origins), generate_input)


def _valid(grid: Any) -> bool:
    return isinstance(grid, np.ndarray) and grid.ndim == 2 and grid_problem(grid) is None


def _outputs(result: Any, n: int) -> list[np.ndarray | None]:
    outs = list(getattr(result, "outputs", None) or [])
    outs += [None] * (n - len(outs))
    return [np.asarray(o) if o is not None else None for o in outs[:n]]


def check_tasks(tasks: Sequence[LibraryTask], run: Runner) -> dict[str, str]:
    """Run every program on its own pairs; ``{task_id: why}`` for those that do not reproduce them
    (judged by :func:`omni_arc.verify.judge_outputs`)."""
    from omni_arc.verify import judge_outputs

    results = run([(t.source, [p.input for p in t.pairs]) for t in tasks])
    broken = {}
    for t, res in zip(tasks, results):
        verdicts = judge_outputs([p.output for p in t.pairs], _outputs(res, len(t.pairs)),
                                 getattr(res, "errors", None) or [])
        for i, v in enumerate(verdicts):
            if v is not None:
                broken[t.task_id] = f"fails its {t.origins[i]} pair {i} ({v[0]}: {v[1]})"
                break
    return broken


def fill_slots(n: int, attempts: int, attempt: Callable[[list[int], int], Mapping[int, dict[str, Any] | None]],
               report: BuildReport, label: str, progress: bool = True) -> list[dict[str, Any]]:
    """Samples for slots ``0 .. n-1``, in slot order: ``attempt(pending slots, attempt number)`` gives
    a sample (or None) per slot it could draw; slots without one are drawn again, ``attempts`` times
    at most (so fewer than ``n`` samples come back only when draws keep failing). Counts them in ``report``.

    >>> report = BuildReport(requested=3)
    >>> fill_slots(3, 2, lambda pending, a: {s: {"slot": s, "attempt": a} if s != 1 or a else None
    ...                                      for s in pending}, report, "demo", progress=False)
    [{'slot': 0, 'attempt': 0}, {'slot': 1, 'attempt': 1}, {'slot': 2, 'attempt': 0}]
    >>> report.built
    3
    """
    from rich.progress import Progress

    done: dict[int, dict[str, Any]] = {}
    pending = list(range(n))
    with Progress(transient=True, disable=not progress or n == 0) as bar:
        job = bar.add_task(label, total=n)
        for number in range(attempts):
            if not pending:
                break
            resolved = attempt(pending, number)
            pending = [s for s in pending if resolved.get(s) is None]
            for slot, sample in resolved.items():
                if sample is not None:
                    done[slot] = sample
                    bar.advance(job)
    report.built = len(done)
    return [done[s] for s in sorted(done)]


class SlotBuilder:
    """What every sample builder shares: a sorted set of library tasks, the data config, and
    :meth:`build`, which fills slots with the subclass's ``_attempt`` (see :func:`fill_slots`)."""

    label = "building samples"  # shown on the progress bar

    def __init__(self, tasks: Sequence[LibraryTask], cfg: DataConfig, count_tokens: CountTokens | None,
                 seed: int, stream: int):
        if not tasks:
            raise UserError("train data: the library has no usable tasks (omni_arc/library/<task_id>.py)")
        if cfg.max_tokens and count_tokens is None:
            raise ValueError("a token counter is needed when data.max_tokens > 0")
        self.tasks = sorted(tasks, key=lambda t: t.task_id)
        self.cfg, self.count_tokens, self.seed, self.stream = cfg, count_tokens, seed, stream
        self.report = BuildReport()

    def build(self, n: int, run: Runner, progress: bool = True) -> list[dict[str, Any]]:
        """``n`` samples (fewer only when draws keep failing ``max_attempts`` times; see :attr:`report`)."""
        self.report = BuildReport(requested=n)
        return fill_slots(n, self.cfg.max_attempts, lambda pending, attempt: self._attempt(pending, attempt, run),
                          self.report, self.label, progress)

    def _attempt(self, pending: list[int], attempt: int, run: Runner) -> dict[int, dict[str, Any] | None]:
        """One draw for each of the ``pending`` slots: its sample, or None."""
        raise NotImplementedError


class SampleBuilder(SlotBuilder):
    """Builds samples for a set of library tasks (see the module docstring)."""

    def __init__(
        self, tasks: Sequence[LibraryTask], cfg: DataConfig, count_tokens: CountTokens | None,
        seed: int = 0, stream: int = TRAIN_STREAM, neighbours: Any = None,
    ):
        super().__init__(tasks, cfg, count_tokens, seed, stream)
        self._produced: set[str] = set()
        self.neighbours = neighbours  # train.neighbour_source.NeighbourSource for neighbours samples
        # one kind per builder (build_split splits data.kinds): neighbours or output_from_code when
        # that is the config's only kind, else code_from_examples
        kinds = [k for k, v in cfg.kinds.items() if v > 0]
        self.kind = kinds[0] if kinds in (["neighbours"], ["output_from_code"]) else "code_from_examples"

    # -- drawing

    def _rng(self, *key: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, self.stream, *key])

    def _task_for(self, slot: int, attempt: int, rng: np.random.Generator) -> LibraryTask:
        n = len(self.tasks)
        if attempt < 3:  # balanced: every task once per cycle, in a seeded order
            order = self._rng(1_000_000 + slot // n).permutation(n)
            return self.tasks[int(order[slot % n])]
        # Later redraws pick among the tasks that already gave a sample (e.g. whose grids fit).
        pool = [t for t in self.tasks if t.task_id in self._produced] or self.tasks
        return pool[int(rng.integers(len(pool)))]

    def _plan(self, slot: int, attempt: int) -> _Plan:
        cfg = self.cfg
        rng = self._rng(slot, attempt)
        task = self._task_for(slot, attempt, rng)
        k = int(rng.integers(cfg.min_pairs, cfg.max_pairs + 1))
        pool = list(rng.permutation(len(task.pairs)))
        inputs: list[np.ndarray] = []
        known: list[np.ndarray | None] = []
        origins: list[str] = []
        for j in range(k):
            # Own pairs run out -> generated ones fill in (unless p_generated is 0).
            want_generated = task.generate_input is not None and cfg.p_generated > 0 and (
                rng.random() < cfg.p_generated or not pool)
            if want_generated:
                grid = self._generate(task, slot, attempt, j)
                if grid is not None and not any(np.array_equal(grid, x) for x in inputs):
                    inputs.append(grid)
                    known.append(None)
                    origins.append("generated")
                    continue
            if pool:
                i = int(pool.pop())
                inputs.append(task.pairs[i].input)
                known.append(task.pairs[i].output)
                origins.append(task.origins[i])
        candidates: list[Augmentation] = []
        if rng.random() < cfg.p_augment:
            aug = random_augmentation(rng)
            for cand in (aug, Augmentation(aug.transform), Augmentation("identity", aug.colors)):
                if not cand.is_identity and cand not in candidates:
                    candidates.append(cand)
        if self.kind == "output_from_code":
            candidates = []  # the program's own view of its input
        return _Plan(slot, attempt, task, inputs, known, origins, candidates, self.kind)

    def _generate(self, task: LibraryTask, slot: int, attempt: int, j: int) -> np.ndarray | None:
        try:
            grid = task.generate_input(self._rng(slot, attempt, 10_000 + j))
            grid = np.asarray(grid)
        except Exception as e:  # library code: a failing generator costs one example, not the run
            self.report.fail(f"generate_input raised {type(e).__name__}")
            return None
        if not _valid(grid):
            self.report.fail("generate_input returned an invalid grid")
            return None
        return grid.astype(np.int8)

    # -- resolving a plan with its execution result

    def _resolve(self, plan: _Plan, result: Any, extra: Sequence[Any] = ()) -> dict[str, Any] | None:
        cfg, n = self.cfg, len(plan.inputs)
        outs = _outputs(result, n * (1 + len(plan.candidates)))
        base = outs[:n]
        keep = []
        for j in range(n):
            y = base[j]
            if y is None or not _valid(y):
                self.report.fail("program failed on a generated input" if plan.known[j] is None
                                 else "program failed on its own pair")
                if plan.known[j] is not None:
                    return None
                continue
            if plan.known[j] is not None and not np.array_equal(y, plan.known[j]):
                self.report.fail("program disagrees with its own pair")
                return None
            keep.append(j)
        if len(keep) < cfg.min_pairs:
            self.report.fail("fewer examples than min_pairs")
            return None
        aug, view = Augmentation(), 0
        for c, cand in enumerate(plan.candidates, 1):
            block = outs[c * n:(c + 1) * n]
            if all(block[j] is not None and np.array_equal(block[j], cand.apply(base[j])) for j in keep):
                aug, view = cand, c
                break
        if plan.candidates and aug.is_identity:
            self.report.augment_rejected += 1
        pairs = [Pair(aug.apply(plan.inputs[j]), aug.apply(base[j])) for j in keep]
        origins = [plan.origins[j] for j in keep]
        code = plan.task.source
        if plan.kind != "code_from_examples":
            return self._resolve_kind(plan, pairs, origins, aug, view, keep, extra)
        if cfg.max_tokens:
            fitted = fit_messages(pairs, self.count_tokens, cfg.max_tokens, code=code, fmt=cfg.grid_format)
            if fitted is None or fitted.kept_pairs < cfg.min_pairs:
                self.report.fail("too long for data.max_tokens")
                return None
            messages, n_tokens, dropped = fitted.messages, fitted.n_tokens, fitted.dropped_pairs
            origins = origins[:fitted.kept_pairs]
        else:
            messages = code_from_examples_messages(pairs, code=code, fmt=cfg.grid_format)
            n_tokens, dropped = (self.count_tokens(messages) if self.count_tokens else None), 0
        return self._record(plan, messages, aug, origins, n_tokens, dropped)

    def _record(self, plan: _Plan, messages: list[dict[str, str]], aug: Augmentation, origins: list[str],
                n_tokens: int | None, dropped: int, **more: Any) -> dict[str, Any]:
        self.report.generated_pairs += origins.count("generated")
        self.report.augmented += not aug.is_identity
        self.report.kinds[plan.kind] = self.report.kinds.get(plan.kind, 0) + 1
        return {
            "prompt": messages[:-1],
            "completion": messages[-1:],
            "task_id": plan.task.task_id,
            "kind": plan.kind,
            "augmentation": aug.to_json(),
            "origins": origins,
            "n_tokens": n_tokens,
            "dropped_pairs": dropped,
            "slot": plan.slot,
            "attempt": plan.attempt,
            **more,
        }

    def _resolve_kind(self, plan: _Plan, pairs: list[Pair], origins: list[str], aug: Augmentation, view: int,
                      keep: list[int], extra: Sequence[Any]) -> dict[str, Any] | None:
        """A neighbours or output_from_code sample from the checked examples (train.neighbour_source)."""
        from train.neighbour_source import neighbour_texts, neighbours_sample, output_from_code_sample

        code = plan.task.source
        if plan.kind == "output_from_code":
            built = output_from_code_sample(pairs[0], code, self.cfg, self.count_tokens)
            origins = origins[:1]
            more: dict[str, Any] = {}
        else:
            texts = neighbour_texts(plan.neighbours, extra, view, keep, len(plan.inputs), pairs)
            built = neighbours_sample(pairs, texts, code, self.cfg, self.count_tokens)
            if built is not None:
                origins = origins[:built["kept_pairs"]]
                self.report.dropped_neighbours += built["dropped_neighbours"]
                more = {"neighbour_ids": built["neighbour_ids"], "dropped_neighbours": built["dropped_neighbours"]}
        if built is None:
            self.report.fail("too long for data.max_tokens")
            return None
        return self._record(plan, built["messages"], aug, origins, built["n_tokens"], built["dropped_pairs"], **more)

    def build(self, n: int, run: Runner, progress: bool = True) -> list[dict[str, Any]]:
        self._produced = set()
        return super().build(n, run, progress)

    def _attempt(self, pending: list[int], attempt: int, run: Runner) -> dict[int, dict[str, Any] | None]:
        plans = [self._plan(slot, attempt) for slot in pending]
        self._attach_neighbours(plans)
        jobs = [p.jobs() for p in plans]
        flat = run([j for js in jobs for j in js])
        starts = np.cumsum([0] + [len(js) for js in jobs])
        resolved = {}
        for i, plan in enumerate(plans):
            res, extra = flat[starts[i]], flat[starts[i] + 1:starts[i + 1]]
            resolved[plan.slot] = sample = self._resolve(plan, res, extra)
            if sample is not None:
                self._produced.add(plan.task.task_id)
        return resolved

    def _attach_neighbours(self, plans: list[_Plan]) -> None:
        wanting = [p for p in plans if p.kind == "neighbours"]
        if not wanting:
            return
        if self.neighbours is None:  # e.g. synthetic tasks: no leave-one-out pool, plain samples
            for p in wanting:
                p.kind = "code_from_examples"
            return
        self.neighbours.ensure([p.task for p in wanting])
        for p in wanting:
            p.neighbours = self.neighbours.programs(p.task.task_id)


# ---------------------------------------------------------------- plumbing

@contextmanager
def sandbox_runner(timeout_s: float = 2.0) -> Iterator[Runner]:
    """A :data:`Runner` backed by :class:`omni_arc.sandbox.Executor` (one worker per core)."""
    from omni_arc.sandbox import Executor

    with Executor(workers=None, timeout_s=timeout_s) as ex:
        yield ex.run_many


def token_counter(tokenizer) -> CountTokens:
    """Length of the whole chat (as the trainer tokenizes it) in tokens."""

    def count(messages: list[dict[str, str]]) -> int:
        ids = tokenizer.apply_chat_template(messages, tokenize=True, return_dict=False)
        return len(ids)

    return count


def build_split(
    cfg: DataConfig, seed: int, n: int, split: str, count_tokens: CountTokens | None,
    run: Runner, tasks: Sequence[LibraryTask] | None = None, progress: bool = True,
    broken: dict[str, str] | None = None, nearness_run: Runner | None = None,
) -> tuple[list[dict[str, Any]], BuildReport]:
    """Samples of the ``"train"`` or ``"val"`` split of the library. Programs that do not reproduce
    their own pairs are left out (``broken``: the result of :func:`check_tasks`, computed when None).
    Neighbours samples draw near programs from the train split's tasks only, found with
    ``nearness_run`` (default: the trusted fast path, :func:`omni_arc.neighbours.trusted_runner`)."""
    all_tasks = list(tasks) if tasks is not None else library_tasks()
    if broken is None:
        broken = check_tasks(all_tasks, run) if all_tasks else {}
        for tid, why in broken.items():
            log.warning("library task %s left out of training: %s", tid, why)
    usable = [t for t in all_tasks if t.task_id not in broken]
    train_ids, val_ids = split_task_ids([t.task_id for t in usable], cfg.val_fraction, cfg.val_tasks)
    ids = set(train_ids if split == "train" else val_ids)
    chosen = [t for t in usable if t.task_id in ids]
    if not chosen:
        report = BuildReport(requested=n, broken_tasks=broken)
        if split == "val" or n == 0:
            return [], report
        raise UserError("train data: no library task left for training (all held out or broken)")
    stream = TRAIN_STREAM if split == "train" else VAL_STREAM
    counts = kind_counts(n, cfg.kinds)
    code_cfg = dataclasses.replace(cfg, kinds={"code_from_examples": 1.0})
    builder = SampleBuilder(chosen, code_cfg, count_tokens, seed, stream)
    n_code = counts.get("code_from_examples", 0)
    if split == "train" and cfg.synthetic_files and n_code:  # synthetic/relabelled tasks: train/synth_source.py
        from train.synth_source import build_mixed
        samples = build_mixed(builder, code_cfg, seed, n_code, run, count_tokens, val_ids, progress)
    else:
        samples = builder.build(n_code, run, progress)
    report = builder.report
    report.kinds = {"code_from_examples": len(samples)} if n_code else {}
    for j, kind in enumerate(("neighbours", "output_from_code")):
        if counts.get(kind):  # train/neighbour_source.py
            from train.neighbour_source import build_kind

            more, sub = build_kind(kind, chosen, [t for t in usable if t.task_id in set(train_ids)],
                                   dataclasses.replace(cfg, kinds={kind: 1.0}), count_tokens, seed,
                                   KIND_STREAM + 2 * j + stream, counts[kind], run, nearness_run, progress)
            samples = mix_kinds(samples, more, seed)
            report.built += sub.built
            report.augmented += sub.augmented
            report.augment_rejected += sub.augment_rejected
            report.generated_pairs += sub.generated_pairs
            report.dropped_neighbours += sub.dropped_neighbours
            report.kinds[kind] = sub.built
            for why, k in sub.failures.items():
                report.failures[f"{kind}: {why}"] = k
    if counts.get("repair"):
        from train.repair_source import RepairSampleBuilder

        repair = RepairSampleBuilder(chosen, cfg, count_tokens, seed, stream)
        samples = mix_kinds(samples, repair.build(counts["repair"], run, progress), seed)
        report.built += repair.report.built
        report.kinds["repair"] = repair.report.built
        for why, k in repair.report.failures.items():
            report.failures[f"repair: {why}"] = k
    report.requested = n
    report.broken_tasks = broken
    return samples, report


def kind_counts(n: int, shares: dict[str, float]) -> dict[str, int]:
    """``n`` samples split by ``shares`` (largest remainder; ties to the kind named first).

    >>> kind_counts(10, {"code_from_examples": 0.75, "repair": 0.25})
    {'code_from_examples': 8, 'repair': 2}
    >>> kind_counts(5, {"code_from_examples": 1.0})
    {'code_from_examples': 5}
    """
    total = sum(shares.values())
    exact = {k: n * v / total for k, v in shares.items()}
    counts = {k: int(x) for k, x in exact.items()}
    for k in sorted(exact, key=lambda k: -(exact[k] - counts[k]))[:n - sum(counts.values())]:
        counts[k] += 1
    return counts


def mix_kinds(first: list[dict[str, Any]], second: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """The samples of two kinds in one seeded order (the trainer reads them in file order).

    >>> [s["k"] for s in mix_kinds([{"k": 1}, {"k": 1}], [{"k": 2}], 0)]
    [1, 1, 2]
    """
    both = first + second
    order = np.random.default_rng([seed, 2_100]).permutation(len(both))
    return [both[int(i)] for i in order]
