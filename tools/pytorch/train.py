"""Train a latent VAE in PyTorch: CPU, one GPU, or many GPUs through torchrun (DDP).

    python3 train.py --data faces/ --out faces.safetensors --epochs 20
    torchrun --nproc_per_node 4 train.py --data faces/ --out faces.safetensors --epochs 20

The result is a latent model file: open it with ``latent explore --model
faces.safetensors``. Images are read and labelled as the Swift loader does
(see ``FaceFolder``); per-epoch ELBO is reported in nats per image, as
``latent train`` does (ELBO = -(recon + KL), higher is better).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import torch
import torch.distributed as dist
from PIL import Image
from torch.utils.data import DataLoader, Dataset, DistributedSampler, Subset

sys.path.insert(0, str(Path(__file__).resolve().parent))
import latent_vae  # noqa: E402

IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg"}
LABELLED_NAME = re.compile(r"^([+-]?\d+)_")


# ---------------------------------------------------------------- images


def axis_weights(source: int, scaled: int, offset: int, count: int) -> torch.Tensor:
    """``[count, source]`` resampling weights for one axis, as the Swift ``AxisResampler``.

    The axis is scaled from ``source`` to ``scaled`` pixels and outputs
    ``offset ..< offset + count`` are kept (a centre crop). Shrinking averages
    the covered area (partly covered pixels weighted by the part covered);
    growing interpolates bilinearly between pixel centres (align_corners =
    False, clamped at the edges); equal lengths copy.
    """
    weights = torch.zeros(count, source, dtype=torch.float64)
    scale = source / scaled
    for row, position in enumerate(range(offset, offset + count)):
        if scaled == source:
            weights[row, position] = 1
        elif scaled < source:
            low, high = position * scale, min((position + 1) * scale, source)
            first, end = math.floor(low), min(math.ceil(high), source)
            for s in range(first, max(end, first + 1)):
                weights[row, s] = max(min(high, s + 1) - max(low, s), 0)
            weights[row] /= weights[row].sum()
        elif source == 1:
            weights[row, 0] = 1
        else:
            centre = min(max((position + 0.5) * scale - 0.5, 0), source - 1)
            first = min(math.floor(centre), source - 2)
            fraction = centre - first
            weights[row, first] += 1 - fraction
            weights[row, first + 1] += fraction
    return weights.float()


def read_pixels(path: str) -> torch.Tensor:
    """An image file as ``[C, H, W]`` float values 0...255, C = 1 for gray files, else 3.

    Transparency is composited over white as round((v * a + 255 * (255 - a)) / 255);
    16-bit gray becomes round(v / 257). (Pillow reads 16-bit RGB files as 8-bit
    itself, by truncation, so those may differ from the Swift loader by one level.)
    """
    with Image.open(path) as image:
        image.load()
        if image.mode.startswith("I"):
            # 16-bit gray: round(v / 257), as latent's PNG reader does.
            wide = torch.frombuffer(bytearray(image.convert("I").tobytes()), dtype=torch.int32)
            wide = torch.floor(wide.double().clamp(0, 65535) / 257 + 0.5)
            return wide.float().reshape(1, image.height, image.width)
        if image.mode == "P":
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        if image.mode not in ("L", "LA", "RGB", "RGBA"):
            image = image.convert("RGB")
        bands = len(image.mode)
        data = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
        pixels = data.reshape(image.height, image.width, bands).permute(2, 0, 1).float()
    if image.mode in ("LA", "RGBA"):
        colour, alpha = pixels[:-1], pixels[-1:]
        pixels = torch.floor((colour * alpha + 255 * (255 - alpha)) / 255 + 0.5)
    return pixels


def preprocess(pixels: torch.Tensor, width: int, height: int, channels: int,
               fit: str = "cover") -> torch.Tensor:
    """Model input ``[channels, height, width]`` in [0, 1], as the Swift ``Preprocessing``.

    ``cover`` scales by one factor so the image covers the target (the longer
    side rounded), then crops the centre; ``stretch`` scales each axis to the
    target. Gray -> RGB repeats; RGB -> gray is the BT.601 luma
    0.299 R + 0.587 G + 0.114 B. Values are pixel / 255, no normalisation.
    """
    _, source_height, source_width = pixels.shape
    if fit == "stretch":
        scaled_width, scaled_height = width, height
    else:
        scale = max(width / source_width, height / source_height)
        scaled_width = max(width, round_half_away(source_width * scale))
        scaled_height = max(height, round_half_away(source_height * scale))
    columns = axis_weights(source_width, scaled_width, (scaled_width - width) // 2, width)
    rows = axis_weights(source_height, scaled_height, (scaled_height - height) // 2, height)
    resized = rows @ pixels @ columns.T
    if resized.shape[0] == 1 and channels == 3:
        resized = resized.expand(3, -1, -1)
    elif resized.shape[0] == 3 and channels == 1:
        luma = 0.299 * resized[0] + 0.587 * resized[1] + 0.114 * resized[2]
        return (luma / 255).clamp(0, 1).unsqueeze(0).contiguous()
    return (resized / 255).contiguous()


def round_half_away(value: float) -> int:
    """Rounds half away from zero, as Swift's ``rounded()`` (Python's round is half-even)."""
    return int(math.floor(value + 0.5)) if value >= 0 else -int(math.floor(-value + 0.5))


class FaceFolder(Dataset):
    """The images under a folder, labelled as the Swift loader labels them.

    Files: ``.png``, ``.jpg``, ``.jpeg`` (any case), searched recursively,
    hidden files and folders skipped, in sorted path order. Labels: when every
    file is named ``<label>_<index>.<ext>``, the integer before the first
    ``_``; otherwise, when every file sits in a sub-folder, one class per
    first-level sub-folder in sorted order (as torchvision's ``ImageFolder``);
    otherwise -1. Items are ``(image [C, H, W] in [0, 1], label)``, decoded on
    demand (so ``DataLoader`` workers share the work and memory stays small).
    """

    def __init__(self, folder: str, width: int, height: int, channels: int, fit: str = "cover") -> None:
        root = Path(folder)
        if not root.is_dir():
            raise SystemExit(f"{folder}: not a folder")
        self.paths = sorted(
            str(p) for p in root.rglob("*")
            if p.suffix.lower() in IMAGE_EXTENSIONS and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(root).parts))
        if not self.paths:
            raise SystemExit(f"{folder}: no .png, .jpg or .jpeg images")
        names = [LABELLED_NAME.match(Path(p).stem) for p in self.paths]
        relative = [Path(p).relative_to(root).parts for p in self.paths]
        self.label_names: list[str] = []
        if all(names):
            self.labels = [int(m.group(1)) for m in names]
        elif all(len(parts) > 1 for parts in relative):
            self.label_names = sorted({parts[0] for parts in relative})
            self.labels = [self.label_names.index(parts[0]) for parts in relative]
        else:
            self.labels = [-1] * len(self.paths)
        self.shape = (channels, height, width)
        self.fit = fit

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        channels, height, width = self.shape
        image = preprocess(read_pixels(self.paths[index]), width, height, channels, self.fit)
        return image, self.labels[index]


def split(count: int, validation_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """A seeded random split of ``range(count)`` into training and validation indices."""
    order = torch.randperm(count, generator=torch.Generator().manual_seed(seed)).tolist()
    held_out = int(round(count * validation_fraction)) if count > 1 else 0
    return sorted(order[held_out:]), sorted(order[:held_out])


# ---------------------------------------------------------------- training


def settings_record(epochs: int, batch: int, lr: float, beta: float, warmup: int, seed: int,
                    flip: bool, clip: float | None = None) -> dict[str, Any]:
    """The ``settings`` part of ``latent.training``, with the Swift ``TrainingSettings`` keys."""
    optimizer: dict[str, Any] = {"lr": lr, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8,
                                 "weight_decay": 0.0}
    if clip is not None:
        optimizer["clip_norm"] = clip
    return {"epochs": epochs, "batch_size": batch, "optimizer": optimizer, "beta": beta,
            "warmup_epochs": warmup, "seed": seed, "horizontal_flips": flip,
            "threads": torch.get_num_threads()}


def parse_size(text: str) -> tuple[int, int]:
    """``64`` -> (64, 64); ``20x28`` -> (20, 28) (width x height)."""
    parts = text.lower().split("x")
    if len(parts) in (1, 2) and all(p.isdigit() and int(p) > 0 for p in parts):
        return int(parts[0]), int(parts[-1])
    raise SystemExit(f"--size takes a number (64) or WxH (20x28), not '{text}'")


def make_config(args: argparse.Namespace) -> latent_vae.Config:
    """The architecture from ``--config`` and the size options, as ``latent train`` reads them.

    ``conv64`` (or ``conv32``, ``conv128``, ...), ``mlp``, or a config JSON file.
    """
    if args.config.endswith(".json"):
        with open(args.config) as f:
            return json.load(f)
    likelihood: dict[str, Any] = {"kind": "bernoulli"}
    if args.likelihood != "bernoulli":
        likelihood = {"kind": "gaussian", "sigma": args.sigma,
                      "learned": args.likelihood == "gaussian-learned"}
    size = parse_size(args.size) if args.size else None
    if args.config == "mlp":
        width, height = size or (20, 28)
        return latent_vae.mlp_config(width=width, height=height, channels=args.channels or 1,
                                     latent=args.latent or 20, likelihood=likelihood)
    named = args.config[4:]
    if not args.config.startswith("conv") or not named.isdigit():
        raise SystemExit("--config takes conv64 (or conv32, conv128...), mlp, or a .json file")
    if size and size[0] != size[1]:
        raise SystemExit("conv models are square: give --size as one number")
    try:
        return latent_vae.conv_config(size[0] if size else int(named), args.channels or 3,
                                      args.latent or 32, likelihood)
    except ValueError as error:
        raise SystemExit(str(error)) from None


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, mirroring ``latent train``."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder of face images")
    p.add_argument("--out", required=True, help="model file to write (.safetensors)")
    p.add_argument("--config", default="conv64", help="conv64 (conv32, conv128, ...), mlp, or a .json file")
    p.add_argument("--size", help="image size: 64, or WxH for mlp (default: conv's size; 20x28 for mlp)")
    p.add_argument("--channels", type=int, choices=(1, 3), help="1 gray or 3 RGB (default 3 conv, 1 mlp)")
    p.add_argument("--latent", type=int, help="latent dimensions (default 32 conv, 20 mlp)")
    p.add_argument("--likelihood", choices=("bernoulli", "gaussian", "gaussian-learned"),
                   default="bernoulli")
    p.add_argument("--sigma", type=float, default=0.1, help="Gaussian sigma (start value when learned)")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch", type=int, help="images per step over all processes (64; 100 for mlp)")
    p.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate")
    p.add_argument("--beta", type=float, default=1.0, help="KL weight (1 = the true ELBO)")
    p.add_argument("--warmup", type=int, default=0, help="epochs over which the KL weight rises to beta")
    p.add_argument("--clip", type=float, help="rescale gradients whose global norm exceeds this")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--validation", "--val", type=float, default=0.1,
                   help="fraction held out for validation ELBO")
    p.add_argument("--flip", action="store_true", help="mirror training images left-right at random")
    p.add_argument("--fit", choices=("cover", "stretch"), default="cover", help="resize: crop or stretch")
    p.add_argument("--workers", type=int, default=2, help="DataLoader worker processes")
    p.add_argument("--device", help="cpu, cuda, ... (default: cuda when available)")
    args = p.parse_args(argv)
    if args.batch is None:
        args.batch = 100 if args.config == "mlp" else 64
    return args


class Distributed:
    """Rank, world size and device; set up from torchrun's environment when present."""

    def __init__(self, device: str | None) -> None:
        self.enabled = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
        wants_cuda = device.startswith("cuda") if device else torch.cuda.is_available()
        if self.enabled:
            dist.init_process_group("nccl" if wants_cuda else "gloo")
            self.rank, self.world = dist.get_rank(), dist.get_world_size()
            local = int(os.environ.get("LOCAL_RANK", 0))
            self.device = torch.device(f"cuda:{local}" if wants_cuda else "cpu")
            if wants_cuda:
                torch.cuda.set_device(self.device)
        else:
            self.rank, self.world = 0, 1
            self.device = torch.device(device or ("cuda" if wants_cuda else "cpu"))

    def sum(self, values: list[float]) -> list[float]:
        """Sums numbers over all processes."""
        t = torch.tensor(values, dtype=torch.float64, device=self.device)
        if self.enabled:
            dist.all_reduce(t)
        return t.tolist()

    def log(self, message: str) -> None:
        """Prints on rank 0 only."""
        if self.rank == 0:
            print(message, flush=True)


@torch.no_grad()
def evaluate(model: latent_vae.LatentVAE, loader: DataLoader, device: torch.device,
             seed: int = 0x5EED) -> tuple[float, float, int]:
    """Summed reconstruction and KL (beta = 1) and the image count, with seeded noise."""
    model.eval()
    generator = torch.Generator(device=device).manual_seed(seed)
    recon_sum, kl_sum, count = 0.0, 0.0, 0
    for images, _ in loader:
        images = images.to(device)
        noise = torch.randn(images.shape[0], model.latent_dim, generator=generator, device=device)
        recon, kl = model.losses(images, noise)
        recon_sum += recon.sum().item()
        kl_sum += kl.sum().item()
        count += images.shape[0]
    return recon_sum, kl_sum, count


def main(argv: list[str] | None = None) -> None:
    args = parse_arguments(argv)
    env = Distributed(args.device)
    torch.manual_seed(args.seed)
    config = make_config(args)
    folder = FaceFolder(args.data, config["width"], config["height"], config["channels"], args.fit)
    train_indices, val_indices = split(len(folder), args.validation, args.seed)
    train_set, val_set = Subset(folder, train_indices), Subset(folder, val_indices)
    local_batch = max(1, args.batch // env.world)
    sampler = DistributedSampler(train_set, num_replicas=env.world, rank=env.rank, shuffle=True,
                                 seed=args.seed)
    loader = DataLoader(train_set, batch_size=local_batch, sampler=sampler, num_workers=args.workers,
                        pin_memory=env.device.type == "cuda", persistent_workers=args.workers > 0)
    model = latent_vae.LatentVAE(config).to(env.device)
    trained = torch.nn.parallel.DistributedDataParallel(model) if env.enabled else model
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    steps = len(loader)
    env.log(f"{len(train_set)} training and {len(val_set)} validation images from {args.data}, "
            f"{config['name']} ({sum(p.numel() for p in model.parameters())} parameters), "
            f"{env.world} process(es) on {env.device}, {local_batch} images per process per step")

    epochs: list[dict[str, Any]] = []
    for epoch in range(1, args.epochs + 1):
        sampler.set_epoch(epoch)
        model.train()
        started = time.perf_counter()
        recon_sum, kl_sum, count = 0.0, 0.0, 0
        for step, (images, _) in enumerate(loader):
            images = images.to(env.device, non_blocking=True)
            if args.flip:
                flips = torch.rand(images.shape[0], device=env.device) < 0.5
                images = torch.where(flips[:, None, None, None], images.flip(-1), images)
            noise = torch.randn(images.shape[0], model.latent_dim, device=env.device)
            position = epoch - 1 + step / steps
            beta = args.beta * min(1.0, position / args.warmup) if args.warmup > 0 else args.beta
            objective, recon, kl = trained(images, noise, beta)
            optimizer.zero_grad(set_to_none=True)
            objective.backward()
            if args.clip is not None:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            optimizer.step()
            recon_sum += recon.detach().sum().item()
            kl_sum += kl.detach().sum().item()
            count += images.shape[0]
        train_seconds = time.perf_counter() - started
        recon_sum, kl_sum, count = env.sum([recon_sum, kl_sum, count])
        if not math.isfinite(recon_sum + kl_sum):
            raise SystemExit(f"epoch {epoch}: the loss is not finite; try a lower --lr")
        val_elbo = None
        if val_indices and env.rank == 0:
            val_loader = DataLoader(val_set, batch_size=local_batch, num_workers=0)
            v_recon, v_kl, v_count = evaluate(model, val_loader, env.device)
            val_elbo = -(v_recon + v_kl) / v_count
        record = {"epoch": epoch, "train_elbo": -(recon_sum + kl_sum) / count, "val_elbo": val_elbo,
                  "recon": recon_sum / count, "kl": kl_sum / count,
                  "images_per_s": count / train_seconds, "seconds": time.perf_counter() - started}
        epochs.append(record)
        env.log(f"epoch {epoch}/{args.epochs}  ELBO {record['train_elbo']:.2f}  "
                + (f"val {val_elbo:.2f}  " if val_elbo is not None else "")
                + f"recon {record['recon']:.2f}  KL {record['kl']:.2f}  "
                f"{record['images_per_s']:.0f} images/s  {record['seconds']:.1f} s  (nats per image)")

    if env.rank == 0:
        stats_loader = DataLoader(train_set, batch_size=local_batch, num_workers=0)
        kl_per_dim, codes, labels = latent_vae.posterior_statistics(model, stats_loader, env.device)
        training = {"data": os.path.abspath(args.data), "images": len(train_set),
                    "validation_images": len(val_set),
                    "settings": settings_record(args.epochs, args.batch, args.lr, args.beta, args.warmup,
                                                args.seed, args.flip, args.clip),
                    "epochs": epochs}
        latent_vae.save_model(args.out, model, training=training, kl_per_dim=kl_per_dim, codes=codes,
                              labels=labels)
        env.log(f"wrote {args.out}; open it with: latent explore --model {args.out}")
    if env.enabled:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
