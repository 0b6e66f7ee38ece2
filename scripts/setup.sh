#!/usr/bin/env bash
# Installs what litert needs to build and test, only where it is missing:
#   Debian packages (apt-get; sudo when not root) and a Python virtual environment in .venv
#   with the test tools and the official runtime used as the oracle.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(build-essential cmake ccache pkg-config python3 python3-venv python3-dev
  libflatbuffers-dev flatbuffers-compiler libgtest-dev libgmock-dev libcli11-dev
  nlohmann-json3-dev libxnnpack-dev libpthreadpool-dev libhwy-dev clang libclang-rt-dev)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A python3 that is not Debian's (pyenv, a conda base) already brings venv and headers.
if command -v python3 >/dev/null && python3 -c 'import venv, sysconfig' 2>/dev/null; then
  keep=()
  for p in "${missing[@]}"; do
    case "$p" in python3|python3-venv|python3-dev) ;; *) keep+=("$p") ;; esac
  done
  missing=("${keep[@]+"${keep[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

VENV=.venv
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating the Python environment in $VENV"
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import numpy, pytest, ai_edge_litert, nanobind, scikit_build_core' 2>/dev/null; then
  echo "setup: installing Python packages into $VENV (numpy, pytest, ai-edge-litert, scikit-build-core, nanobind)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -r tests/requirements.txt
fi
