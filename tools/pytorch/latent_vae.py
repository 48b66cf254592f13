"""The latent VAE in PyTorch, and its model file.

Builds the same network as the Swift program from the same config JSON (the
``latent.config`` metadata of a model file), so that

* ``load_model`` reads a file written by ``latent train`` with
  ``load_state_dict(strict=True)``, and
* ``save_model`` writes a file that ``latent explore`` and ``latent info`` read:
  the weights by their ``state_dict`` names, ``stats.kl_per_dim``,
  ``codes.mu`` / ``codes.label``, ``attributes.NAME``, and the metadata keys
  ``latent.format``, ``latent.config`` and ``latent.training``.

The file format is described in ``docs/model-format.md``. This module needs
only ``torch`` and ``safetensors``; copy it next to your own code, there is
nothing to install.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from typing import Any

import torch
from safetensors import safe_open
from safetensors.torch import save as safetensors_save
from torch import nn
from torch.nn import functional as F

FORMAT_VERSION = "1"
"""The ``latent.format`` of a config that uses nothing new (``uses_format_2``)."""

FORMAT_VERSIONS = ("1", "2")
"""The ``latent.format`` values this module reads; it writes "2" when the config needs it."""

Config = dict[str, Any]


# ---------------------------------------------------------------- configs


def conv_config(size: int = 64, channels: int = 3, latent: int = 32,
                likelihood: dict[str, Any] | None = None) -> Config:
    """The stock convolutional model, as ``VAEConfig.conv`` builds it in Swift.

    Stride-2 4x4 convolutions (32, 64, 128, ... channels) halve a square
    image down to 4x4; the decoder mirrors them with ConvTranspose2d 4/2/1.
    """
    if size < 8 or size > 256 or size & (size - 1):
        raise ValueError(f"conv models take a power-of-two size from 8 to 256, not {size}")
    if channels not in (1, 3):
        raise ValueError(f"images have 1 or 3 channels, not {channels}")
    likelihood = likelihood or {"kind": "bernoulli"}
    widths: list[int] = []
    side = size
    while side > 4:
        widths.append(32 << len(widths))
        side //= 2
    encoder: list[dict[str, Any]] = []
    previous = channels
    for w in widths:
        encoder += [{"type": "Conv2d", "in_channels": previous, "out_channels": w,
                     "kernel_size": 4, "stride": 2, "padding": 1}, {"type": "ReLU"}]
        previous = w
    encoder.append({"type": "Flatten"})
    decoder: list[dict[str, Any]] = [
        {"type": "Linear", "in_features": latent, "out_features": previous * 16},
        {"type": "ReLU"},
        {"type": "Unflatten", "shape": [previous, 4, 4]},
    ]
    outputs = list(reversed(widths))[1:] + [channels]
    for index, out in enumerate(outputs):
        decoder.append({"type": "ConvTranspose2d", "in_channels": previous, "out_channels": out,
                        "kernel_size": 4, "stride": 2, "padding": 1, "output_padding": 0})
        if index < len(outputs) - 1:
            decoder.append({"type": "ReLU"})
        previous = out
    if likelihood["kind"] == "gaussian":
        decoder.append({"type": "Sigmoid"})
    return {"name": f"conv{size}", "channels": channels, "height": size, "width": size,
            "latent_dim": latent, "likelihood": likelihood, "logvar_clamp": [-30.0, 20.0],
            "encoder": encoder, "decoder": decoder}


def mlp_config(width: int = 20, height: int = 28, channels: int = 1, hidden: int = 200,
               latent: int = 20, likelihood: dict[str, Any] | None = None) -> Config:
    """Kingma and Welling's fully connected model, as ``VAEConfig.mlp`` builds it."""
    likelihood = likelihood or {"kind": "bernoulli"}
    pixels = width * height * channels
    decoder: list[dict[str, Any]] = [
        {"type": "Linear", "in_features": latent, "out_features": hidden},
        {"type": "Tanh"},
        {"type": "Linear", "in_features": hidden, "out_features": pixels},
    ]
    if likelihood["kind"] == "gaussian":
        decoder.append({"type": "Sigmoid"})
    decoder.append({"type": "Unflatten", "shape": [channels, height, width]})
    return {"name": "mlp", "channels": channels, "height": height, "width": width,
            "latent_dim": latent, "likelihood": likelihood, "logvar_clamp": [-30.0, 20.0],
            "encoder": [{"type": "Flatten"},
                        {"type": "Linear", "in_features": pixels, "out_features": hidden},
                        {"type": "Tanh"}],
            "decoder": decoder}


FORMAT_1_LAYERS = frozenset({"Linear", "Conv2d", "ConvTranspose2d", "ReLU", "LeakyReLU", "Tanh",
                             "Sigmoid", "Flatten", "Unflatten"})
"""The layer types a format-1 file may hold; any other needs format 2."""

STATEFUL_LAYERS = frozenset({"Linear", "Conv2d", "ConvTranspose2d", "BatchNorm1d", "BatchNorm2d"})
"""The layer types with weights or buffers in the state_dict."""


def _pair(value: Any) -> int | tuple[int, int]:
    """A config pair (an int or ``[h, w]``) as PyTorch's constructors take it."""
    return tuple(int(v) for v in value) if isinstance(value, (list, tuple)) else int(value)


def _is_one(value: Any) -> bool:
    return all(int(v) == 1 for v in value) if isinstance(value, (list, tuple)) else int(value) == 1


def build_layer(spec: dict[str, Any]) -> nn.Module:
    """One ``nn.Module`` from a layer of the config (PyTorch's names and arguments).

    A ``Residual`` becomes a ``ResidualBlock`` whose body and shortcut layers
    are built here too (register them with ``LatentVAE``, which names them).
    """
    kind = spec["type"]
    if kind in ("Conv2d", "ConvTranspose2d"):
        for option in ("dilation", "groups"):
            if option in spec and not _is_one(spec[option]):
                raise ValueError(f"{kind} with {option} {spec[option]} is not supported (only 1)")
    if kind == "Linear":
        return nn.Linear(spec["in_features"], spec["out_features"], bias=spec.get("bias", True))
    if kind == "Conv2d":
        return nn.Conv2d(spec["in_channels"], spec["out_channels"], _pair(spec["kernel_size"]),
                         stride=_pair(spec.get("stride", 1)), padding=_pair(spec.get("padding", 0)),
                         bias=spec.get("bias", True))
    if kind == "ConvTranspose2d":
        return nn.ConvTranspose2d(spec["in_channels"], spec["out_channels"], _pair(spec["kernel_size"]),
                                  stride=_pair(spec.get("stride", 1)), padding=_pair(spec.get("padding", 0)),
                                  output_padding=_pair(spec.get("output_padding", 0)),
                                  bias=spec.get("bias", True))
    if kind in ("BatchNorm1d", "BatchNorm2d"):
        norm = nn.BatchNorm1d if kind == "BatchNorm1d" else nn.BatchNorm2d
        return norm(spec["num_features"], eps=spec.get("eps", 1e-5), momentum=spec.get("momentum", 0.1),
                    affine=spec.get("affine", True))
    if kind == "Upsample":
        scale = spec["scale_factor"]
        scale = tuple(float(v) for v in scale) if isinstance(scale, (list, tuple)) else float(scale)
        mode = spec.get("mode", "nearest")
        if mode not in ("nearest", "bilinear"):
            raise ValueError(f"Upsample mode '{mode}' is not supported (nearest or bilinear)")
        return nn.Upsample(scale_factor=scale, mode=mode,
                           align_corners=False if mode == "bilinear" else None)
    if kind == "Dropout":
        return nn.Dropout(spec.get("p", 0.5))
    if kind == "ReLU":
        return nn.ReLU()
    if kind == "LeakyReLU":
        return nn.LeakyReLU(spec.get("negative_slope", 0.01))
    if kind == "Tanh":
        return nn.Tanh()
    if kind == "Sigmoid":
        return nn.Sigmoid()
    if kind == "ELU":
        return nn.ELU(spec.get("alpha", 1.0))
    if kind == "GELU":
        return nn.GELU(approximate=spec.get("approximate", "none"))
    if kind == "SiLU":
        return nn.SiLU()
    if kind == "Softplus":
        return nn.Softplus(beta=spec.get("beta", 1.0), threshold=spec.get("threshold", 20.0))
    if kind == "Identity":
        return nn.Identity()
    if kind == "Flatten":
        return nn.Flatten()
    if kind == "Unflatten":
        return nn.Unflatten(1, tuple(spec["shape"]))
    if kind == "Residual":
        return ResidualBlock([build_layer(s) for s in spec.get("body", [])],
                             [build_layer(s) for s in spec.get("shortcut", [])])
    raise ValueError(f"unknown layer type '{kind}'")


class ResidualBlock(nn.Module):
    """y = body(x) + shortcut(x); an empty shortcut is the identity.

    The layers are held in plain lists: ``LatentVAE`` registers them under
    their state_dict names, so this block adds no names of its own.
    """

    def __init__(self, body: list[nn.Module], shortcut: list[nn.Module]) -> None:
        super().__init__()
        self.body_layers = body
        self.shortcut_layers = shortcut

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return run_layers(self.body_layers, x) + run_layers(self.shortcut_layers, x)


def run_layers(layers: list[nn.Module], x: torch.Tensor) -> torch.Tensor:
    """Applies ``layers`` in order (an empty list is the identity)."""
    for layer in layers:
        x = layer(x)
    return x


def uses_format_2(config: Config) -> bool:
    """Whether ``config`` needs ``latent.format`` "2" (anything format 1 cannot say)."""
    if any(key in config for key in ("mu", "logvar", "input_normalize", "output_range")):
        return True

    def new(spec: dict[str, Any]) -> bool:
        if spec["type"] not in FORMAT_1_LAYERS or "name" in spec or spec.get("bias", True) is False:
            return True
        pairs = ("kernel_size", "stride", "padding", "output_padding", "dilation", "groups")
        return any(isinstance(spec.get(key), (list, tuple)) for key in pairs)

    return any(new(s) for s in config["encoder"] + config["decoder"])


# ---------------------------------------------------------------- the model


class LatentVAE(nn.Module):
    """encoder -> (mu, logvar heads) -> z = mu + sigma * eps -> decoder.

    ``encode`` takes images ``[N, C, H, W]`` float32 in [0, 1] and applies the
    config's ``input_normalize`` first; ``decode`` gives images in [0, 1]
    (``decode_raw``: the decoder's own output, logits for a Bernoulli
    likelihood, values on the ``output_range`` scale for a Gaussian one).

    Every layer with weights or buffers is registered under its config
    ``name`` (its state_dict prefix, e.g. ``encoder.0.1`` or ``fc_var``), or
    by position (``encoder.i``, ``decoder.i``; heads ``fc_mu`` and
    ``fc_logvar``) when it has none, so ``state_dict()`` has the names of the
    file, which are the names of the PyTorch class it was exported from.
    """

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.latent_dim = int(config["latent_dim"])
        self.image_shape = (int(config["channels"]), int(config["height"]), int(config["width"]))
        low, high = config.get("logvar_clamp", [-30.0, 20.0])
        self.logvar_range = (float(low), float(high))
        self.likelihood = config.get("likelihood", {"kind": "bernoulli"})
        low, high = config.get("output_range", [0.0, 1.0])
        self.output_range = (float(low), float(high))
        if not self.output_range[1] > self.output_range[0]:
            raise ValueError(f"output_range {list(self.output_range)} must rise")
        normalize = config.get("input_normalize")
        channels = self.image_shape[0]
        mean = torch.tensor(normalize["mean"] if normalize else [0.0] * channels, dtype=torch.float32)
        std = torch.tensor(normalize["std"] if normalize else [1.0] * channels, dtype=torch.float32)
        if mean.numel() != channels or std.numel() != channels or bool((std <= 0).any()):
            raise ValueError(f"input_normalize needs {channels} means and {channels} positive stds")
        self.register_buffer("input_mean", mean.reshape(1, channels, 1, 1), persistent=False)
        self.register_buffer("input_std", std.reshape(1, channels, 1, 1), persistent=False)
        self.normalizes_input = normalize is not None
        # Layers without state live here, so that train()/eval()/to() reach them
        # (Dropout, ResidualBlock) without adding state_dict names.
        self.stateless_layers = nn.ModuleList()
        self._names: set[str] = set()
        self.encoder_layers = self._build(config["encoder"], "encoder")
        with torch.no_grad():
            features = run_layers(self.encoder_layers, torch.zeros(2, *self.image_shape))
        if "mu" in config or "logvar" in config:
            self.mu_layers = self._build(config.get("mu", []), "mu")
            self.logvar_layers = self._build(config.get("logvar", []), "logvar")
        else:
            count = features.shape[1:].numel()
            self.mu_layers = self._build([{"type": "Linear", "name": "fc_mu", "in_features": count,
                                           "out_features": self.latent_dim}], "mu")
            self.logvar_layers = self._build([{"type": "Linear", "name": "fc_logvar", "in_features": count,
                                               "out_features": self.latent_dim}], "logvar")
        with torch.no_grad():
            for head, layers in (("mu", self.mu_layers), ("logvar", self.logvar_layers)):
                shape = tuple(run_layers(layers, features).shape[1:])
                if shape != (self.latent_dim,):
                    raise ValueError(f"the {head} head gives {list(shape)} per image, not [{self.latent_dim}]")
        self.decoder_layers = self._build(config["decoder"], "decoder")
        with torch.no_grad():
            out = run_layers(self.decoder_layers, torch.zeros(2, self.latent_dim)).shape[1:]
        if out.numel() != math.prod(self.image_shape):
            raise ValueError(f"decoder gives {tuple(out)} per sample, the images are {self.image_shape}")
        if self.likelihood["kind"] == "gaussian" and self.likelihood.get("learned", False):
            sigma = float(self.likelihood.get("sigma", 0.1))
            self.log_sigma = nn.Parameter(torch.full((1,), math.log(sigma)))
        else:
            self.log_sigma = None
        self.train()  # the layers were probed in evaluation mode; a new module trains, as in PyTorch

    def _build(self, specs: list[dict[str, Any]], prefix: str) -> list[nn.Module]:
        """The layers of one list, each registered under its name (or position)."""
        layers = []
        for index, spec in enumerate(specs):
            layer = build_layer(spec).eval()  # probing shapes must not move BatchNorm statistics
            self._register(layer, spec, f"{prefix}.{index}")
            layers.append(layer)
        return layers

    def _register(self, layer: nn.Module, spec: dict[str, Any], position: str) -> None:
        if isinstance(layer, ResidualBlock):
            for part in ("body", "shortcut"):
                for index, (inner, inner_spec) in enumerate(zip(getattr(layer, f"{part}_layers"),
                                                                spec.get(part, []))):
                    self._register(inner, inner_spec, f"{position}.{part}.{index}")
        if spec["type"] not in STATEFUL_LAYERS:
            self.stateless_layers.append(layer)
            return
        name = spec.get("name", position)
        if name in self._names:
            raise ValueError(f"two layers are named '{name}'")
        self._names.add(name)
        parent: nn.Module = self
        *path, leaf = name.split(".")
        for part in path:
            child = parent._modules.get(part)
            if child is None:
                child = nn.Module()
                parent.add_module(part, child)
            elif type(child) is not nn.Module:
                raise ValueError(f"layer name '{name}' is inside layer '{part}'")
            parent = child
        if leaf in parent._modules or leaf in ("input_mean", "input_std", "log_sigma", "stateless_layers"):
            raise ValueError(f"layer name '{name}' is taken")
        parent.add_module(leaf, layer)

    def normalize(self, images: torch.Tensor) -> torch.Tensor:
        """Images in [0, 1] mapped as the config's ``input_normalize`` says (the encoder's input)."""
        return (images - self.input_mean) / self.input_std if self.normalizes_input else images

    def encode(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Posterior means and (unclamped) log-variances, ``[N, D]`` each, of images in [0, 1]."""
        h = run_layers(self.encoder_layers, self.normalize(images))
        return run_layers(self.mu_layers, h), run_layers(self.logvar_layers, h)

    def decode_raw(self, codes: torch.Tensor) -> torch.Tensor:
        """The decoder's output ``[N, C, H, W]``: logits (Bernoulli) or values on ``output_range``."""
        return run_layers(self.decoder_layers, codes).reshape(-1, *self.image_shape)

    def decode(self, codes: torch.Tensor) -> torch.Tensor:
        """Images in [0, 1] from codes ``[N, D]`` (sigmoid of the logits for Bernoulli)."""
        out = self.decode_raw(codes)
        if self.likelihood["kind"] == "bernoulli":
            return torch.sigmoid(out)
        low, high = self.output_range
        if (low, high) != (0.0, 1.0):
            out = (out - low) / (high - low)
        return out.clamp(0.0, 1.0)

    def targets(self, images: torch.Tensor) -> torch.Tensor:
        """Images in [0, 1] on the decoder's output scale (``output_range``), for the Gaussian loss."""
        low, high = self.output_range
        return images if (low, high) == (0.0, 1.0) else low + images * (high - low)

    def current_log_sigma(self) -> torch.Tensor:
        """log sigma of the Gaussian likelihood (learned or fixed), on the output scale."""
        if self.log_sigma is not None:
            return self.log_sigma
        return torch.tensor(math.log(float(self.likelihood.get("sigma", 0.1))))

    def losses(self, images: torch.Tensor, noise: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Per-image reconstruction (-log p(x|z)) and KL terms, ``[N]`` each, in nats.

        ``images`` are in [0, 1]; ``noise`` is the standard normal eps of
        z = mu + exp(logvar / 2) * eps, with logvar clamped to ``logvar_clamp``
        first (as the Swift side does). The Gaussian likelihood compares the
        decoder's output with the images mapped to ``output_range``.
        """
        mu, logvar = self.encode(images)
        logvar = torch.clamp(logvar, *self.logvar_range)
        z = mu + torch.exp(0.5 * logvar) * noise
        out = self.decode_raw(z)
        if self.likelihood["kind"] == "bernoulli":
            recon = F.binary_cross_entropy_with_logits(out, images, reduction="none")
        else:
            log_sigma = self.current_log_sigma()
            recon = (0.5 * ((out - self.targets(images)) * torch.exp(-log_sigma)) ** 2
                     + log_sigma + 0.5 * math.log(2 * math.pi))
        recon = recon.flatten(1).sum(1)
        kl = (-0.5 * (1 + logvar - mu * mu - torch.exp(logvar))).sum(1)
        return recon, kl

    def forward(self, images: torch.Tensor, noise: torch.Tensor,
                beta: float = 1.0) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """The training objective mean(recon + beta * KL) and the two terms per image."""
        recon, kl = self.losses(images, noise)
        return (recon + beta * kl).mean(), recon, kl


# ---------------------------------------------------------------- the file


def load_model(path: str, map_location: str = "cpu") -> tuple[LatentVAE, dict[str, Any]]:
    """Reads a latent model file; returns the model and everything else it holds.

    The extras are ``training`` (the decoded ``latent.training`` record or
    None), ``kl_per_dim``, ``codes``, ``labels`` (tensors or None) and
    ``attributes`` and ``directions`` (name -> tensor; ``directions`` holds each bank
    ``NAME`` ``[K, D]`` and its ``NAME.scale`` / ``NAME.eigenvalue`` ``[K]``).
    """
    with safe_open(path, framework="pt", device=map_location) as f:
        metadata = f.metadata() or {}
        tensors = {name: f.get_tensor(name) for name in f.keys()}
    if metadata.get("latent.format") not in FORMAT_VERSIONS:
        raise ValueError(f"{path}: not a latent model of format {' or '.join(FORMAT_VERSIONS)}")
    model = LatentVAE(json.loads(metadata["latent.config"]))
    # optimizer.adam.m.NAME / optimizer.adam.v.NAME: the Swift trainer's Adam moments
    # (checkpoints); not weights, so load_state_dict must not see them.
    # directions.NAME (and .scale, .eigenvalue): direction banks, not weights either.
    extra_prefixes = ("stats.", "codes.", "attributes.", "optimizer.", "directions.")
    weights = {k: v if k.endswith("num_batches_tracked") else v.float()
               for k, v in tensors.items() if not k.startswith(extra_prefixes)}
    model.load_state_dict(weights, strict=True)
    model.eval()
    training = metadata.get("latent.training")
    extras = {
        "training": json.loads(training) if training else None,
        "kl_per_dim": tensors.get("stats.kl_per_dim"),
        "codes": tensors.get("codes.mu"),
        "labels": tensors.get("codes.label"),
        "attributes": {k[len("attributes."):]: v for k, v in tensors.items()
                       if k.startswith("attributes.")},
        "directions": {k[len("directions."):]: v for k, v in tensors.items()
                       if k.startswith("directions.")},
    }
    return model.to(map_location), extras


def config_json(config: Config) -> str:
    """The config as compact JSON with sorted keys (as the Swift side writes it)."""
    return json.dumps(config, sort_keys=True, separators=(",", ":"))


def save_model(path: str, model: LatentVAE, training: dict[str, Any] | None = None,
               kl_per_dim: torch.Tensor | None = None, codes: torch.Tensor | None = None,
               labels: torch.Tensor | None = None,
               attributes: dict[str, torch.Tensor] | None = None) -> None:
    """Writes ``model`` (a ``LatentVAE``, not a DDP wrapper) as a latent model file.

    Atomic: the bytes go to a temporary file in the target's folder, which is
    synced and renamed over ``path``, so a reader never sees half a file.
    """
    tensors = state_tensors(model.state_dict())
    d = model.latent_dim
    if kl_per_dim is not None:
        tensors["stats.kl_per_dim"] = kl_per_dim.detach().to("cpu", torch.float32).reshape(d).contiguous()
    if codes is not None:
        codes = codes.detach().to("cpu", torch.float32).reshape(-1, d).contiguous()
        tensors["codes.mu"] = codes
        if labels is None:
            labels = torch.full((codes.shape[0],), -1)
        tensors["codes.label"] = labels.detach().to("cpu", torch.int64).reshape(codes.shape[0]).contiguous()
    for name, direction in (attributes or {}).items():
        tensors[f"attributes.{name}"] = direction.detach().to("cpu", torch.float32).reshape(d).contiguous()
    version = "2" if uses_format_2(model.config) else FORMAT_VERSION
    metadata = {"latent.format": version, "latent.config": config_json(model.config)}
    if training is not None:
        metadata["latent.training"] = json.dumps(training, sort_keys=True, separators=(",", ":"))
    write_atomically(path, safetensors_save(tensors, metadata=metadata))


def state_tensors(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """A state_dict as the file stores it: F32, and BatchNorm's ``num_batches_tracked`` as I64."""
    return {name: t.detach().to("cpu", torch.int64 if name.endswith("num_batches_tracked") else torch.float32)
            .contiguous() for name, t in state.items()}


def write_atomically(path: str, data: bytes) -> None:
    """Writes ``data`` to ``path`` through a synced temporary file and a rename."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.tmp-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@torch.no_grad()
def posterior_statistics(model: LatentVAE, batches: Any,
                         device: str | torch.device = "cpu") -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Per-dimension mean KL, posterior means ``[N, D]`` and labels ``[N]`` over ``batches``.

    ``batches`` yields ``(images, labels)`` pairs, e.g. a ``DataLoader`` without shuffling.
    """
    model.eval()
    kl_sum = torch.zeros(model.latent_dim, dtype=torch.float64)
    means, all_labels = [], []
    for images, labels in batches:
        mu, logvar = model.encode(images.to(device))
        kl = -0.5 * (1 + logvar - mu * mu - torch.exp(logvar))
        kl_sum += kl.double().sum(0).cpu()
        means.append(mu.cpu())
        all_labels.append(labels.cpu())
    codes = torch.cat(means)
    count = max(codes.shape[0], 1)
    return (kl_sum / count).float(), codes, torch.cat(all_labels).long()
