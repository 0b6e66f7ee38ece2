"""`litert bench`: the numbers it promises, in text and JSON, and its errors."""
import json
import subprocess

import conformance


def _litert(*args):
  return subprocess.run([str(conformance.build_dir() / "litert"), *args], capture_output=True,
                        text=True, timeout=300)


def _demo_model(tmp_path):
  model = tmp_path / "demo.tflite"
  p = _litert("demo-model", str(model))
  assert p.returncode == 0, p.stderr
  return model


def test_bench_prints_and_writes_every_number(tmp_path):
  model = _demo_model(tmp_path)
  out = tmp_path / "bench.json"
  p = _litert("bench", str(model), "--warmup_runs", "2", "--num_runs", "7", "--json", str(out),
              "--op_profile", "--use_xnnpack", "off")
  assert p.returncode == 0, p.stderr
  for label in ("init", "first inference", "warm-up", "timed runs", "p99", "peak resident",
                "arena", "op profile", "CONV_2D", "slowest nodes"):
    assert label in p.stdout, f"'{label}' missing from:\n{p.stdout}"
  d = json.loads(out.read_text())
  assert d["runs"] == 7 and d["warmup_runs"] == 2 and d["threads"] == 1
  assert d["min_ms"] <= d["p50_ms"] <= d["p90_ms"] <= d["p99_ms"] <= d["max_ms"]
  assert d["min_ms"] <= d["avg_ms"] <= d["max_ms"]
  assert d["peak_rss_bytes"] > 0 and d["arena_bytes"] > 0
  assert "CONV_2D" in d["op_profile_ms_per_run"]
  assert d["delegate"] == "none"


def test_bench_with_xnnpack_profiles_its_partitions(tmp_path):
  model = _demo_model(tmp_path)
  out = tmp_path / "bench.json"
  p = _litert("bench", str(model), "--warmup_runs", "1", "--num_runs", "3", "--json", str(out),
              "--op_profile", "--num_threads", "2")
  assert p.returncode == 0, p.stderr
  assert "delegate xnnpack" in p.stdout and "XNNPACK partition (" in p.stdout, p.stdout
  d = json.loads(out.read_text())
  assert d["delegate"] == "xnnpack" and d["threads"] == 2
  assert "XNNPACK partitions" in d["op_profile_ms_per_run"]


def test_bench_min_secs_keeps_running(tmp_path):
  model = _demo_model(tmp_path)
  out = tmp_path / "bench.json"
  p = _litert("bench", str(model), "--warmup_runs", "0", "--num_runs", "1", "--min_secs", "0.3",
              "--json", str(out))
  assert p.returncode == 0, p.stderr
  d = json.loads(out.read_text())
  assert d["runs"] > 1
  assert d["runs"] * d["avg_ms"] >= 290


def test_bench_errors_are_clear(tmp_path):
  model = _demo_model(tmp_path)
  p = _litert("bench", str(model), "--use_xnnpack", "maybe")
  assert p.returncode != 0 and "on or off" in p.stderr, p.stderr
  p = _litert("bench", str(model), "--input_layer_shape", "nope:1,2")
  assert p.returncode != 0 and "no input 'nope'" in p.stderr, p.stderr
  p = _litert("bench", str(tmp_path / "missing.tflite"))
  assert p.returncode != 0 and "missing.tflite" in p.stderr, p.stderr


def test_side_by_side_with_the_oracle(tmp_path):
  """bench/side_by_side.py on one small corpus model: a row per thread count and a summary."""
  import sys
  model = "tflite-micro/tensorflow/lite/micro/examples/hello_world/models/hello_world_float.tflite"
  if not (conformance.corpus_dir() / model).exists():
    import pytest
    pytest.skip("corpus not found (set LITERT_CORPUS)")
  out = tmp_path / "sbs.json"
  p = subprocess.run([sys.executable, str(conformance.ROOT / "bench" / "side_by_side.py"), model,
                      "--runs", "3", "--warmup", "1", "--json", str(out)],
                     capture_output=True, text=True, timeout=600)
  assert p.returncode == 0, p.stderr
  assert "summary: 2 runs over 1 models" in p.stdout, p.stdout
  d = json.loads(out.read_text())
  assert [r["threads"] for r in d["rows"]] == [1, 2]
  for r in d["rows"]:
    assert r["litert_p50_ms"] > 0 and r["oracle_p50_ms"] > 0 and r["peak_rss_ratio"] > 0
