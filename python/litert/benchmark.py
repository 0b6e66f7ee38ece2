"""python -m litert.benchmark --model MODEL [flags]

Times a model through the Python API (LiteRTManager.generate: numpy in, numpy out) and prints
the report of `litert bench MODEL`, with the same flags and the same JSON fields. Because every
run goes through the binding, the numbers include what the binding costs per call (converting
inputs, copying outputs into numpy); compare with `litert bench` to see it.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import sys
import time
from typing import Dict, List

import numpy as np

from . import LiteRTError, LiteRTManager


def _args(argv: List[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m litert.benchmark", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="the .tflite file")
    ap.add_argument("--num_threads", "--threads", type=int, default=1, help="threads")
    ap.add_argument("--use_xnnpack", choices=["on", "off"], default="on",
                    help="on: run what XNNPACK supports with it; off: litert's kernels only")
    ap.add_argument("--warmup_runs", type=int, default=10, help="untimed runs")
    ap.add_argument("--num_runs", type=int, default=100, help="timed runs (at least)")
    ap.add_argument("--min_secs", type=float, default=0.0,
                    help="keep timing until this many seconds have passed too")
    ap.add_argument("--signature", "-s", default="", help="signature key to run")
    ap.add_argument("--input_layer_shape", default="",
                    help="shapes for dynamic inputs: NAME:D1,D2,...[;NAME2:...]")
    ap.add_argument("--json", default="", help="also write the numbers to this JSON file")
    ap.add_argument("--op_profile", action="store_true",
                    help="time per op type and the slowest nodes")
    a = ap.parse_args(argv)
    if a.num_threads < 1 or a.warmup_runs < 0 or a.num_runs < 1 or a.min_secs < 0:
        ap.error("--num_threads and --num_runs must be at least 1, --warmup_runs and "
                 "--min_secs at least 0")
    return a


def _shapes(spec: str) -> Dict[str, List[int]]:
    out: Dict[str, List[int]] = {}
    for part in filter(None, spec.split(";")):
        name, _, dims = part.rpartition(":")
        if not name:
            raise LiteRTError(f"--input_layer_shape: '{part}' is not NAME:D1,D2,...")
        out[name] = [int(d) for d in dims.split(",") if d]
    return out


def _random_input(dtype: str, shape: List[int], rng: np.random.Generator) -> np.ndarray:
    """Seeded data that any op accepts: floats in [-1, 1), 8/16-bit integers over their
    range, wider integers 0 or 1 (safe as indices), random booleans."""
    if dtype in ("float32", "float16", "float64"):
        return rng.uniform(-1, 1, shape).astype(dtype)
    if dtype in ("int8", "uint8", "int16", "uint16"):
        info = np.iinfo(dtype)
        return rng.integers(info.min, info.max, shape, endpoint=True).astype(dtype)
    if dtype in ("int32", "int64", "uint32", "uint64"):
        return rng.integers(0, 2, shape).astype(dtype)
    if dtype == "bool":
        return rng.integers(0, 2, shape).astype(bool)
    raise LiteRTError(f"inputs of type {dtype} are not supported by the benchmark")


def _stats(runs: List[float]) -> Dict[str, float]:
    s = sorted(runs)
    n = len(s)

    def pct(p: float) -> float:  # nearest rank
        return s[min(n - 1, max(0, math.ceil(p / 100 * n) - 1))]

    avg = sum(s) / n
    std = math.sqrt(sum((x - avg) ** 2 for x in s) / n)
    return {"count": n, "avg": avg, "std": std, "min": s[0], "p50": pct(50), "p90": pct(90),
            "p99": pct(99), "max": s[-1]}


def main(argv: List[str] | None = None) -> int:
    a = _args(sys.argv[1:] if argv is None else argv)
    try:
        file_bytes = os.path.getsize(a.model)
        t0 = time.perf_counter()
        m = LiteRTManager()
        m.load_model(a.model, use_xnnpack=a.use_xnnpack == "on", num_threads=a.num_threads)
        init_ms = (time.perf_counter() - t0) * 1000
        details = (m._m.input_details(a.signature) if a.signature else m.input_details)
        shapes = _shapes(a.input_layer_shape)
        rng = np.random.default_rng(1000)
        inputs = {name: _random_input(d["dtype"], shapes.get(name, d["shape"]), rng)
                  for name, d in details.items()}

        def run() -> float:
            t = time.perf_counter()
            m.generate(inputs, a.signature or None)
            return (time.perf_counter() - t) * 1000

        first_ms = run()
        warm = [run() for _ in range(a.warmup_runs)]
        if a.op_profile:
            m._m.enable_profiling(True)
        runs: List[float] = []
        t_runs = time.perf_counter()
        while len(runs) < a.num_runs or (time.perf_counter() - t_runs) < a.min_secs:
            runs.append(run())
            if sys.stderr.isatty():
                print(f"\rrun {len(runs)}/{max(a.num_runs, len(runs))}", end="", file=sys.stderr)
        if sys.stderr.isatty():
            print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
    except (LiteRTError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    st = _stats(runs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    arena = m._m.arena_bytes()
    delegate = "xnnpack" if a.use_xnnpack == "on" else "none (litert kernels)"
    ms = lambda v: f"{v:.3f}"  # noqa: E731
    lines = [
        f"model            {a.model} ({file_bytes} bytes)",
        f"threads          {a.num_threads}, delegate {delegate}",
        f"init             {ms(init_ms)} ms",
        f"first inference  {ms(first_ms)} ms",
        f"warm-up          {a.warmup_runs} runs, avg {ms(sum(warm) / len(warm) if warm else 0)} ms",
        f"timed runs       {st['count']}: avg {ms(st['avg'])} ms, std {ms(st['std'])}, min "
        f"{ms(st['min'])}, p50 {ms(st['p50'])}, p90 {ms(st['p90'])}, p99 {ms(st['p99'])}, "
        f"max {ms(st['max'])}",
        f"memory           peak resident {peak} bytes, arena {arena} bytes",
    ]
    profile: Dict[str, float] = {}
    if a.op_profile:
        nodes = m._m.profile()
        per_run = 1.0 / st["count"]
        total = 0.0
        for n in nodes:
            key = n["op"] if n["backend"] == "litert" else n["backend"] + " partitions"
            profile[key] = profile.get(key, 0.0) + n["total_micros"]
            total += n["total_micros"] if n["subgraph"] == nodes[0]["subgraph"] else 0.0
        lines.append("op profile       (ms per run; % of the entry subgraph's node time; ops run "
                     "by litert's kernels, partitions by their delegate)")
        for op, us in sorted(profile.items(), key=lambda kv: -kv[1]):
            pct = 100.0 * us / total if total > 0 else 0.0
            lines.append(f"  {op:<32} {us * per_run / 1000:9.3f} ms  {pct:5.1f}%")
        lines.append("slowest nodes")
        for n in sorted(nodes, key=lambda n: -n["total_micros"])[:10]:
            lines.append(f"  subgraph {n['subgraph']} node {n['node']:<5} {n['op']:<32} "
                         f"{n['backend']:<8} {n['total_micros'] * per_run / 1000:9.3f} ms")
        profile = {op: us * per_run / 1000 for op, us in profile.items()}
    print("\n".join(lines))
    if a.json:
        out = {"model": a.model, "model_bytes": file_bytes, "threads": a.num_threads,
               "delegate": "xnnpack" if a.use_xnnpack == "on" else "none",
               "init_ms": init_ms, "first_ms": first_ms, "warmup_runs": a.warmup_runs,
               "runs": st["count"], "avg_ms": st["avg"], "std_ms": st["std"],
               "min_ms": st["min"], "p50_ms": st["p50"], "p90_ms": st["p90"],
               "p99_ms": st["p99"], "max_ms": st["max"], "peak_rss_bytes": peak,
               "arena_bytes": arena}
        if a.op_profile:
            out["op_profile_ms_per_run"] = profile
        with open(a.json, "w") as f:
            json.dump(out, f)
            f.write("\n")
    m.unload()
    return 0


if __name__ == "__main__":
    sys.exit(main())
