"""Runs `latent bench --json` and the PyTorch reference alternately, several
rounds per thread count, and prints each figure's median with the ratio
latent / PyTorch (for latency: PyTorch / latent, so above 1 is faster here).

    python3 tools/bench/compare.py --latent .build/release/latent --rounds 3
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command: list[str]) -> list[dict]:
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [row for row in rows if "threads" in row]  # not latent's "machine" line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latent", default=".build/release/latent")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--seconds", type=float, default=3)
    args = parser.parse_args()
    ours: dict[tuple, list[dict]] = defaultdict(list)
    theirs: dict[tuple, list[dict]] = defaultdict(list)
    for threads in args.threads.split(","):
        for _ in range(args.rounds):
            for row in run([args.latent, "bench", "--json", "--threads", threads,
                            "--seconds", str(args.seconds)]):
                ours[(row["name"], row["threads"])].append(row)
            for row in run([sys.executable, os.path.join(HERE, "pytorch_reference.py"),
                            "--threads", threads, "--seconds", str(args.seconds)]):
                theirs[(row["name"], row["threads"])].append(row)
    print(f"{'figure':<16}{'thr':>4}{'latent':>12}{'PyTorch':>12}{'ratio':>8}   (medians of {args.rounds} alternating rounds)")
    for key, rows in ours.items():
        name, threads = key
        for field in ("gflops", "images_per_s", "median_ms", "p99_ms", "share_of_sgemm"):
            if field not in rows[0]:
                continue
            mine = statistics.median(r[field] for r in rows)
            other = [r[field] for r in theirs.get(key, []) if field in r]
            if other:
                reference = statistics.median(other)
                ratio = mine / reference if field == "images_per_s" else reference / mine
                print(f"{name + ' ' + field:<28}{threads:>2}{mine:>12.4g}{reference:>12.4g}{ratio:>8.2f}")
            else:
                print(f"{name + ' ' + field:<28}{threads:>2}{mine:>12.4g}")


if __name__ == "__main__":
    main()
