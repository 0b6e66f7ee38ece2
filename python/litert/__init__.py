"""litert: a fast runtime for .tflite models (LiteRT / TensorFlow Lite format).

    from litert import LiteRTManager
    manager = LiteRTManager()
    manager.load_model(model_path="model.tflite", use_xnnpack=True,
                       use_gpu=False, num_threads=4)
    result = manager.generate({"input": input_tensor})   # numpy in
    output = result["output"]                            # numpy out
    manager.unload()
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

import numpy as np

from ._litert import LiteRTError, Manager as _Manager
from .interpreter import Interpreter, SignatureRunner, _contiguous

__all__ = ["Interpreter", "LiteRTError", "LiteRTManager", "SignatureRunner"]
__version__ = "0.1.0"


class LiteRTManager:
    """Loads one model and runs it on named numpy arrays.

    Naming follows the C++ ``litert::Manager``: the inputs are those of the
    model's default signature (``serving_default``, else the first one), or
    the graph's input tensors when the model has no signature; a model with
    one input also accepts the key ``"input"``. The result holds every output
    by name, and ``"output"`` for the first one. Usable as a context manager
    (``with LiteRTManager() as m:``), which unloads on exit.
    """

    def __init__(self) -> None:
        self._m = _Manager()

    def load_model(self, model_path: str, use_xnnpack: bool = True,
                   use_gpu: bool = False, num_threads: int = 4,
                   limits: Optional[Mapping[str, int]] = None) -> bool:
        """Loads, verifies and prepares `model_path`; replaces any model
        loaded before. Returns True; raises LiteRTError with the runtime's
        message when the file is missing, not a model, or cannot run.

        `limits` lowers (or raises) the bounds that turn a hostile model into
        an error instead of an out-of-memory kill or a hang, by name:
        max_tensor_bytes (default 4 GiB), max_arena_bytes (16 GiB),
        max_rank (16), max_ops (2**20), max_subgraph_depth (64),
        max_while_iterations (2**31)."""
        if num_threads < 1:
            raise LiteRTError(f"num_threads must be at least 1, got {num_threads}")
        self._m.load_model(str(model_path), bool(use_xnnpack), bool(use_gpu),
                           int(num_threads), dict(limits or {}))
        return True

    def generate(self, inputs: Mapping[str, Any],
                 signature: Optional[str] = None) -> Dict[str, np.ndarray]:
        """Runs the default signature (or `signature`, by key) on `inputs`, a
        dict of name -> array. Arrays whose dtype and layout already fit are
        read in place; the returned arrays are the caller's own."""
        self._require_loaded("generate")
        if not isinstance(inputs, Mapping):
            raise LiteRTError("generate takes a dict of input name -> array, "
                              f"got {type(inputs).__name__}")
        arrays = {str(k): _contiguous(v) for k, v in inputs.items()}
        for name, a in arrays.items():
            if a.dtype.kind in "USOV":
                raise LiteRTError(
                    f"input '{name}' has numpy dtype {a.dtype}: litert reads "
                    "numeric and bool arrays (string inputs are not supported "
                    "by this API yet)")
        return self._m.generate(arrays, signature or "")

    def unload(self) -> None:
        """Frees the model; generate raises until the next load_model."""
        self._m.unload()

    @property
    def loaded(self) -> bool:
        return self._m.loaded

    @property
    def input_details(self) -> Dict[str, dict]:
        """Name -> {dtype, shape, shape_signature, scales, zero_points, ...}
        of the default signature's inputs."""
        self._require_loaded("input_details")
        return self._m.input_details("")

    @property
    def output_details(self) -> Dict[str, dict]:
        self._require_loaded("output_details")
        return self._m.output_details("")

    @property
    def signatures(self) -> Dict[str, dict]:
        """Signature key -> {"inputs": [...], "outputs": [...]}."""
        self._require_loaded("signatures")
        return self._m.signatures()

    def __enter__(self) -> "LiteRTManager":
        return self

    def __exit__(self, *exc: object) -> None:
        self.unload()

    def _require_loaded(self, what: str) -> None:
        if not self._m.loaded:
            raise LiteRTError(f"{what}: no model is loaded; call "
                              "load_model(model_path=...) first")
