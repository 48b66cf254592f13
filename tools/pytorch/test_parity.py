"""Parity between the Swift program and the PyTorch module (``make test-pytorch``).

Drives the hidden ``latent parity`` command of the built binary
(``.build/release/latent``, or ``$LATENT``) and checks, for the conv64 and
mlp configs:

* the stock configs are the same JSON on both sides;
* a file written by Swift loads in PyTorch with ``strict=True``;
* the same weights decode the same codes to the same pixels (max abs
  difference <= 1e-4);
* one training step (same weights, images and noise) gives the same losses,
  gradients and Adam-updated weights (within 1e-4 relative);
* files written by ``latent_vae.save_model`` and by ``train.py`` load in Swift.

Run with ``python3 -m pytest -v tools/pytorch/test_parity.py`` (``-s`` prints
the differences) or as a plain script.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file, save_file

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import latent_vae  # noqa: E402

ROOT = HERE.parent.parent
LATENT = os.environ.get("LATENT", str(ROOT / ".build" / "release" / "latent"))
CONFIGS = {
    "conv64": (["--config", "conv64"], lambda: latent_vae.conv_config(64, 3, 32)),
    "mlp": (["--config", "mlp"], lambda: latent_vae.mlp_config()),
    # Gaussian with a learned sigma: the Sigmoid output layer and the 'log_sigma' parameter.
    "mlp-gaussian": (["--config", "mlp", "--likelihood", "gaussian-learned"],
                     lambda: latent_vae.mlp_config(likelihood=GAUSSIAN)),
}
GAUSSIAN = {"kind": "gaussian", "sigma": 0.1, "learned": True}
PIXEL_TOLERANCE = 1e-4
RELATIVE_TOLERANCE = 1e-4
CONDITIONED_GRADIENT = 1e-6


def latent(*args: str) -> str:
    """Runs the Swift binary; returns its standard output."""
    if not os.path.exists(LATENT):
        pytest.skip(f"{LATENT} is missing: run 'swift build -c release --product latent' first")
    done = subprocess.run([LATENT, *args], capture_output=True, text=True)
    assert done.returncode == 0, f"latent {' '.join(args)} failed: {done.stderr.strip()}"
    return done.stdout


def relative_difference(a: torch.Tensor, b: torch.Tensor) -> float:
    """max |a - b| / max |b|: the difference relative to the tensor's scale."""
    scale = b.abs().max().item()
    return (a - b).abs().max().item() / scale if scale > 0 else (a - b).abs().max().item()


def report(message: str) -> None:
    """Prints a measured difference (shown with ``pytest -s`` and in script runs)."""
    print(message, flush=True)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """A temporary folder shared by the tests of this module."""
    with tempfile.TemporaryDirectory(prefix="latent-parity-") as d:
        yield Path(d)


@pytest.mark.parametrize("name", CONFIGS)
def test_config_json_matches(name: str) -> None:
    args, make = CONFIGS[name]
    assert json.loads(latent("parity", "config", *args)) == make()


def swift_model(workdir: Path, name: str) -> tuple[Path, latent_vae.LatentVAE]:
    """A Swift-initialised model file, and the same weights loaded in PyTorch (strict)."""
    path = workdir / f"{name}.safetensors"
    latent("parity", "init", *CONFIGS[name][0], "--seed", "7", "--out", str(path))
    model, _ = latent_vae.load_model(str(path))
    return path, model


@pytest.mark.parametrize("name", CONFIGS)
def test_decode_gives_the_same_pixels(workdir: Path, name: str) -> None:
    path, model = swift_model(workdir, name)
    codes = torch.randn(16, model.latent_dim, generator=torch.Generator().manual_seed(1)) * 1.5
    codes_path, out_path = workdir / f"{name}-codes.safetensors", workdir / f"{name}-decoded.safetensors"
    save_file({"codes": codes}, str(codes_path))
    latent("parity", "decode", "--model", str(path), "--codes", str(codes_path), "--out", str(out_path))
    swift = load_file(str(out_path))["images"]
    with torch.no_grad():
        torch_images = model.decode(codes)
    assert swift.shape == torch_images.shape
    difference = (swift - torch_images).abs().max().item()
    report(f"{name}: decode max |swift - torch| = {difference:.3g}")
    assert difference <= PIXEL_TOLERANCE


@pytest.mark.parametrize("name", CONFIGS)
def test_one_training_step_matches(workdir: Path, name: str) -> None:
    """Same weights, images and noise: same losses, gradients and Adam-updated weights.

    Adam's first step is lr * g / (|g| + eps), about lr * sign(g). Where a
    gradient entry is as small as float rounding (|g| ~ 1e-9, e.g. conv
    weights whose contributions cancel), its sign, and so a whole lr-sized
    step, is decided by summation order: no two float32 implementations agree
    there. So the updated weights are compared (1) element by element where
    |g| >= CONDITIONED_GRADIENT (the rest must stay within one step, 2 * lr),
    and (2) in full against PyTorch's Adam applied to Swift's own gradients.
    """
    path, model = swift_model(workdir, name)
    generator = torch.Generator().manual_seed(2)
    images = torch.rand(8, *model.image_shape, generator=generator)
    noise = torch.randn(8, model.latent_dim, generator=generator)
    check_step(workdir, name, path, model, images, noise)


def check_step(workdir: Path, name: str, path: Path, model: latent_vae.LatentVAE,
               images: torch.Tensor, noise: torch.Tensor, lr: float = 1e-3, beta: float = 0.7) -> None:
    """Runs one step of Swift (on the file ``path``) and of PyTorch (on ``model``) and compares."""
    batch_path, out_path = workdir / f"{name}-batch.safetensors", workdir / f"{name}-step.safetensors"
    save_file({"images": images, "noise": noise}, str(batch_path))
    latent("parity", "step", "--model", str(path), "--batch", str(batch_path), "--out", str(out_path),
           "--lr", str(lr), "--beta", str(beta))
    swift = load_file(str(out_path))

    start = {k: p.detach().clone() for k, p in model.named_parameters()}
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    objective, recon, kl = model(images, noise, beta)
    optimizer.zero_grad()
    objective.backward()
    gradients = {k: p.grad.detach().clone() for k, p in model.named_parameters()}
    optimizer.step()
    updated = {k: p.detach() for k, p in model.named_parameters()}

    recon_difference = abs(swift["loss.recon"].item() - recon.mean().item()) / abs(recon.mean().item())
    kl_difference = abs(swift["loss.kl"].item() - kl.mean().item()) / max(abs(kl.mean().item()), 1e-12)
    grad_difference = max(relative_difference(swift[f"grad.{k}"], g) for k, g in gradients.items())
    weight_difference, ill_conditioned, total, ill_worst = 0.0, 0, 0, 0.0
    for k, w in updated.items():
        conditioned = gradients[k].abs() >= CONDITIONED_GRADIENT
        scale = w.abs().max().item()
        d = (swift[k] - w).abs()
        weight_difference = max(weight_difference, d[conditioned].max().item() / scale if conditioned.any() else 0.0)
        ill_conditioned += int((~conditioned).sum())
        total += w.numel()
        ill_worst = max(ill_worst, d[~conditioned].max().item() if (~conditioned).any() else 0.0)
    raw_difference = max(relative_difference(swift[k], w) for k, w in updated.items())

    # PyTorch's Adam on Swift's gradients, from the same start: checks the update rule alone.
    replay = [torch.nn.Parameter(start[k].clone()) for k in updated]
    for p, k in zip(replay, updated):
        p.grad = swift[f"grad.{k}"].clone()
    torch.optim.Adam(replay, lr=lr).step()
    adam_difference = max(relative_difference(swift[k], p.detach()) for p, k in zip(replay, updated))

    report(f"{name}: step recon {recon.mean().item():.6g} (rel diff {recon_difference:.3g}), "
           f"kl {kl.mean().item():.6g} (rel diff {kl_difference:.3g}), "
           f"gradients max rel diff {grad_difference:.3g}; updated weights: max rel diff "
           f"{weight_difference:.3g} where |g| >= {CONDITIONED_GRADIENT:g} "
           f"({ill_conditioned} of {total} entries below, worst abs diff there {ill_worst:.3g}; "
           f"all entries {raw_difference:.3g}), Adam on Swift's gradients {adam_difference:.3g}")
    assert recon_difference <= RELATIVE_TOLERANCE and kl_difference <= RELATIVE_TOLERANCE
    assert grad_difference <= RELATIVE_TOLERANCE
    assert weight_difference <= RELATIVE_TOLERANCE
    assert ill_worst <= 2 * lr * 1.0001
    assert adam_difference <= RELATIVE_TOLERANCE


@pytest.mark.parametrize("channels", [1, 3])
@pytest.mark.parametrize("fit", ["cover", "stretch"])
def test_folder_loading_matches(workdir: Path, channels: int, fit: str) -> None:
    """train.py's FaceFolder gives the Swift loader's labels, order and pixels."""
    import train
    from PIL import Image
    folder = workdir / "mixed"
    if not folder.exists():
        folder.mkdir()
        generator = torch.Generator().manual_seed(4)
        shapes = [(37, 53, "RGB"), (90, 64, "L"), (16, 12, "RGBA"), (64, 64, "RGB"), (21, 28, "LA")]
        for k, (w, h, mode) in enumerate(shapes):
            data = torch.randint(0, 256, (h, w, len(mode)), dtype=torch.uint8, generator=generator)
            Image.frombytes(mode, (w, h), bytes(data.flatten().tolist())).save(folder / f"{k % 3}_{k}.png")
        wide = torch.randint(0, 65536, (30, 25), dtype=torch.int32, generator=generator)
        little_endian = torch.stack([wide % 256, wide // 256], -1).to(torch.uint8)
        Image.frombytes("I;16", (25, 30), bytes(little_endian.flatten().tolist())).save(folder / "2_5.png")
    out = workdir / f"loaded-{channels}-{fit}.safetensors"
    latent("parity", "load", "--data", str(folder), "--width", "24", "--height", "32", "--channels",
           str(channels), "--out", str(out), *(["--stretch"] if fit == "stretch" else []))
    swift = load_file(str(out))
    faces = train.FaceFolder(str(folder), 24, 32, channels, fit)
    mine = torch.stack([faces[i][0] for i in range(len(faces))])
    assert faces.labels == swift["labels"].tolist()
    difference = (mine - swift["images"]).abs().max().item()
    report(f"loader {channels} channel(s), {fit}: max |swift - python| = {difference:.3g}")
    assert difference <= 1e-5


def test_swift_reads_a_file_written_here(workdir: Path) -> None:
    model = latent_vae.LatentVAE(latent_vae.conv_config(32, 1, 8))
    codes = torch.randn(5, 8)
    training = {"data": "made-up", "images": 5, "validation_images": 0,
                "settings": training_settings(epochs=1, batch=5, lr=1e-3, beta=1, warmup=0, seed=3,
                                              flip=False),
                "epochs": [{"epoch": 1, "train_elbo": -700.5, "val_elbo": None, "recon": 690.0,
                            "kl": 10.5, "images_per_s": 123.0, "seconds": 0.04}]}
    path = workdir / "from-torch.safetensors"
    latent_vae.save_model(str(path), model, training=training, kl_per_dim=torch.rand(8), codes=codes,
                          labels=torch.tensor([0, 1, 1, 0, 4]), attributes={"smile": torch.randn(8)})
    info = json.loads(latent("parity", "info", "--model", str(path)))
    assert info["name"] == "conv32" and info["stored_faces"] == 5 and info["labels"] == [0, 1, 1, 0, 4]
    assert info["attributes"] == ["smile"] and info["has_kl_per_dim"]
    assert info["epochs"] == [{"epoch": 1, "train_elbo": -700.5}]
    again, extras = latent_vae.load_model(str(path))
    assert torch.equal(extras["codes"], codes) and extras["training"] == training


def training_settings(**options: object) -> dict[str, object]:
    """The settings record train.py writes (imported lazily to keep the module list short)."""
    import train
    return train.settings_record(**options)


def test_train_py_file_loads_in_swift(workdir: Path) -> None:
    faces = workdir / "faces"
    latent("parity", "synthetic", "--out", str(faces), "-n", "40", "--size", "32", "--channels", "1")
    out = workdir / "trained.safetensors"
    done = subprocess.run([sys.executable, str(HERE / "train.py"), "--data", str(faces), "--out", str(out),
                           "--config", "conv64", "--size", "32", "--channels", "1", "--latent", "8",
                           "--epochs", "2", "--batch", "16"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    info = json.loads(latent("parity", "info", "--model", str(out)))
    report(f"train.py file read by Swift: {info['name']}, {info['stored_faces']} stored faces, "
           f"epochs {info['epochs']}")
    assert info["name"] == "conv32" and len(info["epochs"]) == 2
    assert info["stored_faces"] == info["images"] and set(info["labels"]) <= {0, 1}
    # `latent info` (where this build has it) describes the file too.
    if re.search(r"^\s+info\s", latent("--help"), re.MULTILINE):
        described = json.loads(latent("info", str(out), "--json"))
        report(f"latent info: {json.dumps(described)[:160]}...")
        assert described["config"]["name"] == "conv32"
    # And back: the Swift-checked file loads strictly in PyTorch, and its trained
    # weights decode its stored codes to the same pixels on both sides.
    model, extras = latent_vae.load_model(str(out))
    codes_path, decoded_path = workdir / "trained-codes.safetensors", workdir / "trained-decoded.safetensors"
    save_file({"codes": extras["codes"]}, str(codes_path))
    latent("parity", "decode", "--model", str(out), "--codes", str(codes_path), "--out", str(decoded_path))
    with torch.no_grad():
        difference = (load_file(str(decoded_path))["images"] - model.decode(extras["codes"])).abs().max().item()
    report(f"train.py model: decode of its stored codes, max |swift - torch| = {difference:.3g}")
    assert difference <= PIXEL_TOLERANCE
    # One step from the trained weights on the faces themselves (not at initialisation).
    loaded = workdir / "faces.safetensors"
    latent("parity", "load", "--data", str(faces), "--width", "32", "--height", "32", "--channels", "1",
           "--out", str(loaded))
    images = load_file(str(loaded))["images"][:16]
    noise = torch.randn(16, model.latent_dim, generator=torch.Generator().manual_seed(5))
    check_step(workdir, "trained conv32", out, model, images, noise)


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-v", "-s"]))
