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
"""The ``latent.format`` this module writes and reads."""

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


def build_layer(spec: dict[str, Any]) -> nn.Module:
    """One ``nn.Module`` from a layer of the config (PyTorch's names and arguments)."""
    kind = spec["type"]
    if kind == "Linear":
        return nn.Linear(spec["in_features"], spec["out_features"])
    if kind == "Conv2d":
        return nn.Conv2d(spec["in_channels"], spec["out_channels"], spec["kernel_size"],
                         stride=spec.get("stride", 1), padding=spec.get("padding", 0))
    if kind == "ConvTranspose2d":
        return nn.ConvTranspose2d(spec["in_channels"], spec["out_channels"], spec["kernel_size"],
                                  stride=spec.get("stride", 1), padding=spec.get("padding", 0),
                                  output_padding=spec.get("output_padding", 0))
    if kind == "ReLU":
        return nn.ReLU()
    if kind == "LeakyReLU":
        return nn.LeakyReLU(spec.get("negative_slope", 0.01))
    if kind == "Tanh":
        return nn.Tanh()
    if kind == "Sigmoid":
        return nn.Sigmoid()
    if kind == "Flatten":
        return nn.Flatten()
    if kind == "Unflatten":
        return nn.Unflatten(1, tuple(spec["shape"]))
    raise ValueError(f"unknown layer type '{kind}'")


# ---------------------------------------------------------------- the model


class LatentVAE(nn.Module):
    """encoder -> (fc_mu, fc_logvar) -> z = mu + sigma * eps -> decoder.

    Images are ``[N, C, H, W]`` float32 in [0, 1]. The decoder outputs logits
    for a Bernoulli likelihood and means for a Gaussian one.
    """

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.latent_dim = int(config["latent_dim"])
        self.image_shape = (int(config["channels"]), int(config["height"]), int(config["width"]))
        low, high = config.get("logvar_clamp", [-30.0, 20.0])
        self.logvar_range = (float(low), float(high))
        self.likelihood = config.get("likelihood", {"kind": "bernoulli"})
        self.encoder = nn.Sequential(*[build_layer(s) for s in config["encoder"]])
        with torch.no_grad():
            features = self.encoder(torch.zeros(1, *self.image_shape)).shape[1:].numel()
        self.fc_mu = nn.Linear(features, self.latent_dim)
        self.fc_logvar = nn.Linear(features, self.latent_dim)
        self.decoder = nn.Sequential(*[build_layer(s) for s in config["decoder"]])
        with torch.no_grad():
            out = self.decoder(torch.zeros(1, self.latent_dim)).shape[1:]
        if out.numel() != math.prod(self.image_shape):
            raise ValueError(f"decoder gives {tuple(out)} per sample, the images are {self.image_shape}")
        if self.likelihood["kind"] == "gaussian" and self.likelihood.get("learned", False):
            sigma = float(self.likelihood.get("sigma", 0.1))
            self.log_sigma = nn.Parameter(torch.full((1,), math.log(sigma)))
        else:
            self.log_sigma = None

    def encode(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Posterior means and (unclamped) log-variances, ``[N, D]`` each."""
        h = self.encoder(images)
        return self.fc_mu(h), self.fc_logvar(h)

    def decode(self, codes: torch.Tensor) -> torch.Tensor:
        """Images in [0, 1] from codes ``[N, D]`` (sigmoid of the logits for Bernoulli)."""
        out = self.decoder(codes).reshape(-1, *self.image_shape)
        return torch.sigmoid(out) if self.likelihood["kind"] == "bernoulli" else out

    def current_log_sigma(self) -> torch.Tensor:
        """log sigma of the Gaussian likelihood (learned or fixed)."""
        if self.log_sigma is not None:
            return self.log_sigma
        return torch.tensor(math.log(float(self.likelihood.get("sigma", 0.1))))

    def losses(self, images: torch.Tensor, noise: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Per-image reconstruction (-log p(x|z)) and KL terms, ``[N]`` each, in nats.

        ``noise`` is the standard normal eps of z = mu + exp(logvar / 2) * eps,
        with logvar clamped to ``logvar_clamp`` first (as the Swift side does).
        """
        mu, logvar = self.encode(images)
        logvar = torch.clamp(logvar, *self.logvar_range)
        z = mu + torch.exp(0.5 * logvar) * noise
        out = self.decoder(z).reshape_as(images)
        if self.likelihood["kind"] == "bernoulli":
            recon = F.binary_cross_entropy_with_logits(out, images, reduction="none")
        else:
            log_sigma = self.current_log_sigma()
            recon = (0.5 * ((out - images) * torch.exp(-log_sigma)) ** 2
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
    ``attributes`` (name -> tensor).
    """
    with safe_open(path, framework="pt", device=map_location) as f:
        metadata = f.metadata() or {}
        tensors = {name: f.get_tensor(name) for name in f.keys()}
    if metadata.get("latent.format") != FORMAT_VERSION:
        raise ValueError(f"{path}: not a latent model of format {FORMAT_VERSION}")
    model = LatentVAE(json.loads(metadata["latent.config"]))
    # optimizer.adam.m.NAME / optimizer.adam.v.NAME: the Swift trainer's Adam moments
    # (checkpoints); not weights, so load_state_dict must not see them.
    extra_prefixes = ("stats.", "codes.", "attributes.", "optimizer.")
    weights = {k: v.float() for k, v in tensors.items() if not k.startswith(extra_prefixes)}
    model.load_state_dict(weights, strict=True)
    training = metadata.get("latent.training")
    extras = {
        "training": json.loads(training) if training else None,
        "kl_per_dim": tensors.get("stats.kl_per_dim"),
        "codes": tensors.get("codes.mu"),
        "labels": tensors.get("codes.label"),
        "attributes": {k[len("attributes."):]: v for k, v in tensors.items()
                       if k.startswith("attributes.")},
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
    tensors = {name: t.detach().to("cpu", torch.float32).contiguous()
               for name, t in model.state_dict().items()}
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
    metadata = {"latent.format": FORMAT_VERSION, "latent.config": config_json(model.config)}
    if training is not None:
        metadata["latent.training"] = json.dumps(training, sort_keys=True, separators=(",", ":"))
    write_atomically(path, safetensors_save(tensors, metadata=metadata))


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
