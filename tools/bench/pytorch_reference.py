"""PyTorch reference for `latent bench`: the same architectures, batch sizes and
loss, timed the same way (median step after warm-up), one JSON object per line.

    python3 tools/bench/pytorch_reference.py --threads 1 --seconds 3

Needs a CPU build of PyTorch (`pip install torch==2.13.0+cpu`); `make bench-compare`
runs it alternately with `latent bench` so both see the same machine load.
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


def conv64() -> tuple[nn.Module, nn.Module, int, int]:
    """The conv64 model of `latent`: 4 stride-2 convolutions to 256×4×4 and back."""
    widths = [3, 32, 64, 128, 256]
    encoder = []
    for a, b in zip(widths, widths[1:]):
        encoder += [nn.Conv2d(a, b, 4, 2, 1), nn.ReLU()]
    encoder.append(nn.Flatten())
    decoder = [nn.Linear(32, 4096), nn.ReLU(), nn.Unflatten(1, (256, 4, 4))]
    back = widths[::-1]
    for i, (a, b) in enumerate(zip(back, back[1:])):
        decoder.append(nn.ConvTranspose2d(a, b, 4, 2, 1))
        if i < len(back) - 2:
            decoder.append(nn.ReLU())
    return nn.Sequential(*encoder), nn.Sequential(*decoder), 4096, 32


def mlp() -> tuple[nn.Module, nn.Module, int, int]:
    """Kingma & Welling's Frey-face model: 560-200-20 and back."""
    encoder = nn.Sequential(nn.Flatten(), nn.Linear(560, 200), nn.Tanh())
    decoder = nn.Sequential(
        nn.Linear(20, 200), nn.Tanh(), nn.Linear(200, 560), nn.Unflatten(1, (1, 28, 20)))
    return encoder, decoder, 200, 20


class VAE(nn.Module):
    def __init__(self, parts):
        super().__init__()
        self.encoder, self.decoder, features, latent = parts
        self.fc_mu = nn.Linear(features, latent)
        self.fc_logvar = nn.Linear(features, latent)

    def loss(self, x: torch.Tensor) -> torch.Tensor:
        h = self.encoder(x)
        mu, logvar = self.fc_mu(h), self.fc_logvar(h).clamp(-30, 20)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        logits = self.decoder(z)
        recon = nn.functional.binary_cross_entropy_with_logits(logits, x, reduction="sum")
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
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    for name, parts, shape, batch in [
        ("conv64", conv64, (3, 64, 64), 64),
        ("mlp", mlp, (1, 28, 20), 100),
    ]:
        model = VAE(parts())
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        x = torch.rand(batch, *shape)

        def step():
            optimizer.zero_grad(set_to_none=True)
            model.loss(x).backward()
            optimizer.step()

        times = timed(step, args.seconds, 5)
        print(json.dumps({
            "name": f"{name}.train", "threads": args.threads,
            "images_per_s": round(batch / statistics.median(times), 1)}), flush=True)
        z = torch.randn(1, model.fc_mu.out_features)
        with torch.inference_mode():
            times = timed(lambda: torch.sigmoid(model.decoder(z)), args.seconds / 2, 100)
        print(json.dumps({
            "name": f"{name}.decode", "threads": args.threads,
            "median_ms": round(1000 * statistics.median(times), 4),
            "p99_ms": round(1000 * times[min(len(times) - 1, len(times) * 99 // 100)], 4)}),
            flush=True)


if __name__ == "__main__":
    main()
