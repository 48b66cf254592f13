"""Importing your own PyTorch VAE with ``export.py`` (``make test-pytorch``).

Reproduces two real VAEs as user files in a temporary folder, written from
reading their code: PyTorch-VAE's ``VanillaVAE`` (AntixK/PyTorch-VAE,
models/vanilla_vae.py: 64x64, latent 128, hidden 32...512, BatchNorm,
LeakyReLU, a Tanh output in [-1, 1]) and pythae's convolutional CelebA
encoder and decoder (clementchadebec/benchmark_VAE,
src/pythae/models/nn/benchmarks/celeba: ``embedding`` / ``log_var`` heads,
BatchNorm, a Sigmoid output). Each gets random weights and a few training
steps (so BatchNorm's statistics are not the defaults), is saved as a
checkpoint (.pt state_dict, Lightning .ckpt, .safetensors) and exported by
``export.py`` as a subprocess. Checked:

* the exported file loads back into the user's class (strict) with equal tensors;
* ``latent_vae``'s module built from the file equals the user's module
  (mu, logvar and decode within 1e-4);
* with the Swift binary (``$LATENT``; skipped when it is missing or reads no
  format 2 yet): ``latent encode`` equals the user's mu within 1e-4,
  ``latent parity decode`` equals the user's decode mapped to [0, 1] within
  1/255, and ``latent train --resume`` writes a file that loads back into
  the user's class (strict) with changed weights;
* the errors a PyTorch user meets: exit code and one line naming the problem.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from safetensors.torch import load_file, save_file

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import latent_vae  # noqa: E402

ROOT = HERE.parent.parent
LATENT = os.environ.get("LATENT", str(ROOT / ".build" / "release" / "latent"))
EXPORT = HERE / "export.py"
TOLERANCE = 1e-4
EXTRA_PREFIXES = ("stats.", "codes.", "attributes.", "optimizer.")

VANILLA_VAE = '''
import torch
from torch import nn


class VanillaVAE(nn.Module):
    """PyTorch-VAE's VanillaVAE: five stride-2 conv blocks to 2x2, heads fc_mu / fc_var."""

    def __init__(self, in_channels=3, latent_dim=128, hidden_dims=None):
        super().__init__()
        hidden = list(hidden_dims or [32, 64, 128, 256, 512])
        blocks, channels = [], in_channels
        for width in hidden:
            blocks.append(nn.Sequential(nn.Conv2d(channels, width, kernel_size=3, stride=2, padding=1),
                                        nn.BatchNorm2d(width), nn.LeakyReLU()))
            channels = width
        self.encoder = nn.Sequential(*blocks)
        self.fc_mu = nn.Linear(hidden[-1] * 4, latent_dim)
        self.fc_var = nn.Linear(hidden[-1] * 4, latent_dim)
        self.decoder_input = nn.Linear(latent_dim, hidden[-1] * 4)
        widths = hidden[::-1]
        self.decoder = nn.Sequential(*[
            nn.Sequential(nn.ConvTranspose2d(widths[i], widths[i + 1], kernel_size=3, stride=2,
                                             padding=1, output_padding=1),
                          nn.BatchNorm2d(widths[i + 1]), nn.LeakyReLU())
            for i in range(len(widths) - 1)])
        self.final_layer = nn.Sequential(
            nn.ConvTranspose2d(widths[-1], widths[-1], kernel_size=3, stride=2, padding=1, output_padding=1),
            nn.BatchNorm2d(widths[-1]), nn.LeakyReLU(),
            nn.Conv2d(widths[-1], 3, kernel_size=3, padding=1), nn.Tanh())
        self.last_width = hidden[-1]

    def encode(self, input):
        result = torch.flatten(self.encoder(input), start_dim=1)
        return [self.fc_mu(result), self.fc_var(result)]

    def decode(self, z):
        result = self.decoder_input(z).view(-1, self.last_width, 2, 2)
        return self.final_layer(self.decoder(result))
'''

PYTHAE_CELEBA = '''
import torch
from torch import nn


class EncoderConvCelebA(nn.Module):
    """pythae's convolutional CelebA encoder for VAEs: 4 conv blocks to 4x4, heads embedding / log_var."""

    def __init__(self, latent_dim):
        super().__init__()
        layers, previous = nn.ModuleList(), 3
        for width in (128, 256, 512, 1024):
            layers.append(nn.Sequential(nn.Conv2d(previous, width, 4, 2, padding=1),
                                        nn.BatchNorm2d(width), nn.ReLU()))
            previous = width
        self.layers = layers
        self.depth = len(layers)
        self.embedding = nn.Linear(1024 * 4 * 4, latent_dim)
        self.log_var = nn.Linear(1024 * 4 * 4, latent_dim)

    def forward(self, x):
        output = {}
        out = x
        for i in range(self.depth):
            out = self.layers[i](out)
            if i + 1 == self.depth:
                output["embedding"] = self.embedding(out.reshape(x.shape[0], -1))
                output["log_covariance"] = self.log_var(out.reshape(x.shape[0], -1))
        return output


class DecoderConvCelebA(nn.Module):
    """pythae's convolutional CelebA decoder: Linear to 1024x8x8, transposed convs, Sigmoid."""

    def __init__(self, latent_dim):
        super().__init__()
        layers = nn.ModuleList()
        layers.append(nn.Sequential(nn.Linear(latent_dim, 1024 * 8 * 8)))
        layers.append(nn.Sequential(nn.ConvTranspose2d(1024, 512, 5, 2, padding=2),
                                    nn.BatchNorm2d(512), nn.ReLU()))
        layers.append(nn.Sequential(nn.ConvTranspose2d(512, 256, 5, 2, padding=1, output_padding=0),
                                    nn.BatchNorm2d(256), nn.ReLU()))
        layers.append(nn.Sequential(nn.ConvTranspose2d(256, 128, 5, 2, padding=2, output_padding=1),
                                    nn.BatchNorm2d(128), nn.ReLU()))
        layers.append(nn.Sequential(nn.ConvTranspose2d(128, 3, 5, 1, padding=1), nn.Sigmoid()))
        self.layers = layers
        self.depth = len(layers)

    def forward(self, z):
        output = {}
        out = z
        for i in range(self.depth):
            out = self.layers[i](out)
            if i == 0:
                out = out.reshape(z.shape[0], 1024, 8, 8)
            if i + 1 == self.depth:
                output["reconstruction"] = out
        return output


class PythaeVAE(nn.Module):
    """pythae's VAE around those networks, with the encode/decode methods latent needs."""

    def __init__(self, latent_dim=64):
        super().__init__()
        self.encoder = EncoderConvCelebA(latent_dim)
        self.decoder = DecoderConvCelebA(latent_dim)

    def encode(self, x):
        out = self.encoder(x)
        return out["embedding"], out["log_covariance"]

    def decode(self, z):
        return self.decoder(z)["reconstruction"]
'''

BROKEN = '''
import torch
from torch import nn


class OneTensor(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 8))
        self.decoder = nn.Sequential(nn.Linear(4, 3 * 8 * 8), nn.Sigmoid())

    def encode(self, x):
        return torch.chunk(self.encoder(x), 2, dim=1)

    def decode(self, z):
        return self.decoder(z).view(-1, 3, 8, 8)


class Concatenates(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 16))
        self.mu = nn.Linear(16, 4)
        self.logvar = nn.Linear(16, 4)
        self.decoder = nn.Linear(8, 3 * 8 * 8)

    def encode(self, x):
        h = self.encoder(x)
        return self.mu(h), self.logvar(h)

    def decode(self, z):
        h = torch.cat([z, z], dim=1)  # CAT LINE
        return torch.sigmoid(self.decoder(h)).view(-1, 3, 8, 8)
'''

ZOO_VAE = '''
import torch
from torch import nn
from torch.nn import functional as F


class Block(nn.Module):
    """A ResNet basic block: x + f(x), with a 1x1 projection when the width changes."""

    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, (3, 1), padding=(1, 0))
        self.project = nn.Conv2d(cin, cout, 1, bias=False) if cin != cout else nn.Identity()

    def forward(self, x):
        return self.project(x) + self.conv2(F.silu(self.bn1(self.conv1(x))))


class ZooVAE(nn.Module):
    """Every other layer latent imports: rectangular kernels and strides, residual blocks with
    and without projection, GELU, ELU, SiLU, Softplus, Dropout, BatchNorm1d, nearest and
    bilinear upsampling (module and F.interpolate), Identity, a Sigmoid output."""

    def __init__(self, latent_dim=8):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, (3, 5), stride=2, padding=(1, 2)), nn.GELU())
        self.block1 = Block(8, 8)
        self.block2 = Block(8, 12)
        self.down = nn.Sequential(nn.Conv2d(12, 16, 4, 2, 1), nn.BatchNorm2d(16), nn.ELU(),
                                  nn.Dropout(0.1))
        self.mu = nn.Linear(16 * 8 * 8, latent_dim)
        self.logvar = nn.Sequential(nn.Linear(16 * 8 * 8, 32), nn.Softplus(beta=2),
                                    nn.Linear(32, latent_dim))
        self.fc = nn.Linear(latent_dim, 16 * 4 * 4)
        self.norm = nn.BatchNorm1d(16 * 4 * 4)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.conv = nn.Conv2d(16, 12, 3, padding=1)
        self.block3 = Block(12, 12)
        self.keep = nn.Identity()
        self.deconv = nn.ConvTranspose2d(12, 8, (4, 3), stride=(2, 1), padding=1)
        self.out = nn.ConvTranspose2d(8, 3, 4, 2, 1)

    def encode(self, x):
        h = self.down(self.block2(self.block1(self.stem(x))))
        h = h.flatten(1)
        return self.mu(h), self.logvar(h)

    def decode(self, z):
        h = F.silu(self.norm(self.fc(z))).view(-1, 16, 4, 4)
        h = self.block3(F.leaky_relu(self.conv(self.up(h)), 0.2))
        h = F.interpolate(self.keep(self.deconv(h)), scale_factor=(1, 2), mode="bilinear",
                          align_corners=False)
        return torch.sigmoid(self.out(h))
'''


# ---------------------------------------------------------------- helpers


def export(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Runs export.py; returns the finished process."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, str(EXPORT), *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=600)


def exported(*args: str | Path) -> None:
    done = export(*args)
    assert done.returncode == 0, done.stderr
    print(done.stdout.strip(), flush=True)


def user_class(folder: Path, file: str, name: str) -> type:
    """The class ``name`` of the user file ``folder/file`` (imported here as the user would)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(Path(file).stem, folder / file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[Path(file).stem] = module  # so that torch.save can pickle a whole module
    spec.loader.exec_module(module)
    return getattr(module, name)


def smooth_images(count: int, size: int, seed: int) -> torch.Tensor:
    """Face-like smooth colour images in [0, 1], ``[count, 3, size, size]``, on the 1/255 grid."""
    generator = torch.Generator().manual_seed(seed)
    coarse = torch.rand(count, 3, 4, 4, generator=generator)
    images = torch.nn.functional.interpolate(coarse, size=(size, size), mode="bilinear", align_corners=False)
    return (images * 255).round() / 255


def train_a_little(model: torch.nn.Module, images: torch.Tensor, low: float, steps: int) -> None:
    """A few Adam steps of the VAE loss on ``images`` (mapped to [low, 1]), then evaluation mode."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    targets = low + images * (1 - low)
    model.train()
    torch.manual_seed(3)
    for _ in range(steps):
        mu, logvar = model.encode(targets)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        recon = ((model.decode(z) - targets) ** 2).sum((1, 2, 3))
        kl = -0.5 * (1 + logvar - mu * mu - logvar.exp()).sum(1)
        optimizer.zero_grad()
        (recon + kl).mean().backward()
        optimizer.step()
    model.eval()


def one_line_error(done: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The error of a failed export, checked to be one line with the given exit code."""
    message = done.stderr.strip()
    assert done.returncode == code, f"exit {done.returncode}: {message}"
    assert message and "\n" not in message and "Traceback" not in message, message
    return message


def file_weights(path: Path) -> dict[str, torch.Tensor]:
    return {k: v for k, v in load_file(str(path)).items() if not k.startswith(EXTRA_PREFIXES)}


class Imported:
    """A user model, its export, and what it needs to be checked against latent."""

    def __init__(self, folder: Path, cls: type, kwargs: dict[str, Any], model: torch.nn.Module,
                 file: Path, low: float, size: int = 64) -> None:
        self.folder, self.cls, self.kwargs, self.model, self.file, self.low, self.size = \
            folder, cls, kwargs, model, file, low, size

    def fresh(self) -> torch.nn.Module:
        return self.cls(**self.kwargs)

    def user_input(self, images: torch.Tensor) -> torch.Tensor:
        """Images in [0, 1] as the user's training fed them (ToTensor, then Normalize if -1..1)."""
        return self.low + images * (1 - self.low)

    def user_images(self, codes: torch.Tensor) -> torch.Tensor:
        """The user's decode mapped to [0, 1], as latent shows it."""
        with torch.no_grad():
            return ((self.model.decode(codes) - self.low) / (1 - self.low)).clamp(0, 1)


# ---------------------------------------------------------------- the two models


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("import")
    (path / "vanilla_vae.py").write_text(VANILLA_VAE)
    (path / "pythae_celeba.py").write_text(PYTHAE_CELEBA)
    (path / "broken.py").write_text(BROKEN)
    (path / "zoo_vae.py").write_text(ZOO_VAE)
    yield path


@pytest.fixture(scope="module")
def vanilla(folder: Path) -> Imported:
    """VanillaVAE trained three steps, saved as a Lightning .ckpt and exported with [-1, 1] ranges."""
    torch.manual_seed(1)
    cls = user_class(folder, "vanilla_vae.py", "VanillaVAE")
    kwargs = {"in_channels": 3, "latent_dim": 128}
    model = cls(**kwargs)
    train_a_little(model, smooth_images(8, 64, 1), low=-1.0, steps=3)
    state = {f"model.{k}": v for k, v in model.state_dict().items()}
    checkpoint = folder / "vanilla.ckpt"
    torch.save({"epoch": 0, "global_step": 3, "pytorch-lightning_version": "2.4.0", "state_dict": state,
                "hyper_parameters": {"latent_dim": 128}}, checkpoint)
    out = folder / "vanilla.safetensors"
    exported("--class", folder / "vanilla_vae.py:VanillaVAE", "--kwargs", json.dumps(kwargs),
             "--checkpoint", checkpoint, "--size", "3x64x64", "--input-range", "-1,1",
             "--output-range", "-1,1", "--out", out)
    return Imported(folder, cls, kwargs, model, out, low=-1.0)


@pytest.fixture(scope="module")
def pythae(folder: Path) -> Imported:
    """pythae's CelebA VAE trained two steps, saved as safetensors, exported with ranges inferred."""
    torch.manual_seed(2)
    cls = user_class(folder, "pythae_celeba.py", "PythaeVAE")
    kwargs = {"latent_dim": 64}
    model = cls(**kwargs)
    train_a_little(model, smooth_images(4, 64, 2), low=0.0, steps=2)
    checkpoint = folder / "pythae.safetensors"
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(checkpoint))
    out = folder / "pythae-latent.safetensors"
    exported("--class", f"{folder / 'pythae_celeba.py'}:PythaeVAE", "--checkpoint", checkpoint,
             "--size", "3x64x64", "--out", out)
    return Imported(folder, cls, kwargs, model, out, low=0.0)


@pytest.fixture(scope="module")
def zoo(folder: Path) -> Imported:
    """Every other importable layer in one 32×32 model, trained three steps, saved as a plain .pt."""
    torch.manual_seed(4)
    cls = user_class(folder, "zoo_vae.py", "ZooVAE")
    model = cls()
    train_a_little(model, smooth_images(8, 32, 4), low=0.0, steps=3)
    checkpoint = folder / "zoo.pt"
    torch.save(model.state_dict(), checkpoint)
    out = folder / "zoo.safetensors"
    exported("--class", f"{folder / 'zoo_vae.py'}:ZooVAE", "--checkpoint", checkpoint,
             "--size", "3x32x32", "--out", out)
    return Imported(folder, cls, {}, model, out, low=0.0, size=32)


MODELS = ["vanilla", "pythae", "zoo"]


@pytest.fixture(params=MODELS)
def imported(request: pytest.FixtureRequest) -> Imported:
    return request.getfixturevalue(request.param)


def test_statistics_are_trained(imported: Imported) -> None:
    """The fixtures' BatchNorm statistics moved off their defaults (else the checks below are weak)."""
    state = imported.model.state_dict()
    means = [v for k, v in state.items() if k.endswith("running_mean")]
    assert means and all(v.abs().max() > 0 for v in means)
    assert all(int(v) > 0 for k, v in state.items() if k.endswith("num_batches_tracked"))


def test_file_loads_back_into_the_users_class(imported: Imported) -> None:
    weights = file_weights(imported.file)
    again = imported.fresh()
    again.load_state_dict(weights, strict=True)
    original = imported.model.state_dict()
    assert set(weights) == set(original)
    for name, tensor in again.state_dict().items():
        assert torch.equal(tensor, original[name]), name
    tracked = [k for k in weights if k.endswith("num_batches_tracked")]
    assert tracked and all(weights[k].dtype == torch.int64 and weights[k].shape == () for k in tracked)


def test_latent_module_equals_the_users(imported: Imported) -> None:
    latent, _ = latent_vae.load_model(str(imported.file))
    images = smooth_images(3, imported.size, 9)
    codes = torch.randn(3, latent.latent_dim, generator=torch.Generator().manual_seed(4))
    with torch.no_grad():
        mu, logvar = imported.model.encode(imported.user_input(images))
        their_mu, their_logvar = latent.encode(images)
        difference = max((mu - their_mu).abs().max().item(), (logvar - their_logvar).abs().max().item(),
                         (imported.user_images(codes) - latent.decode(codes)).abs().max().item())
    print(f"latent_vae against the user's module: {difference:.2g}")
    assert difference <= TOLERANCE


def test_vanilla_config_says_what_the_user_said(vanilla: Imported) -> None:
    config = latent_vae.load_model(str(vanilla.file))[0].config
    assert config["input_normalize"] == {"mean": [0.5] * 3, "std": [0.5] * 3}
    assert config["output_range"] == [-1.0, 1.0]
    assert config["likelihood"] == {"kind": "gaussian", "sigma": pytest.approx(0.2), "learned": False}
    assert [layer["name"] for layer in config["logvar"]] == ["fc_var"]
    assert config["decoder"][0]["name"] == "decoder_input"


# ---------------------------------------------------------------- against the Swift program


def latent(*args: str | Path) -> str:
    done = subprocess.run([LATENT, *map(str, args)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"latent {' '.join(map(str, args))} failed: {done.stderr.strip()}"
    return done.stdout


def require_format_2(file: Path) -> None:
    if not os.path.exists(LATENT):
        pytest.skip(f"{LATENT} is missing: run 'make build' first")
    done = subprocess.run([LATENT, "info", str(file)], capture_output=True, text=True, timeout=120)
    if done.returncode != 0 and "format" in done.stderr:
        pytest.skip(f"this latent build reads no format-2 files yet: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr


def write_pngs(folder: Path, images: torch.Tensor) -> list[Path]:
    from PIL import Image
    folder.mkdir(exist_ok=True)
    paths = []
    for index, image in enumerate(images):
        pixels = (image.permute(1, 2, 0) * 255).round().to(torch.uint8).numpy()
        path = folder / f"face{index}.png"
        Image.fromarray(pixels, "RGB").save(path)
        paths.append(path)
    return paths


def test_swift_encode_equals_mu(imported: Imported, tmp_path: Path) -> None:
    require_format_2(imported.file)
    images = smooth_images(3, imported.size, 11)
    paths = write_pngs(tmp_path / "faces", images)
    rows = json.loads(latent("encode", "--model", imported.file, *paths, "--json"))
    swift = torch.tensor([row["mu"] for row in rows])
    with torch.no_grad():
        mu, _ = imported.model.encode(imported.user_input(images))
    difference = (swift - mu).abs().max().item()
    print(f"latent encode against the user's mu: {difference:.2g}")
    assert difference <= TOLERANCE


def test_swift_decode_equals_the_users(imported: Imported, tmp_path: Path) -> None:
    require_format_2(imported.file)
    dimensions = latent_vae.load_model(str(imported.file))[0].latent_dim
    codes = torch.randn(4, dimensions, generator=torch.Generator().manual_seed(12))
    save_file({"codes": codes}, str(tmp_path / "codes.safetensors"))
    latent("parity", "decode", "--model", imported.file, "--codes", tmp_path / "codes.safetensors",
           "--out", tmp_path / "images.safetensors")
    swift = load_file(str(tmp_path / "images.safetensors"))["images"]
    difference = (swift - imported.user_images(codes)).abs().max().item()
    print(f"latent parity decode against the user's decode: {difference:.2g} (1/255 = {1 / 255:.2g})")
    assert difference <= 1 / 255


def test_swift_retrains_into_the_users_class(imported: Imported, tmp_path: Path) -> None:
    require_format_2(imported.file)
    write_pngs(tmp_path / "faces", smooth_images(6, imported.size, 13))
    out = tmp_path / "retrained.safetensors"
    latent("train", "--resume", imported.file, "--data", tmp_path / "faces", "--epochs", "1",
           "--batch", "4", "--validation", "0.2", "--out", out)
    weights = file_weights(out)
    again = imported.fresh()
    again.load_state_dict(weights, strict=True)
    before = imported.model.state_dict()
    moved = [k for k, v in weights.items() if v.is_floating_point() and not torch.equal(v, before[k])]
    assert len(moved) > len(weights) // 2, "retraining left most weights as they were"
    tracked = [k for k in weights if k.endswith("num_batches_tracked")]
    assert all(int(weights[k]) > int(before[k]) for k in tracked)



def test_swift_batch_statistics_equal_pytorchs(imported: Imported, tmp_path: Path) -> None:
    """One Swift training step over all images in one batch moves the encoder's BatchNorm
    running statistics exactly as PyTorch's train() forward does (batch mean, unbiased
    variance, momentum, num_batches_tracked): the encoder's statistics do not depend on the
    noise, and a batch's statistics not on its order."""
    require_format_2(imported.file)
    images = smooth_images(6, imported.size, 14)
    write_pngs(tmp_path / "faces", images)
    out = tmp_path / "one-step.safetensors"
    latent("train", "--resume", imported.file, "--data", tmp_path / "faces", "--epochs", "1",
           "--batch", "6", "--validation", "0", "--out", out)
    swift = file_weights(out)
    model = imported.fresh()
    model.load_state_dict(imported.model.state_dict())
    model.train()
    with torch.no_grad():
        model.encode(imported.user_input(images))
    state = model.state_dict()
    config = latent_vae.load_model(str(imported.file))[0].config
    encoder_norms = [layer["name"] for layer in _layers(config["encoder"])
                     if layer["type"].startswith("BatchNorm")]
    assert encoder_norms
    worst = 0.0
    for name in encoder_norms:
        for buffer in ("running_mean", "running_var"):
            key = f"{name}.{buffer}"
            worst = max(worst, ((swift[key] - state[key]).abs() / (1 + state[key].abs())).max().item())
        assert int(swift[f"{name}.num_batches_tracked"]) == int(state[f"{name}.num_batches_tracked"])
    print(f"encoder BatchNorm running statistics after one step, Swift against PyTorch: {worst:.2g}")
    assert worst <= TOLERANCE


def _layers(specs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every layer of a config list, residual blocks' inner layers included."""
    for layer in specs:
        yield layer
        if layer["type"] == "Residual":
            yield from _layers(layer["body"])
            yield from _layers(layer["shortcut"])

# ---------------------------------------------------------------- errors


@pytest.fixture(scope="module")
def small(folder: Path) -> dict[str, Any]:
    """A small VanillaVAE (8x8, latent 4) and its checkpoint, for the error cases."""
    torch.manual_seed(5)
    cls = user_class(folder, "vanilla_vae.py", "VanillaVAE")
    kwargs = {"latent_dim": 4, "hidden_dims": [8, 16]}
    model = cls(**kwargs)
    torch.save(model.state_dict(), folder / "small.pt")
    return {"cls": cls, "kwargs": kwargs, "model": model,
            "args": ["--class", f"{folder / 'vanilla_vae.py'}:VanillaVAE", "--kwargs", json.dumps(kwargs),
                     "--output-range", "-1,1", "--out", folder / "small.safetensors"]}


def export_small(small: dict[str, Any], checkpoint: Path, size: str = "3x8x8") -> subprocess.CompletedProcess[str]:
    return export(*small["args"], "--checkpoint", checkpoint, "--size", size)


def test_small_model_exports(small: dict[str, Any], folder: Path) -> None:
    """The baseline of the error cases: the unchanged checkpoint exports."""
    done = export_small(small, folder / "small.pt")
    assert done.returncode == 0, done.stderr


def test_missing_keys_are_listed(small: dict[str, Any], folder: Path) -> None:
    state = small["model"].state_dict()
    del state["fc_var.weight"], state["fc_var.bias"]
    torch.save(state, folder / "missing.pt")
    message = one_line_error(export_small(small, folder / "missing.pt"))
    assert "2 missing keys (fc_var.weight [4, 64]; fc_var.bias [4])" in message, message


def test_unexpected_keys_are_listed(small: dict[str, Any], folder: Path) -> None:
    state = small["model"].state_dict()
    state["classifier.weight"] = torch.zeros(2, 4)
    torch.save(state, folder / "unexpected.pt")
    message = one_line_error(export_small(small, folder / "unexpected.pt"))
    assert "1 unexpected key (classifier.weight [2, 4])" in message, message


def test_wrong_shapes_name_expected_and_found(small: dict[str, Any], folder: Path) -> None:
    other = small["cls"](latent_dim=6, hidden_dims=[8, 16])
    torch.save(other.state_dict(), folder / "latent6.pt")
    message = one_line_error(export_small(small, folder / "latent6.pt"))
    assert "fc_mu.weight: expected [4, 64], found [6, 64]" in message, message


def test_pickled_module_says_how_to_save_a_state_dict(small: dict[str, Any], folder: Path) -> None:
    torch.save(small["model"], folder / "whole.pt")
    message = one_line_error(export_small(small, folder / "whole.pt"))
    assert "pickled module" in message and "torch.save(model.state_dict(), PATH)" in message, message


def test_wrong_size_is_named(small: dict[str, Any], folder: Path) -> None:
    message = one_line_error(export_small(small, folder / "small.pt", size="3x16x16"))
    assert message.startswith("export.py: --size 3x16x16 does not fit VanillaVAE"), message


def test_one_tensor_encode_says_how_to_split(folder: Path) -> None:
    model = user_class(folder, "broken.py", "OneTensor")()
    torch.save(model.state_dict(), folder / "one.pt")
    message = one_line_error(export("--class", f"{folder / 'broken.py'}:OneTensor", "--checkpoint",
                                    folder / "one.pt", "--size", "3x8x8", "--out", folder / "one.safetensors"))
    assert "torch.chunk is not supported" in message and "return mu, logvar" in message, message


def test_unsupported_operation_names_file_and_line(folder: Path) -> None:
    model = user_class(folder, "broken.py", "Concatenates")()
    torch.save(model.state_dict(), folder / "cat.pt")
    line = next(i for i, text in enumerate(BROKEN.splitlines(), 1) if "CAT LINE" in text)
    message = one_line_error(export("--class", f"{folder / 'broken.py'}:Concatenates", "--checkpoint",
                                    folder / "cat.pt", "--size", "3x8x8", "--out", folder / "cat.safetensors"))
    assert message == f"export.py: broken.py:{line}: torch.cat is not supported", message
    assert not (folder / "cat.safetensors").exists()


def test_usage_error_exits_2(folder: Path) -> None:
    message = one_line_error(export("--class", "x.py:X", "--size", "3x8x8"), code=2)
    assert "--checkpoint" in message, message
