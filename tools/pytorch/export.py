"""Converts your own PyTorch VAE into a latent model file.

    python3 tools/pytorch/export.py --class my_vae.py:VAE --kwargs '{"latent_dim": 128}' \\
        --checkpoint ckpt.pt --size 3x64x64 --input-range -1,1 --output-range -1,1 \\
        --out my_vae.safetensors

Your class is any ``nn.Module`` with ``encode(x) -> (mu, logvar)`` (a tuple or a
list) and ``decode(z) -> images``. This script builds it, loads the checkpoint
(strict), traces ``encode`` and ``decode`` with ``torch.fx``, writes the layers
they run as latent's architecture (``docs/model-format.md``, format 2), runs
that architecture in PyTorch against your module and writes the file only if
both agree to 1e-4. The tensors keep your state_dict names, so the file loads
back into your class with ``load_state_dict(strict=True)``.

Errors are one line on stderr (exit code 1; 2 for a wrong command line).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import operator
import os
import pickle
import re
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

import torch
from torch import fx, nn
from torch.nn import functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import latent_vae  # noqa: E402

TOLERANCE = 1e-4
"""The largest difference allowed between your module and latent's graph."""

Layer = dict[str, Any]


class ExportError(Exception):
    """A problem to report as one line (exit code 1)."""


# ---------------------------------------------------------------- command line


class Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        print(f"export.py: {message} (see --help)", file=sys.stderr)
        sys.exit(2)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = Parser(
        prog="export.py",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Convert a trained PyTorch VAE into a latent model file (.safetensors).",
        epilog="""\
Your class needs two methods:
  encode(x) -> (mu, logvar)   x: [N, C, H, W] as your training fed it; mu, logvar: [N, D]
  decode(z) -> images         z: [N, D]; images: [N, C, H, W] (any shape with C*H*W values)
built from nn.Linear, Conv2d, ConvTranspose2d, BatchNorm1d/2d, Upsample, Dropout,
ReLU, LeakyReLU, Tanh, Sigmoid, ELU, GELU, SiLU, Softplus, Identity, Flatten,
Unflatten (as modules or as their torch / F / Tensor functions), flatten / view /
reshape, F.interpolate and residual additions (x + f(x)).

latent reads images to [0, 1] (resized, centre-cropped). Say how your training
prepared them: --input-range -1,1 for Normalize((0.5,)*3, (0.5,)*3), or
--normalize with torchvision's mean and std per channel, e.g. ImageNet's
  --normalize 0.485,0.456,0.406:0.229,0.224,0.225

Examples:
  export.py --class models/vanilla_vae.py:VanillaVAE \\
      --kwargs '{"in_channels": 3, "latent_dim": 128}' \\
      --checkpoint logs/VanillaVAE/version_0/checkpoints/last.ckpt \\
      --size 3x64x64 --output-range -1,1 --out vanilla.safetensors
  latent info vanilla.safetensors
  latent explore --model vanilla.safetensors --data ~/celeba
""")
    parser.add_argument("--class", dest="cls", required=True, metavar="FILE.py:CLASS",
                        help="the Python file that defines your VAE and the class name")
    parser.add_argument("--kwargs", default="{}", metavar="JSON",
                        help="keyword arguments of the class's constructor, as a JSON object")
    parser.add_argument("--checkpoint", required=True, metavar="FILE",
                        help="a state_dict saved with torch.save (.pt, .pth), a Lightning .ckpt "
                             "(keys may carry a 'model.' prefix), a {'state_dict': ...} dict, "
                             "or a .safetensors file")
    parser.add_argument("--size", required=True, metavar="CxHxW",
                        help="the images your model takes, e.g. 3x64x64")
    parser.add_argument("--input-range", default=None, metavar="LOW,HIGH", choices=["0,1", "-1,1"],
                        help="the range of your training images: 0,1 (ToTensor, the default) or "
                             "-1,1 (Normalize with mean 0.5, std 0.5)")
    parser.add_argument("--normalize", default=None, metavar="MEAN:STD",
                        help="torchvision Normalize applied after ToTensor: comma-separated means, "
                             "a colon, comma-separated stds (one per channel, or one for all)")
    parser.add_argument("--output-range", default=None, metavar="RANGE", choices=["0,1", "-1,1", "logits"],
                        help="what decode returns: 0,1 (e.g. a final Sigmoid), -1,1 (a final Tanh) or "
                             "logits (Bernoulli likelihood, image = sigmoid). Default: from decode's "
                             "last layer (Sigmoid: 0,1; Tanh: -1,1)")
    parser.add_argument("--sigma", type=float, default=None,
                        help="σ of the Gaussian likelihood on the output scale, for training in latent "
                             "(default: 0.1 × (high − low))")
    parser.add_argument("--name", default=None, help="the model's name (default: the class name)")
    parser.add_argument("--out", required=True, metavar="FILE.safetensors",
                        help="the latent model file to write (atomically)")
    parser.add_argument("--trust-checkpoint", action="store_true",
                        help="unpickle any object in the checkpoint (torch.load weights_only=False); "
                             "only for files you trust")
    return parser.parse_args(join_negative_values(argv))


def join_negative_values(argv: list[str]) -> list[str]:
    """``--input-range -1,1`` as ``--input-range=-1,1`` (argparse takes ``-1,1`` for an option)."""
    joined: list[str] = []
    index = 0
    while index < len(argv):
        if argv[index] in NEGATIVE_VALUE_OPTIONS and index + 1 < len(argv) and argv[index + 1].startswith("-"):
            joined.append(f"{argv[index]}={argv[index + 1]}")
            index += 2
        else:
            joined.append(argv[index])
            index += 1
    return joined


NEGATIVE_VALUE_OPTIONS = ("--input-range", "--output-range", "--normalize")


def parse_size(text: str) -> tuple[int, int, int]:
    match = re.fullmatch(r"(\d+)x(\d+)x(\d+)", text.strip())
    if not match or min(int(v) for v in match.groups()) < 1:
        raise ExportError(f"--size '{text}' is not CxHxW (e.g. 3x64x64)")
    return int(match[1]), int(match[2]), int(match[3])


def parse_normalization(args: argparse.Namespace, channels: int) -> dict[str, list[float]] | None:
    """``input_normalize`` of the config: mean and std per channel, or None for [0, 1]."""
    if args.normalize is not None and args.input_range is not None:
        raise ExportError("give --input-range or --normalize, not both")
    if args.normalize is None:
        if args.input_range == "-1,1":
            return {"mean": [0.5] * channels, "std": [0.5] * channels}
        return None
    parts = args.normalize.split(":")
    try:
        if len(parts) != 2:
            raise ValueError
        mean, std = ([float(v) for v in part.split(",")] for part in parts)
    except ValueError:
        raise ExportError(f"--normalize '{args.normalize}' is not MEAN,...:STD,... "
                          "(e.g. 0.5,0.5,0.5:0.5,0.5,0.5)") from None
    mean = mean * channels if len(mean) == 1 else mean
    std = std * channels if len(std) == 1 else std
    if len(mean) != channels or len(std) != channels:
        raise ExportError(f"--normalize has {len(mean)} means and {len(std)} stds; "
                          f"--size has {channels} channels")
    if min(std) <= 0 or not all(math.isfinite(v) for v in mean + std):
        raise ExportError(f"--normalize '{args.normalize}': stds must be positive, values finite")
    return {"mean": mean, "std": std}


# ---------------------------------------------------------------- the user's model


def user_frame(tb: Any, user_file: str) -> str | None:
    """``file.py:LINE`` of the innermost frame of a traceback in the user's file."""
    found = None
    for frame in traceback.extract_tb(tb):
        if os.path.abspath(frame.filename) == user_file:
            found = f"{os.path.basename(frame.filename)}:{frame.lineno}"
    return found


def describe(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def build_model(spec: str, kwargs_text: str) -> tuple[nn.Module, str, str]:
    """Imports FILE.py, builds CLASS(**kwargs); returns the module, the file and the class name."""
    file, _, class_name = spec.rpartition(":")
    if not file or not class_name:
        raise ExportError(f"--class '{spec}' is not FILE.py:CLASS")
    path = os.path.abspath(file)
    if not os.path.isfile(path):
        raise ExportError(f"{file}: no such file")
    try:
        kwargs = json.loads(kwargs_text)
    except json.JSONDecodeError as error:
        raise ExportError(f"--kwargs is not JSON: {error}") from None
    if not isinstance(kwargs, dict):
        raise ExportError("--kwargs must be a JSON object, e.g. '{\"latent_dim\": 128}'")
    sys.path.insert(0, os.path.dirname(path))
    module_name = Path(path).stem
    try:
        module_spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[module_name] = module
        module_spec.loader.exec_module(module)
    except Exception as error:
        where = user_frame(error.__traceback__, path) or file
        raise ExportError(f"{where}: importing {file} failed: {describe(error)}") from None
    cls = getattr(module, class_name, None)
    if not isinstance(cls, type) or not issubclass(cls, nn.Module):
        raise ExportError(f"{file}: has no nn.Module class '{class_name}'")
    try:
        model = cls(**kwargs)
    except Exception as error:
        where = user_frame(error.__traceback__, path) or file
        raise ExportError(f"{where}: {class_name}(**{kwargs_text}) failed: {describe(error)}") from None
    for method in ("encode", "decode"):
        if not callable(getattr(model, method, None)):
            raise ExportError(f"{file}: {class_name} has no method {method}(); latent needs "
                              "encode(x) -> (mu, logvar) and decode(z) -> images")
    return model, path, class_name


def shape_text(shape: Any) -> str:
    return "[" + ", ".join(str(int(v)) for v in shape) + "]"


def read_checkpoint(path: str, trust: bool, class_name: str) -> dict[str, torch.Tensor]:
    """The state_dict in a checkpoint file (any of the forms --help lists)."""
    if not os.path.isfile(path):
        raise ExportError(f"{path}: no such file")
    if path.endswith(".safetensors"):
        from safetensors.torch import load_file
        try:
            return load_file(path)
        except Exception as error:
            raise ExportError(f"{path}: not a readable safetensors file: {describe(error)}") from None
    try:
        loaded = torch.load(path, map_location="cpu", weights_only=not trust)
    except pickle.UnpicklingError as error:
        found = re.search(r"Unsupported global: GLOBAL ([\w.]+)", str(error))
        name = found[1] if found else None
        if name and (is_module_class(name) or name.rpartition(".")[2] == class_name):
            raise pickled_module(path, name) from None
        what = f"the object {name}" if name else "objects torch.load(weights_only=True) refuses"
        raise ExportError(f"{path}: holds {what}; if you trust the file, add --trust-checkpoint, "
                          "or save only the weights: torch.save(model.state_dict(), PATH)") from None
    except Exception as error:
        raise ExportError(f"{path}: torch.load failed: {describe(error)}") from None
    if isinstance(loaded, nn.Module):
        raise pickled_module(path, f"{type(loaded).__module__}.{type(loaded).__qualname__}")
    state = find_state_dict(loaded)
    if state is None:
        keys = ", ".join(repr(k) for k in list(loaded)[:5]) if isinstance(loaded, dict) else type(loaded).__name__
        raise ExportError(f"{path}: no state_dict found (a dict of tensors, or one under 'state_dict'); "
                          f"it holds {keys}")
    return state


def is_module_class(qualified: str) -> bool:
    module_name, _, name = qualified.rpartition(".")
    cls = getattr(sys.modules.get(module_name), name, None)
    return isinstance(cls, type) and issubclass(cls, nn.Module)


def pickled_module(path: str, name: str) -> ExportError:
    return ExportError(f"{path}: is a whole pickled module ({name}), not a state_dict; save the weights "
                       "with torch.save(model.state_dict(), PATH) and export that file")


def find_state_dict(loaded: Any) -> dict[str, torch.Tensor] | None:
    if isinstance(loaded, dict) and loaded and all(isinstance(v, torch.Tensor) for v in loaded.values()):
        return dict(loaded)
    if isinstance(loaded, dict):
        for key in ("state_dict", "model_state_dict", "model"):
            inner = loaded.get(key)
            if isinstance(inner, dict) and inner and all(isinstance(v, torch.Tensor) for v in inner.values()):
                return dict(inner)
    return None


def match_names(state: dict[str, torch.Tensor], expected: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Strips a prefix all keys share (Lightning's ``model.``, DDP's ``module.``) when that fits."""
    if set(state) == set(expected):
        return state
    for prefix in ("model.", "module.", "vae.", "net."):
        if state and all(k.startswith(prefix) for k in state):
            stripped = {k[len(prefix):]: v for k, v in state.items()}
            if len(set(stripped) & set(expected)) > len(set(state) & set(expected)):
                return match_names(stripped, expected)
    return state


def load_checkpoint(model: nn.Module, state: dict[str, torch.Tensor], path: str, class_name: str) -> None:
    """``load_state_dict(strict=True)`` with one line naming what does not fit."""
    expected = model.state_dict()
    state = match_names(state, expected)
    missing = [k for k in expected if k not in state]
    unexpected = [k for k in state if k not in expected]
    wrong = [k for k in expected if k in state and tuple(state[k].shape) != tuple(expected[k].shape)]
    problems = []

    def listed(keys: list[str], text: Any) -> str:
        shown = "; ".join(text(k) for k in keys[:3])
        return shown + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")

    if missing:
        problems.append(f"{len(missing)} missing key{'s' * (len(missing) > 1)} ("
                        + listed(missing, lambda k: f"{k} {shape_text(expected[k].shape)}") + ")")
    if unexpected:
        problems.append(f"{len(unexpected)} unexpected key{'s' * (len(unexpected) > 1)} ("
                        + listed(unexpected, lambda k: f"{k} {shape_text(state[k].shape)}") + ")")
    if wrong:
        problems.append(f"{len(wrong)} wrong shape{'s' * (len(wrong) > 1)} (" + listed(
            wrong, lambda k: f"{k}: expected {shape_text(expected[k].shape)}, found {shape_text(state[k].shape)}")
            + ")")
    if problems:
        raise ExportError(f"{path}: does not fit {class_name}: " + " — ".join(problems))
    try:
        model.load_state_dict(state, strict=True)
    except Exception as error:
        raise ExportError(f"{path}: load_state_dict failed: {describe(error)}") from None


# ---------------------------------------------------------------- tracing


class Method(nn.Module):
    """A module whose forward is one method of the user's model (what fx traces)."""

    def __init__(self, model: nn.Module, method: str) -> None:
        super().__init__()
        self.m = model
        self.method = method

    def forward(self, x: torch.Tensor) -> Any:
        return getattr(self.m, self.method)(x)


def trace(model: nn.Module, method: str, example: torch.Tensor, user_file: str) -> fx.GraphModule:
    """The fx graph of ``model.<method>``, with shapes from ``example`` in ``node.meta``."""
    tracer = fx.Tracer()
    tracer.record_stack_traces = True
    wrapper = Method(model, method)
    try:
        graph = tracer.trace(wrapper)
    except Exception as error:
        where = user_frame(error.__traceback__, user_file) or f"{os.path.basename(user_file)}: {method}"
        raise ExportError(f"{where}: torch.fx cannot trace {method}(): {describe(error)}") from None
    module = fx.GraphModule(wrapper, graph)
    from torch.fx.passes.shape_prop import ShapeProp
    try:
        ShapeProp(module).propagate(example)
    except Exception as error:
        raise ExportError(f"{os.path.basename(user_file)}: {method}() failed on an input of shape "
                          f"{shape_text(example.shape)}: {describe(error)}") from None
    return module


def location(node: fx.Node, user_file: str) -> str:
    """``file.py:LINE`` where the user's code made ``node`` (the innermost frame in the user's file)."""
    found = None
    fallback = None
    for match in re.finditer(r'File "([^"]+)", line (\d+)', node.stack_trace or ""):
        text = f"{os.path.basename(match[1])}:{match[2]}"
        fallback = text
        if os.path.abspath(match[1]) == user_file:
            found = text
    return found or fallback or os.path.basename(user_file)


def operation_name(node: fx.Node, modules: dict[str, nn.Module]) -> str:
    """How the user wrote the operation: ``torch.cat``, ``F.pad``, ``Tensor.permute``, ``nn.Conv1d``."""
    if node.op == "call_module":
        module = modules[node.target]
        prefix = "nn." if type(module).__module__.startswith("torch.nn") else ""
        return f"{prefix}{type(module).__name__} ({node.target[2:]})"
    if node.op == "call_method":
        return f"Tensor.{node.target}"
    if node.op == "get_attr":
        return f"using self.{node.target[2:]} directly"
    target = node.target
    symbols = {operator.mul: "*", operator.sub: "-", operator.truediv: "/", operator.matmul: "@",
               operator.neg: "unary -", operator.getitem: "indexing", operator.pow: "**"}
    if target in symbols:
        return f"'{symbols[target]}' on tensors"
    module = getattr(target, "__module__", "") or ""
    name = getattr(target, "__name__", str(target))
    if module.startswith("torch.nn.functional"):
        return f"F.{name}"
    if module.startswith("torch") or module == "" or isinstance(target, type(torch.cat)):
        return f"torch.{name}"
    return f"{module}.{name}"


def shape_of(node: Any) -> tuple[int, ...] | None:
    meta = node.meta.get("tensor_meta") if isinstance(node, fx.Node) else None
    return tuple(meta.shape) if meta is not None and hasattr(meta, "shape") else None


def argument(node: fx.Node, index: int, keyword: str, default: Any) -> Any:
    if len(node.args) > index:
        return node.args[index]
    return node.kwargs.get(keyword, default)


def pair(value: Any) -> int | list[int]:
    """An int for a square pair, else [h, w] (the config's form)."""
    values = [int(v) for v in value] if isinstance(value, (tuple, list)) else [int(value)] * 2
    return values[0] if values[0] == values[1] else values


RESHAPES = {"view", "reshape", "flatten"}
IDENTITIES = {"contiguous", "clone"}
ACTIVATION_FUNCTIONS = {
    F.relu: "ReLU", torch.relu: "ReLU", F.leaky_relu: "LeakyReLU", torch.sigmoid: "Sigmoid",
    F.sigmoid: "Sigmoid", torch.tanh: "Tanh", F.tanh: "Tanh", F.elu: "ELU", F.gelu: "GELU",
    F.silu: "SiLU", F.softplus: "Softplus",
}
ACTIVATION_METHODS = {"relu": "ReLU", "sigmoid": "Sigmoid", "tanh": "Tanh"}
ACTIVATION_MODULES = {nn.ReLU: "ReLU", nn.LeakyReLU: "LeakyReLU", nn.Tanh: "Tanh", nn.Sigmoid: "Sigmoid",
                      nn.ELU: "ELU", nn.GELU: "GELU", nn.SiLU: "SiLU", nn.Softplus: "Softplus",
                      nn.Identity: "Identity"}


class Converter:
    """Turns a traced graph into latent's layer lists."""

    def __init__(self, graph_module: fx.GraphModule, user_file: str) -> None:
        self.modules = dict(graph_module.named_modules())
        self.user_file = user_file
        self.order = {node: index for index, node in enumerate(graph_module.graph.nodes)}
        self.used_names: dict[str, str] = {}

    def fail(self, node: fx.Node, problem: str) -> NoReturn:
        raise ExportError(f"{location(node, self.user_file)}: {problem}")

    def unsupported(self, node: fx.Node, hint: str = "") -> NoReturn:
        self.fail(node, f"{operation_name(node, self.modules)} is not supported{hint}")

    # The data flow: which tensor each node reads.

    def inputs(self, node: fx.Node) -> list[fx.Node]:
        """The tensor inputs of a node latent can express (1, or 2 for an addition)."""
        if node.op == "placeholder":
            return []
        if self.is_addition(node):
            a, b = node.args[0], node.args[1]
            if not (isinstance(a, fx.Node) and isinstance(b, fx.Node)
                    and shape_of(a) is not None and shape_of(b) is not None):
                self.fail(node, "adding a constant to a tensor is not supported (only x + f(x))")
            if shape_of(a) != shape_of(b):
                self.fail(node, f"adding tensors of shapes {shape_text(shape_of(a))} and "
                                f"{shape_text(shape_of(b))} (broadcasting) is not supported")
            if "alpha" in node.kwargs or len(node.args) > 2:
                self.fail(node, "torch.add with alpha is not supported")
            return [a, b]
        if node.op in ("call_module", "call_function", "call_method") and node.args \
                and isinstance(node.args[0], fx.Node):
            return [node.args[0]]
        self.unsupported(node)

    def is_addition(self, node: fx.Node) -> bool:
        return ((node.op == "call_function" and node.target in (operator.add, operator.iadd, torch.add))
                or (node.op == "call_method" and node.target in ("add", "add_")))

    def ancestors(self, node: fx.Node) -> set[fx.Node]:
        seen, stack = set(), [node]
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self.inputs(current))
        return seen

    def fork(self, a: fx.Node, b: fx.Node) -> fx.Node:
        """The latest tensor both ``a`` and ``b`` are computed from (where two branches part)."""
        common = self.ancestors(a) & self.ancestors(b)
        return max(common, key=self.order.__getitem__)

    def chain(self, start: fx.Node, end: fx.Node) -> list[Layer]:
        """The layers that compute ``end`` from ``start``."""
        layers: list[Layer] = []
        node = end
        while node is not start:
            if node.op == "placeholder":
                self.fail(end, "this value does not come from the input through one chain of layers")
            if self.is_addition(node):
                a, b = self.inputs(node)
                fork = self.fork(a, b)
                body, shortcut = self.chain(fork, a), self.chain(fork, b)
                if len(shortcut) > len(body):
                    body, shortcut = shortcut, body
                layers[:0] = [{"type": "Residual", "body": body, "shortcut": shortcut}]
                node = fork
                continue
            layers[:0] = self.layers(node)
            node = self.inputs(node)[0]
        return layers

    # One node as layers.

    def layers(self, node: fx.Node) -> list[Layer]:
        if node.op == "call_module":
            return self.module_layers(node)
        for value in list(node.args[1:]) + list(node.kwargs.values()):
            if isinstance(value, fx.Node) and shape_of(value) is not None:
                self.unsupported(node, " with a tensor argument")
        if node.op == "call_method" and node.target in ACTIVATION_METHODS:
            return [{"type": ACTIVATION_METHODS[node.target]}]
        if node.op == "call_function" and node.target in ACTIVATION_FUNCTIONS:
            return [self.activation_function(node)]
        if node.op == "call_method" and node.target in IDENTITIES:
            return []
        if (node.op == "call_method" and node.target in RESHAPES) or (
                node.op == "call_function" and node.target in (torch.flatten, torch.reshape)):
            return self.reshape(node)
        if node.op == "call_function" and node.target is F.interpolate:
            return [self.interpolation(node)]
        if node.op == "call_function" and node.target is F.dropout:
            return [{"type": "Dropout", "p": float(argument(node, 1, "p", 0.5))}]
        if is_split(node):
            self.unsupported(node, ": give encode two heads (e.g. two nn.Linear) and return mu, logvar")
        self.unsupported(node)

    def activation_function(self, node: fx.Node) -> Layer:
        kind = ACTIVATION_FUNCTIONS[node.target]
        if kind == "LeakyReLU":
            return {"type": kind, "negative_slope": float(argument(node, 1, "negative_slope", 0.01))}
        if kind == "ELU":
            return {"type": kind, "alpha": float(argument(node, 1, "alpha", 1.0))}
        if kind == "GELU":
            return {"type": kind, "approximate": str(node.kwargs.get("approximate", "none"))}
        if kind == "Softplus":
            return {"type": kind, "beta": float(argument(node, 1, "beta", 1.0)),
                    "threshold": float(argument(node, 2, "threshold", 20.0))}
        return {"type": kind}

    def interpolation(self, node: fx.Node) -> Layer:
        size = argument(node, 1, "size", None)
        scale = argument(node, 2, "scale_factor", None)
        mode = argument(node, 3, "mode", "nearest")
        align = argument(node, 4, "align_corners", None)
        return self.upsample(node, size, scale, mode, align)

    def upsample(self, node: fx.Node, size: Any, scale: Any, mode: str, align: Any) -> Layer:
        if size is not None or scale is None:
            self.fail(node, "upsampling to a size is not supported; use scale_factor")
        factors = list(scale) if isinstance(scale, (tuple, list)) else [scale, scale]
        if any(float(f) != int(f) or int(f) < 1 for f in factors):
            self.fail(node, f"upsampling by {scale} is not supported (whole factors only)")
        if mode not in ("nearest", "bilinear") or align:
            self.fail(node, f"upsampling mode '{mode}'{' with align_corners=True' if align else ''} is "
                            "not supported (nearest, or bilinear with align_corners=False)")
        return {"type": "Upsample", "scale_factor": pair([int(f) for f in factors]), "mode": mode}

    def reshape(self, node: fx.Node) -> list[Layer]:
        before, after = shape_of(node.args[0]), shape_of(node)
        if before is None or after is None or len(after) < 1 or after[0] != before[0]:
            self.fail(node, f"{operation_name(node, self.modules)} must keep the batch dimension first "
                            "(e.g. x.view(x.size(0), -1) or x.view(-1, C, H, W))")
        if after == before:
            return []
        layers: list[Layer] = [] if len(before) == 2 else [{"type": "Flatten"}]
        if len(after) == 4 or (len(after) == 2 and len(before) == 2):
            layers.append({"type": "Unflatten", "shape": list(after[1:])})
        elif len(after) != 2:
            self.fail(node, f"reshaping to {len(after)} dimensions is not supported "
                            "([N, F] or [N, C, H, W] only)")
        return layers

    def module_layers(self, node: fx.Node) -> list[Layer]:
        module = self.modules[node.target]
        name = node.target[2:]  # "m." is the Method wrapper's
        kind = type(module)
        if kind in ACTIVATION_MODULES:
            layer: Layer = {"type": ACTIVATION_MODULES[kind]}
            if kind is nn.LeakyReLU:
                layer["negative_slope"] = float(module.negative_slope)
            elif kind is nn.ELU:
                layer["alpha"] = float(module.alpha)
            elif kind is nn.GELU:
                layer["approximate"] = module.approximate
            elif kind is nn.Softplus:
                layer["beta"], layer["threshold"] = float(module.beta), float(module.threshold)
            return [layer]
        if kind is nn.Flatten:
            if module.start_dim != 1 or module.end_dim != -1:
                self.fail(node, "nn.Flatten is supported with start_dim=1, end_dim=-1 only")
            return [] if len(shape_of(node.args[0]) or ()) == 2 else [{"type": "Flatten"}]
        if kind is nn.Unflatten:
            if module.dim not in (1, -1) or len(shape_of(node.args[0]) or ()) != 2:
                self.fail(node, "nn.Unflatten is supported on [N, F] along dim 1 only")
            return [{"type": "Unflatten", "shape": [int(v) for v in module.unflattened_size]}]
        if kind is nn.Dropout:
            return [{"type": "Dropout", "p": float(module.p)}]
        if kind is nn.Upsample:
            return [self.upsample(node, module.size, module.scale_factor, module.mode, module.align_corners)]
        if kind in (nn.Linear, nn.Conv2d, nn.ConvTranspose2d, nn.BatchNorm1d, nn.BatchNorm2d):
            if name in self.used_names:
                self.fail(node, f"the module {name} is used twice; latent does not share weights between layers")
            self.used_names[name] = location(node, self.user_file)
        if kind is nn.Linear:
            layer = {"type": "Linear", "name": name, "in_features": module.in_features,
                     "out_features": module.out_features}
            if len(shape_of(node.args[0]) or ()) != 2:
                self.fail(node, f"nn.Linear ({name}) on a tensor of shape "
                                f"{shape_text(shape_of(node.args[0]))} is not supported (only [N, F])")
        elif kind in (nn.Conv2d, nn.ConvTranspose2d):
            if any(d != 1 for d in module.dilation) or module.groups != 1 or module.padding_mode != "zeros":
                self.fail(node, f"{type(module).__name__} ({name}) with dilation, groups or "
                                f"padding_mode '{module.padding_mode}' is not supported")
            padding = module.padding
            if isinstance(padding, str):
                if padding == "valid":
                    padding = (0, 0)
                elif all(k % 2 == 1 for k in module.kernel_size) and all(s == 1 for s in module.stride):
                    padding = tuple(k // 2 for k in module.kernel_size)
                else:
                    self.fail(node, f"padding='{padding}' with an even kernel is not supported")
            layer = {"type": kind.__name__, "name": name, "in_channels": module.in_channels,
                     "out_channels": module.out_channels, "kernel_size": pair(module.kernel_size),
                     "stride": pair(module.stride), "padding": pair(padding)}
            if kind is nn.ConvTranspose2d:
                layer["output_padding"] = pair(module.output_padding)
        elif kind in (nn.BatchNorm1d, nn.BatchNorm2d):
            if not module.track_running_stats:
                self.fail(node, f"{kind.__name__} ({name}) without running statistics is not supported")
            rank = len(shape_of(node.args[0]) or ())
            if (kind is nn.BatchNorm1d) != (rank == 2):
                self.fail(node, f"{kind.__name__} ({name}) on a tensor of rank {rank} is not supported")
            layer = {"type": kind.__name__, "name": name, "num_features": module.num_features,
                     "eps": float(module.eps), "momentum": module.momentum, "affine": bool(module.affine)}
            return [layer]
        else:
            self.unsupported(node)
        if module.bias is None:
            layer["bias"] = False
        return [layer]


def output_nodes(graph_module: fx.GraphModule) -> Any:
    return next(n for n in graph_module.graph.nodes if n.op == "output").args[0]


def placeholder(graph_module: fx.GraphModule) -> fx.Node:
    return next(n for n in graph_module.graph.nodes if n.op == "placeholder")


def is_stateless(layer: Layer) -> bool:
    return "name" not in layer and layer["type"] != "Residual"


def convert_encode(graph_module: fx.GraphModule, user_file: str) -> tuple[list[Layer], list[Layer], list[Layer]]:
    """encoder, mu and logvar layer lists of ``encode``."""
    converter = Converter(graph_module, user_file)
    out = output_nodes(graph_module)
    output = next(n for n in graph_module.graph.nodes if n.op == "output")
    if isinstance(out, dict):
        out = list(out.values())
    if not isinstance(out, (tuple, list)) or len(out) != 2 or not all(isinstance(v, fx.Node) for v in out):
        where = location(output, user_file)
        if isinstance(out, fx.Node):
            if is_split(out):
                converter.layers(out)  # names torch.chunk / split and says what to do instead
            where = location(out, user_file)
        count = "one tensor" if isinstance(out, fx.Node) else f"a {type(out).__name__} of {len(out)}"
        raise ExportError(f"{where}: encode returns {count}; latent needs two, mu and logvar: "
                          "compute them with two heads (e.g. two nn.Linear) and 'return mu, logvar' "
                          "(torch.chunk is not supported)")
    mu_node, logvar_node = out
    for node in (mu_node, logvar_node):
        if node.op == "call_function" and node.target is operator.getitem and isinstance(node.args[0], fx.Node):
            converter.layers(node.args[0])
    start = placeholder(graph_module)
    fork = converter.fork(mu_node, logvar_node)
    encoder = converter.chain(start, fork)
    mu, logvar = converter.chain(fork, mu_node), converter.chain(fork, logvar_node)
    while mu and logvar and mu[0] == logvar[0] and is_stateless(mu[0]):
        encoder.append(mu.pop(0))
        logvar.pop(0)
    return encoder, mu, logvar


def is_split(node: fx.Node) -> bool:
    return (node.op == "call_function" and node.target in (torch.chunk, torch.split)) or (
        node.op == "call_method" and node.target in ("chunk", "split"))


def convert_decode(graph_module: fx.GraphModule, user_file: str) -> list[Layer]:
    converter = Converter(graph_module, user_file)
    out = output_nodes(graph_module)
    if not isinstance(out, fx.Node):
        output = next(n for n in graph_module.graph.nodes if n.op == "output")
        raise ExportError(f"{location(output, user_file)}: decode must return one tensor, "
                          f"not a {type(out).__name__}")
    return converter.chain(placeholder(graph_module), out)


def last_type(layers: list[Layer]) -> str | None:
    for layer in reversed(layers):
        if layer["type"] not in ("Flatten", "Unflatten", "Identity", "Dropout"):
            return layer["type"]
    return None


# ---------------------------------------------------------------- export


def check_size(model: nn.Module, size: tuple[int, int, int], path: str, class_name: str) -> int:
    """Runs encode and decode once; returns the latent dimensions (a clear error for a wrong --size)."""
    c, h, w = size
    name = os.path.basename(path)
    with torch.no_grad():
        try:
            result = model.encode(torch.rand(2, c, h, w))
        except Exception as error:
            raise ExportError(f"--size {c}x{h}x{w} does not fit {class_name}: encode failed "
                              f"({user_frame(error.__traceback__, path) or name}: {describe(error)})") from None
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            return -1  # convert_encode names the problem with its place
        mu = result[0]
        if mu.dim() != 2 or mu.shape[0] != 2:
            raise ExportError(f"{name}: encode's mu has shape {shape_text(mu.shape)}; latent needs [N, D]")
        try:
            images = model.decode(torch.zeros(2, mu.shape[1]))
        except Exception as error:
            raise ExportError(f"{user_frame(error.__traceback__, path) or name}: decode failed on "
                              f"codes [2, {mu.shape[1]}]: {describe(error)}") from None
    if isinstance(images, torch.Tensor) and images[0].numel() != c * h * w:
        raise ExportError(f"--size {c}x{h}x{w} does not fit {class_name}: decode gives "
                          f"{shape_text(images.shape[1:])} per image")
    return int(mu.shape[1])


def compare(model: nn.Module, latent: latent_vae.LatentVAE, normalization: Any,
            size: tuple[int, int, int], latent_dim: int) -> float:
    """The largest difference of mu, logvar and decode between the two modules on random inputs."""
    generator = torch.Generator().manual_seed(14)
    images = torch.rand(5, *size, generator=generator)
    user_images = images
    if normalization:
        mean = torch.tensor(normalization["mean"]).reshape(1, -1, 1, 1)
        std = torch.tensor(normalization["std"]).reshape(1, -1, 1, 1)
        user_images = (images - mean) / std
    codes = torch.randn(5, latent_dim, generator=generator)
    with torch.no_grad():
        mu, logvar = model.encode(user_images)
        their_mu, their_logvar = latent.encode(images)
        decoded = model.decode(codes).reshape(5, *size)
        their_decoded = latent.decode_raw(codes)
    return max((mu - their_mu).abs().max().item(), (logvar - their_logvar).abs().max().item(),
               (decoded - their_decoded).abs().max().item())


def export(args: argparse.Namespace) -> str:
    size = parse_size(args.size)
    normalization = parse_normalization(args, size[0])
    model, user_file, class_name = build_model(args.cls, args.kwargs)
    state = read_checkpoint(args.checkpoint, args.trust_checkpoint, class_name)
    load_checkpoint(model, state, args.checkpoint, class_name)
    model.eval()
    latent_dim = check_size(model, size, user_file, class_name)
    encode_graph = trace(model, "encode", torch.rand(3, *size), user_file)
    encoder, mu, logvar = convert_encode(encode_graph, user_file)
    decode_graph = trace(model, "decode", torch.randn(3, latent_dim), user_file)
    decoder = convert_decode(decode_graph, user_file)

    last = last_type(decoder)
    output = args.output_range or {"Sigmoid": "0,1", "Tanh": "-1,1"}.get(last or "")
    if output is None:
        raise ExportError(f"decode ends in {last or 'no activation'}: say what it returns with "
                          "--output-range 0,1, -1,1 or logits")
    if output == "logits" and last == "Sigmoid":
        raise ExportError("decode ends in Sigmoid, so it returns images, not logits: "
                          "use --output-range 0,1")
    config: dict[str, Any] = {
        "name": args.name or class_name, "channels": size[0], "height": size[1], "width": size[2],
        "latent_dim": latent_dim, "logvar_clamp": [-30.0, 20.0],
    }
    if output == "logits":
        if args.sigma is not None:
            raise ExportError("--sigma is for a Gaussian likelihood, not --output-range logits")
        config["likelihood"] = {"kind": "bernoulli"}
    else:
        low, high = (float(v) for v in output.split(","))
        sigma = args.sigma if args.sigma is not None else 0.1 * (high - low)
        if not (sigma > 0 and math.isfinite(sigma)):
            raise ExportError(f"--sigma {args.sigma} must be positive")
        config["likelihood"] = {"kind": "gaussian", "sigma": sigma, "learned": False}
        config["output_range"] = [low, high]
    if normalization:
        config["input_normalize"] = normalization
    config.update({"encoder": encoder, "mu": mu, "logvar": logvar, "decoder": decoder})

    try:
        latent = latent_vae.LatentVAE(config)
    except ValueError as error:
        raise ExportError(f"the converted graph is not a valid latent model: {error}") from None
    user_state = model.state_dict()
    ours = set(latent.state_dict())
    unused = [k for k in user_state if k not in ours]
    if unused:
        raise ExportError(f"{class_name} has weights that encode and decode do not use "
                          f"({', '.join(unused[:3])}{' …' if len(unused) > 3 else ''}); a latent file "
                          "holds only the VAE's weights")
    latent.load_state_dict(user_state, strict=True)
    latent.eval()
    difference = compare(model, latent, normalization, size, latent_dim)
    if not difference <= TOLERANCE:
        raise ExportError(f"latent's graph differs from {class_name} by {difference:.3g} (more than "
                          f"{TOLERANCE:g}); not written")
    latent_vae.save_model(args.out, latent)
    layers = len(encoder) + len(mu) + len(logvar) + len(decoder)
    return (f"wrote {args.out}: {config['name']}, {size[0]}x{size[1]}x{size[2]}, latent {latent_dim}, "
            f"{layers} layers, {len(user_state)} tensors; largest difference to PyTorch {difference:.2g}")


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    try:
        print(export(args))
    except ExportError as error:
        print(f"export.py: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug here, still one line for the user
        print(f"export.py: internal error: {describe(error)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
