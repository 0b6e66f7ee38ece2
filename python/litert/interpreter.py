"""litert.Interpreter: the methods and behaviour of ai_edge_litert.interpreter.Interpreter, so
code written for it ports by changing one import:

    from litert import Interpreter          # was: from ai_edge_litert.interpreter import ...
    it = Interpreter(model_path="model.tflite", num_threads=2)
    it.allocate_tensors()
    it.set_tensor(it.get_input_details()[0]["index"], x)
    it.invoke()
    y = it.get_tensor(it.get_output_details()[0]["index"])

XNNPACK runs what it supports, as in ai_edge_litert's default setup.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

import numpy as np

from ._litert import Interpreter as _Interpreter
from ._litert import LiteRTError

__all__ = ["Interpreter", "SignatureRunner"]


def _numpy_type(name: str) -> type:
    if name == "string":
        return np.bytes_
    return np.dtype(name).type


def _contiguous(value: Any) -> np.ndarray:
    a = np.asarray(value)
    return a if a.flags.c_contiguous else np.ascontiguousarray(a)  # keeps rank 0


def _tensor(value: Any) -> np.ndarray:
    """A binding result as numpy: string tensors come as (list of bytes, shape)."""
    if isinstance(value, tuple):
        items, shape = value
        out = np.empty(len(items), dtype=object)
        out[:] = items
        return out.reshape(shape)
    return value


def _set_input(it: Any, subgraph: int, position: int, a: np.ndarray) -> None:
    if a.dtype.kind in "SUO":
        values = [v if isinstance(v, bytes) else str(v).encode() for v in a.reshape(-1)]
        it.set_input_strings(subgraph, position, values, list(a.shape))
    else:
        it.set_input(subgraph, position, a)


def _details(info: Dict[str, Any]) -> Dict[str, Any]:
    scales = np.array(info["scales"], dtype=np.float32)
    zero_points = np.array(info["zero_points"], dtype=np.int32)
    quantization = (float(scales[0]), int(zero_points[0]) if len(zero_points) else 0) \
        if len(scales) == 1 else (0.0, 0)
    return {
        "name": info["name"],
        "index": info["index"],
        "shape": np.array(info["shape"], dtype=np.int32),
        "shape_signature": np.array(info["shape_signature"] or info["shape"], dtype=np.int32),
        "dtype": _numpy_type(info["dtype"]),
        "quantization": quantization,
        "quantization_parameters": {
            "scales": scales,
            "zero_points": zero_points,
            "quantized_dimension": info["quantized_dimension"],
            "block_size": info["block_size"],
        },
        "sparsity_parameters": {},
    }


class Interpreter:
    """Loads a model from `model_path` or `model_content` (bytes) and runs it tensor by
    tensor. `num_threads` None means one thread. `experimental_delegates` and the other
    ai_edge_litert options are accepted and ignored (litert has no external delegates).
    `limits` (litert's own) bounds memory, rank, operators, nesting and loops, as in
    LiteRTManager.load_model. One thread at a time: a call while another thread is inside
    invoke raises LiteRTError."""

    def __init__(self, model_path: Optional[str] = None, model_content: Optional[bytes] = None,
                 experimental_delegates: Any = None, num_threads: Optional[int] = None,
                 limits: Optional[Dict[str, int]] = None, **kwargs: Any) -> None:
        if (model_path is None) == (model_content is None):
            raise ValueError("give exactly one of model_path and model_content")
        threads = 1 if num_threads is None or num_threads < 1 else int(num_threads)
        self._it = _Interpreter(str(model_path) if model_path is not None else "",
                                bytes(model_content or b""), threads, True, dict(limits or {}))

    # Tensors of subgraph 0 by tensor index, as ai_edge_litert.
    def allocate_tensors(self) -> None:
        self._it.allocate()

    def get_input_details(self) -> List[Dict[str, Any]]:
        return [_details(i) for i in self._it.inputs(0)]

    def get_output_details(self) -> List[Dict[str, Any]]:
        return [_details(i) for i in self._it.outputs(0)]

    def get_tensor_details(self) -> List[Dict[str, Any]]:
        return [_details(self._it.tensor_info(0, t)) for t in range(self._it.num_tensors(0))]

    def _input_position(self, tensor_index: int, subgraph: int = 0) -> int:
        for p, i in enumerate(self._it.inputs(subgraph)):
            if i["index"] == tensor_index:
                return p
        raise ValueError(f"tensor {tensor_index} is not an input of subgraph {subgraph}")

    def set_tensor(self, tensor_index: int, value: Any) -> None:
        position = self._input_position(tensor_index)
        info = self._it.inputs(0)[position]
        a = _contiguous(value)
        want = np.dtype(info["dtype"]) if info["dtype"] != "string" else None
        if want is not None and a.dtype != want:
            raise ValueError(
                f"Cannot set tensor: Got value of type {a.dtype.name.upper()} but expected "
                f"type {want.name.upper()} for input {tensor_index}, name: {info['name']} ")
        if list(a.shape) != list(info["shape"]):
            raise ValueError(
                f"Cannot set tensor: Dimension mismatch. Got {list(a.shape)} but expected "
                f"{info['shape']} for input {tensor_index}.")
        _set_input(self._it, 0, position, a)

    def invoke(self) -> None:
        self._it.invoke(0)

    def get_tensor(self, tensor_index: int, subgraph_index: int = 0) -> np.ndarray:
        return _tensor(self._it.get_tensor(subgraph_index, tensor_index))

    def tensor(self, tensor_index: int) -> Callable[[], np.ndarray]:
        """A function returning a numpy view of the tensor's current memory (valid until
        the next allocate_tensors or resize_tensor_input)."""
        return lambda: self._it.tensor_view(0, tensor_index)

    def resize_tensor_input(self, input_index: int, tensor_size: Any,
                            strict: bool = False) -> None:
        shape = [int(d) for d in np.asarray(tensor_size).reshape(-1)]
        self._it.resize_input(0, self._input_position(input_index), shape)

    def get_signature_list(self) -> Dict[str, Dict[str, List[str]]]:
        # Names in sorted order, as ai_edge_litert lists them.
        return {s["key"]: {"inputs": sorted(s["inputs"]), "outputs": sorted(s["outputs"])}
                for s in self._it.signatures()}

    def get_signature_runner(self, signature_key: Optional[str] = None) -> "SignatureRunner":
        sigs = self._it.signatures()
        if not sigs:
            raise ValueError("the model has no signatures")
        if signature_key is None:
            if len(sigs) > 1:
                raise ValueError("the model has several signatures; pass signature_key")
            sig = sigs[0]
        else:
            matches = [s for s in sigs if s["key"] == signature_key]
            if not matches:
                raise ValueError(f"no signature '{signature_key}' (have "
                                 f"{[s['key'] for s in sigs]})")
            sig = matches[0]
        return SignatureRunner(self, sig)

    def reset_all_variables(self) -> None:
        self._it.reset_variables()


class SignatureRunner:
    """Runs one signature: runner(**inputs) -> {output key: array}."""

    def __init__(self, interpreter: Interpreter, sig: Dict[str, Any]) -> None:
        self._it = interpreter._it
        self._sig = sig
        self._sg = sig["subgraph"]
        self._allocated = False

    def _infos(self, which: str) -> Dict[str, Dict[str, Any]]:
        infos = {i["index"]: i for i in (self._it.inputs(self._sg) if which == "inputs"
                                         else self._it.outputs(self._sg))}
        out = {}
        for key, t in sorted(zip(self._sig[which], self._sig[which[:-1] + "_tensors"])):
            info = infos.get(t) or self._it.tensor_info(self._sg, t)
            out[key] = _details(info)
        return out

    def get_input_details(self) -> Dict[str, Dict[str, Any]]:
        return self._infos("inputs")

    def get_output_details(self) -> Dict[str, Dict[str, Any]]:
        return self._infos("outputs")

    def __call__(self, **kwargs: Any) -> Dict[str, np.ndarray]:
        if not self._allocated:
            self._it.allocate()
            self._allocated = True
        positions = {i["index"]: p for p, i in enumerate(self._it.inputs(self._sg))}
        missing = set(self._sig["inputs"]) - set(kwargs)
        if missing:
            raise ValueError(f"missing inputs {sorted(missing)}")
        for key, value in kwargs.items():
            if key not in self._sig["inputs"]:
                raise ValueError(f"unknown input '{key}' (have {self._sig['inputs']})")
            t = self._sig["input_tensors"][self._sig["inputs"].index(key)]
            a = _contiguous(value)
            info = self._it.inputs(self._sg)[positions[t]]
            if list(a.shape) != list(info["shape"]):
                self._it.resize_input(self._sg, positions[t], list(a.shape))
                self._it.allocate()
            _set_input(self._it, self._sg, positions[t], a)
        self._it.invoke(self._sg)
        return {key: _tensor(self._it.get_tensor(self._sg, t))
                for key, t in zip(self._sig["outputs"], self._sig["output_tensors"])}
