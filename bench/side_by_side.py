#!/usr/bin/env python3
"""litert against the official runtime (ai_edge_litert), side by side, on the same machine.

For each model and thread count: litert with XNNPACK on (`litert bench --use_xnnpack on`),
litert with it off (its own kernels only), and the oracle with its default settings, each run
in its own process (so peak resident memory is the model's alone), interleaved model by model.
Prints a line per model and thread count (median latency of each, the ratios us/oracle, init
time and peak resident memory ratios with XNNPACK on) and summary lines (median and worst
ratio); --json writes every number, --report a Markdown table.

  .venv/bin/python bench/side_by_side.py [--all | MODEL ...] [--threads 1,2] [--runs 50]
      [--warmup 10] [--json FILE] [--report FILE.md]

MODEL paths are relative to the corpus ($LITERT_CORPUS, default ../shared/models) or absolute;
--all takes every corpus model both runtimes can run.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))

import conformance  # noqa: E402  (corpus_dir, build_dir, seeded_input)

# Run in a fresh interpreter: times the oracle the way `litert bench` times litert.
_ORACLE_CHILD = r"""
import json, resource, sys, time
import numpy as np
sys.path.insert(0, sys.argv[5])
import conformance
from ai_edge_litert.interpreter import Interpreter
model, threads, warmup, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
t0 = time.perf_counter()
it = Interpreter(model_path=model, num_threads=threads)
it.allocate_tensors()
init_ms = (time.perf_counter() - t0) * 1000
rng = np.random.default_rng(1)
for d in it.get_input_details():
  it.set_tensor(d["index"], conformance.seeded_input(d["dtype"], tuple(d["shape"]), rng, d, "safe"))
t = time.perf_counter(); it.invoke(); first_ms = (time.perf_counter() - t) * 1000
for _ in range(warmup):
  it.invoke()
times = []
for _ in range(runs):
  t = time.perf_counter(); it.invoke(); times.append((time.perf_counter() - t) * 1000)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"init_ms": init_ms, "first_ms": first_ms, "times_ms": times,
                  "peak_rss_bytes": peak}))
"""


def run_oracle(model, threads, warmup, runs):
  p = subprocess.run([sys.executable, "-c", _ORACLE_CHILD, str(model), str(threads),
                      str(warmup), str(runs), str(ROOT / "tests" / "python")],
                     capture_output=True, text=True, timeout=1800)
  if p.returncode != 0:
    return None, (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]
  d = json.loads(p.stdout.strip().splitlines()[-1])
  d["p50_ms"] = statistics.median(d.pop("times_ms"))
  return d, None


def run_litert(model, threads, warmup, runs, xnnpack="on"):
  with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp) / "bench.json"
    p = subprocess.run([str(conformance.build_dir() / "litert"), "bench", str(model),
                        "--num_threads", str(threads), "--warmup_runs", str(warmup),
                        "--num_runs", str(runs), "--json", str(out), "--use_xnnpack", xnnpack],
                       capture_output=True, text=True, timeout=1800)
    if p.returncode != 0:
      return None, (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]
    return json.loads(out.read_text()), None


def ratio(a, b):
  return a / b if b else float("inf")


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("models", nargs="*")
  ap.add_argument("--all", action="store_true", help="every corpus model")
  ap.add_argument("--threads", default="1,2")
  ap.add_argument("--runs", type=int, default=50)
  ap.add_argument("--warmup", type=int, default=10)
  ap.add_argument("--json")
  ap.add_argument("--report", help="write a Markdown table (docs/side_by_side.md)")
  ap.add_argument("--from-json", help="write --report from this earlier --json run instead of running")
  args = ap.parse_args()
  corpus = conformance.corpus_dir()
  if args.from_json:
    data = json.loads(pathlib.Path(args.from_json).read_text())
    profile = profile_worst(data["rows"], corpus)  # measured now, on this build
    write_report(pathlib.Path(args.report), data["rows"], data["summary"], data["skipped"],
                 data.get("command", "bench/side_by_side.py"), profile)
    return 0
  models = list(args.models)
  if args.all:
    models = sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*.tflite"))
  threads = [int(t) for t in args.threads.split(",")]
  rows, skipped = [], []
  for m in models:
    path = pathlib.Path(m) if os.path.isabs(m) else corpus / m
    for t in threads:
      ours, err = run_litert(path, t, args.warmup, args.runs, "on")
      if ours is None:
        skipped.append(f"{m}: litert: {err[:200]}")
        break
      ref, err = run_oracle(path, t, args.warmup, args.runs)
      if ref is None and "quantized_dimension" in err:  # as in the conformance harness
        with tempfile.TemporaryDirectory() as tmp:
          repaired = conformance.repaired_for_oracle(path, tmp)
          if repaired is not None:
            ref, err = run_oracle(repaired, t, args.warmup, args.runs)
      if ref is None:
        skipped.append(f"{m}: oracle: {err[:200]}")
        break
      off, err = run_litert(path, t, args.warmup, args.runs, "off")
      if off is None:
        skipped.append(f"{m}: litert --use_xnnpack off: {err[:200]}")
        break
      row = {"model": m, "threads": t, "weight_bytes": path.stat().st_size,
             "litert_p50_ms": ours["p50_ms"], "litert_off_p50_ms": off["p50_ms"],
             "oracle_p50_ms": ref["p50_ms"],
             "latency_ratio": ratio(ours["p50_ms"], ref["p50_ms"]),
             "off_latency_ratio": ratio(off["p50_ms"], ref["p50_ms"]),
             "init_ratio": ratio(ours["init_ms"], ref["init_ms"]),
             "peak_rss_ratio": ratio(ours["peak_rss_bytes"], ref["peak_rss_bytes"]),
             "litert": ours, "litert_off": off, "oracle": ref}
      rows.append(row)
      print(f"{m}  threads {t}: p50 litert {ours['p50_ms']:.3f} ms, litert (XNNPACK off) "
            f"{off['p50_ms']:.3f} ms, oracle {ref['p50_ms']:.3f} ms; latency "
            f"x{row['latency_ratio']:.2f} (off x{row['off_latency_ratio']:.2f}), init "
            f"x{row['init_ratio']:.2f}, peak memory x{row['peak_rss_ratio']:.2f}", flush=True)
  summary = summarize(rows)
  for line in summary:
    print(line)
  for s in skipped:
    print(f"skipped  {s}")
  if args.json:
    pathlib.Path(args.json).write_text(json.dumps(
        {"rows": rows, "skipped": skipped, "summary": summary}, indent=1))
  profile = profile_worst(rows, corpus) if rows else None
  if args.json:
    data = json.loads(pathlib.Path(args.json).read_text())
    data["worst_profile"] = profile
    data["command"] = command_line(args)
    pathlib.Path(args.json).write_text(json.dumps(data, indent=1))
  if args.report:
    write_report(pathlib.Path(args.report), rows, summary, skipped, command_line(args), profile)
  return 0


def profile_worst(rows, corpus):
  """`litert bench --op_profile` of the model slowest relative to the oracle at one thread, and
  of the one with the largest gap in milliseconds (often a bigger model)."""
  ones = [r for r in rows if r["threads"] == 1] or rows
  picks = [("ratio", max(ones, key=lambda r: r["latency_ratio"])),
           ("gap", max(ones, key=lambda r: r["litert_p50_ms"] - r["oracle_p50_ms"]))]
  out = []
  for why, worst in picks:
    m = worst["model"]
    path = pathlib.Path(m) if os.path.isabs(m) else corpus / m
    p = subprocess.run([str(conformance.build_dir() / "litert"), "bench", str(path),
                        "--num_threads", str(worst["threads"]), "--op_profile", "--num_runs",
                        "20"], capture_output=True, text=True, timeout=1800)
    out.append({"why": why, "model": m, "threads": worst["threads"],
                "latency_ratio": worst["latency_ratio"], "oracle_p50_ms": worst["oracle_p50_ms"],
                "litert_p50_ms": worst["litert_p50_ms"],
                "text": p.stdout if p.returncode == 0 else p.stderr})
  return out


def _stats(values):
  return f"median x{statistics.median(values):.2f}, worst x{max(values):.2f}"


def summarize(rows):
  """The summary lines: one overall, then one per thread count and per measure."""
  if not rows:
    return ["summary: nothing ran"]
  lat = [r["latency_ratio"] for r in rows]
  lines = [f"summary: {len(rows)} runs over {len({r['model'] for r in rows})} models; "
           f"latency us/oracle (XNNPACK on) {_stats(lat)}"]
  for t in sorted({r["threads"] for r in rows}):
    rs = [r for r in rows if r["threads"] == t]
    lines.append(
        f"  threads {t}: latency on {_stats([r['latency_ratio'] for r in rs])}; "
        f"off {_stats([r['off_latency_ratio'] for r in rs])}; "
        f"init {_stats([r['init_ratio'] for r in rs])}; "
        f"peak memory {_stats([r['peak_rss_ratio'] for r in rs])}; "
        f"models at most x1.0 (on): {sum(r['latency_ratio'] <= 1.0 for r in rs)}/{len(rs)}")
  return lines


def weight_kind(model, corpus):
  """("float" | "int8" | "int4" | "int16" | "none", weight bytes) from `litert info --json`."""
  path = pathlib.Path(model) if os.path.isabs(model) else corpus / model
  p = subprocess.run([str(conformance.build_dir() / "litert"), "info", str(path), "--json"],
                     capture_output=True, text=True, timeout=300)
  if p.returncode != 0:
    return "none", 0
  d = json.loads(p.stdout)
  w = {k: v for k, v in d.get("weight_bytes", {}).items() if k not in ("int32", "int64")}
  if not w:
    return "none", d.get("weight_bytes_total", 0)
  top = max(w, key=w.get)
  kind = "float" if top in ("float32", "float16", "bfloat16") else top
  return kind, d.get("weight_bytes_total", 0)


def target_lines(rows, corpus):
  """Each target of the issue: met or not, with the models that miss it (worst first)."""
  def misses(items, key, limit, fmt="x{:.2f}"):
    bad = sorted((r for r in items if r[key] > limit), key=lambda r: -r[key])
    head = ", ".join(f"{r['model'].split('/')[-1]} ({r['threads']}t {fmt.format(r[key])})"
                     for r in bad[:8])
    return len(bad), head + (", ..." if len(bad) > 8 else "")
  kinds = {m: weight_kind(m, corpus) for m in {r["model"] for r in rows}}
  out = []
  n, worst = misses(rows, "latency_ratio", 1.0)
  out.append(f"- XNNPACK on, every model at most x1.0 the oracle's latency: {len(rows) - n}/"
             f"{len(rows)} runs meet it. Over: {worst or 'none'}")
  for t in sorted({r["threads"] for r in rows}):
    med = statistics.median(r["latency_ratio"] for r in rows if r["threads"] == t)
    out.append(f"- XNNPACK on, median at most x0.8 ({t} thread{'s' if t > 1 else ''}): "
               f"x{med:.2f}, {'met' if med <= 0.8 else 'not met'}")
  n, worst = misses(rows, "init_ratio", 0.5)
  out.append(f"- Init time at most x0.5: {len(rows) - n}/{len(rows)} runs. Over: {worst or 'none'}")
  n, worst = misses(rows, "peak_rss_ratio", 0.8)
  out.append(f"- Peak resident memory at most x0.8: {len(rows) - n}/{len(rows)} runs. "
             f"Over: {worst or 'none'}")
  for r in rows:
    r["off_vs_on"] = r["litert_off_p50_ms"] / r["litert_p50_ms"] if r["litert_p50_ms"] else 0
  floats = [r for r in rows if kinds[r["model"]][0] == "float"]
  n, worst = misses(floats, "off_vs_on", 1.5)
  out.append(f"- XNNPACK off within x1.5 of XNNPACK on, float models: {len(floats) - n}/"
             f"{len(floats)} runs. Over: {worst or 'none'}")
  ints = [r for r in rows if kinds[r["model"]][0] == "int8"]
  faster = sum(r["off_vs_on"] < 1.0 for r in ints)
  out.append(f"- XNNPACK off faster than on, int8 models: {faster}/{len(ints)} runs")
  big = sorted({r["model"] for r in rows if kinds[r["model"]][1] > 1 << 20})
  scaling = []
  for m in big:
    by_t = {r["threads"]: r["litert_p50_ms"] for r in rows if r["model"] == m}
    if 1 in by_t and 2 in by_t and by_t[2] > 0:
      scaling.append((by_t[1] / by_t[2], m))
  ok = sum(x >= 1.7 for x, _ in scaling)
  low = ", ".join(f"{m.split('/')[-1]} (x{x:.2f})" for x, m in sorted(scaling)[:8] if x < 1.7)
  out.append(f"- Two threads at least x1.7 faster than one, models over 1 MB of weights (XNNPACK "
             f"on): {ok}/{len(scaling)}. Below: {low or 'none'}")
  return out


def command_line(args):
  """How this run was asked for, for the report."""
  cmd = (f".venv/bin/python bench/side_by_side.py "
         f"{' '.join(args.models) + ' ' if args.models else ''}{'--all ' if args.all else ''}"
         f"--threads {args.threads} --runs {args.runs} --warmup {args.warmup}")
  return f"`make bench-report` (`{cmd}`)" if args.all else f"`{cmd}`"


def write_report(path, rows, summary, skipped, command, profile=None):
  import platform
  cpu = "unknown CPU"
  try:
    for line in open("/proc/cpuinfo"):
      if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
  except OSError:
    pass
  out = [
      "# litert vs the official runtime, side by side",
      "",
      f"Produced by {command} on {cpu}, {os.cpu_count()} cores, "
      f"{platform.system()} {platform.release()}, {time.strftime('%Y-%m-%d')}.",
      "",
      "Median latency (ms) over the timed runs; ratios are litert / oracle (below 1: litert is"
      " faster or smaller). `on`: litert with XNNPACK; `off`: litert's own kernels only. Init"
      " and peak memory are litert with XNNPACK on.",
      "",
  ] + [f"    {line}" for line in summary] + [
      "",
      "## Targets",
      "",
  ] + target_lines(rows, conformance.corpus_dir()) + [
      "",
      "## Every model",
      "",
      "| model | threads | litert on | litert off | oracle | on/oracle | off/oracle | init | peak mem |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ]
  for r in rows:
    out.append(f"| {r['model']} | {r['threads']} | {r['litert_p50_ms']:.3f} | "
               f"{r['litert_off_p50_ms']:.3f} | {r['oracle_p50_ms']:.3f} | "
               f"{r['latency_ratio']:.2f} | {r['off_latency_ratio']:.2f} | "
               f"{r['init_ratio']:.2f} | {r['peak_rss_ratio']:.2f} |")
  titles = {"ratio": "The slowest model relative to the oracle (largest ratio, one thread)",
            "gap": "The largest gap in milliseconds (one thread)"}
  for pr in profile or []:
    out += ["", f"## {titles[pr['why']]}", "",
            f"`{pr['model']}`: litert {pr['litert_p50_ms']:.3f} ms, oracle "
            f"{pr['oracle_p50_ms']:.3f} ms (x{pr['latency_ratio']:.2f}). Its op profile "
            f"(`litert bench MODEL --num_threads {pr['threads']} --op_profile`):",
            "", "```", pr["text"].rstrip(), "```"]
  if skipped:
    out += ["", "Not compared (one side cannot run the model):", ""]
    out += [f"- {s}" for s in skipped]
  path.write_text("\n".join(out) + "\n")


if __name__ == "__main__":
  sys.exit(main())
