"""PyTorch reference for `latent bench`: the same architectures, batch sizes and
loss, timed the same way (median step after warm-up), one JSON object per line.

    python3 tools/bench/pytorch_reference.py --threads 1 --seconds 3

Needs a CPU build of PyTorch (`pip install torch==2.13.0+cpu`); `make bench-compare`
runs it alternately with `latent bench` so both see the same machine load.
"""
import argparse
import json
import math
import statistics
import time

import torch
from torch import nn


def conv(size: int) -> tuple[nn.Module, nn.Module, int, int]:
    """The conv64 (conv128) model of `latent`: 4 (5) stride-2 convolutions to 256×4×4 (512×4×4)
    and back, 32 latents."""
    widths, side = [3], size
    while side > 4:
        widths.append(32 << (len(widths) - 1))
        side //= 2
    top = widths[-1]
    encoder = []
    for a, b in zip(widths, widths[1:]):
        encoder += [nn.Conv2d(a, b, 4, 2, 1), nn.ReLU()]
    encoder.append(nn.Flatten())
    decoder = [nn.Linear(32, top * 16), nn.ReLU(), nn.Unflatten(1, (top, 4, 4))]
    back = widths[::-1]
    for i, (a, b) in enumerate(zip(back, back[1:])):
        decoder.append(nn.ConvTranspose2d(a, b, 4, 2, 1))
        if i < len(back) - 2:
            decoder.append(nn.ReLU())
    return nn.Sequential(*encoder), nn.Sequential(*decoder), top * 16, 32


def mlp() -> tuple[nn.Module, nn.Module, int, int]:
    """Kingma & Welling's Frey-face model: 560-200-20 and back."""
    encoder = nn.Sequential(nn.Flatten(), nn.Linear(560, 200), nn.Tanh())
    decoder = nn.Sequential(
        nn.Linear(20, 200), nn.Tanh(), nn.Linear(200, 560), nn.Unflatten(1, (1, 28, 20)))
    return encoder, decoder, 200, 20


def vanilla64() -> tuple[nn.Module, nn.Module, int, int]:
    """PyTorch-VAE's VanillaVAE layout at 64×64 (latent's `VAEConfig.vanillaLayout`): 3×3
    stride-2 Conv2d + BatchNorm2d + LeakyReLU blocks 32…512, back with ConvTranspose2d, Tanh."""
    hidden = [32, 64, 128, 256, 512]
    encoder, previous = [], 3
    for h in hidden:
        encoder += [nn.Conv2d(previous, h, 3, 2, 1), nn.BatchNorm2d(h), nn.LeakyReLU()]
        previous = h
    encoder.append(nn.Flatten())
    decoder = [nn.Linear(128, 2048), nn.Unflatten(1, (512, 2, 2))]
    back = hidden[::-1] + [32]
    for a, b in zip(back, back[1:]):
        decoder += [nn.ConvTranspose2d(a, b, 3, 2, 1, output_padding=1), nn.BatchNorm2d(b),
                    nn.LeakyReLU()]
    decoder += [nn.Conv2d(32, 3, 3, padding=1), nn.Tanh()]
    return nn.Sequential(*encoder), nn.Sequential(*decoder), 2048, 128


class VAE(nn.Module):
    def __init__(self, parts, gaussian_sigma: float | None = None):
        super().__init__()
        self.encoder, self.decoder, features, latent = parts
        self.fc_mu = nn.Linear(features, latent)
        self.fc_logvar = nn.Linear(features, latent)
        self.sigma = gaussian_sigma

    def loss(self, x: torch.Tensor) -> torch.Tensor:
        h = self.encoder(x)
        mu, logvar = self.fc_mu(h), self.fc_logvar(h).clamp(-30, 20)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        out = self.decoder(z)
        if self.sigma is None:
            recon = nn.functional.binary_cross_entropy_with_logits(out, x, reduction="sum")
        else:  # Gaussian with a fixed sigma on the output's scale, as latent's
            recon = torch.sum(0.5 * ((out - x) / self.sigma) ** 2
                              + math.log(self.sigma) + 0.5 * math.log(2 * math.pi))
        kl = -0.5 * torch.sum(1 + logvar - mu * mu - logvar.exp())
        return (recon + kl) / x.shape[0]


def timed(step, seconds: float, minimum: int) -> list[float]:
    step()
    times = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or len(times) < minimum:
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--only", help="only the models whose name contains this (e.g. conv128)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    for name, parts, shape, batch, sigma in [
        ("conv64", lambda: conv(64), (3, 64, 64), 64, None),
        ("mlp", mlp, (1, 28, 20), 100, None),
        ("vanilla64", vanilla64, (3, 64, 64), 64, 0.2),
        ("conv128", lambda: conv(128), (3, 128, 128), 32, None),
    ]:
        if args.only and args.only not in name and name not in args.only:
            continue
        model = VAE(parts(), sigma)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        # Images in [0, 1] (the binary models) or, for the Tanh model, [-1, 1].
        x = torch.rand(batch, *shape) if sigma is None else torch.rand(batch, *shape) * 2 - 1
        model.train()

        def step():
            optimizer.zero_grad(set_to_none=True)
            model.loss(x).backward()
            optimizer.step()

        times = timed(step, args.seconds, 5)
        print(json.dumps({
            "name": f"{name}.train", "threads": args.threads,
            "images_per_s": round(batch / statistics.median(times), 1)}), flush=True)
        z = torch.randn(1, model.fc_mu.out_features)
        model.eval()
        # The image in [0, 1]: the logits' sigmoid, or the Tanh output mapped and clamped.
        image = ((lambda: torch.sigmoid(model.decoder(z))) if sigma is None
                 else (lambda: ((model.decoder(z) + 1) / 2).clamp(0, 1)))
        with torch.inference_mode():
            times = timed(image, args.seconds / 2, 100)
        print(json.dumps({
            "name": f"{name}.decode", "threads": args.threads,
            "median_ms": round(1000 * statistics.median(times), 4),
            "p99_ms": round(1000 * times[min(len(times) - 1, len(times) * 99 // 100)], 4)}),
            flush=True)


if __name__ == "__main__":
    main()
