"""Runs `latent bench --json` and the PyTorch reference alternately, several
rounds per thread count, and prints each figure's median with the ratio
latent / PyTorch (for latency: PyTorch / latent, so above 1 is faster here).

Each process's peak resident memory is kept too and printed at the end (the
median over rounds); with `--only conv128` that is the peak of one model's
training and decoding (PyTorch's includes the torch library itself).

With `--baseline OLD_BINARY`, an earlier build of latent runs in the same
rounds too (latent, baseline, PyTorch, latent, …), and a column gives
latent against it (above 1: the new build is faster).

    python3 tools/bench/compare.py --latent .build/release/latent --rounds 3
    python3 tools/bench/compare.py --baseline /tmp/latent-before --rounds 5
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ("gflops", "images_per_s", "median_ms", "p99_ms", "share_of_sgemm")


def run(command: list[str]) -> tuple[list[dict], float]:
    """The JSON rows `command` prints (latent's "machine" row among them) and its peak
    resident memory in MiB."""
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, command)
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    # ru_maxrss is in KiB on Linux
    return rows, usage.ru_maxrss / 1024


def faster(field: str, mine: float, other: float) -> float:
    """How many times faster `mine` is than `other` (rates: mine/other; times: other/mine)."""
    return mine / other if field in ("images_per_s", "gflops", "share_of_sgemm") else other / mine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latent", default=".build/release/latent")
    parser.add_argument("--baseline", help="an earlier latent binary to run in the same rounds")
    parser.add_argument("--no-pytorch", action="store_true", help="skip the PyTorch reference")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--only", help="only latent's measurements whose name contains this")
    args = parser.parse_args()
    programs = {"latent": args.latent}
    if args.baseline:
        programs["baseline"] = args.baseline
    rows_of: dict[str, dict[tuple, list[dict]]] = defaultdict(lambda: defaultdict(list))
    peak_of: dict[tuple, list[float]] = defaultdict(list)
    only = ["--only", args.only] if args.only else []
    machines: dict[str, dict] = {}
    for threads in args.threads.split(","):
        for _ in range(args.rounds):
            commands = {label: [binary, "bench", "--json"] for label, binary in programs.items()}
            if not args.no_pytorch:
                commands["PyTorch"] = [sys.executable, os.path.join(HERE, "pytorch_reference.py")]
            for label, command in commands.items():
                rows, peak = run(command + ["--threads", threads, "--seconds", str(args.seconds)]
                                 + only)
                peak_of[(label, threads)].append(peak)
                for row in rows:
                    if row.get("name") == "machine":
                        machines.setdefault(label, row)
                    if "threads" not in row:
                        continue
                    rows_of[label][(row["name"], row["threads"])].append(row)
    # Every figure is named with the CPU, the BLAS kernel and who chose it, and the level of
    # latent's own kernels; a kernel the user forced by OPENBLAS_CORETYPE, or an L2 size set by
    # OPENBLAS_L2_SIZE, is pointed out.
    for label, machine in machines.items():
        print(f"{label}: {machine.get('cpu')} · OpenBLAS kernel {machine.get('blas_kernel')}, "
              f"chosen by {machine.get('blas_kernel_chosen_by')} · latent's kernels "
              f"{machine.get('kernel_level')}")
        if machine.get("blas_kernel_chosen_by") == "user":
            print(f"  note: OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')} chose "
                  f"that kernel, not latent; unset it to measure what a user gets by default")
    if "OPENBLAS_L2_SIZE" in os.environ:
        print(f"  note: OPENBLAS_L2_SIZE={os.environ['OPENBLAS_L2_SIZE']} overrides the L2 size "
              f"OpenBLAS detects; unset it too to measure what a user gets by default")
    others = [label for label in ("baseline", "PyTorch") if label in rows_of]
    header = f"{'figure':<28}{'thr':>3}{'latent':>11}"
    for label in others:
        header += f"{label:>11}{'ratio':>7}"
    print(header + f"   (medians of {args.rounds} alternating rounds; ratio > 1: latent faster)")
    for key, rows in rows_of["latent"].items():
        name, threads = key
        for field in FIELDS:
            if field not in rows[0]:
                continue
            mine = statistics.median(r[field] for r in rows)
            line = f"{name + ' ' + field:<28}{threads:>3}{mine:>11.4g}"
            for label in others:
                values = [r[field] for r in rows_of[label].get(key, []) if field in r]
                if values:
                    other = statistics.median(values)
                    line += f"{other:>11.4g}{faster(field, mine, other):>7.2f}"
                else:
                    line += f"{'':>18}"
            print(line)
    print("process peak RSS, MiB (median): " + ", ".join(
        f"{label} {threads} thr {statistics.median(peaks):.0f}"
        for (label, threads), peaks in peak_of.items()))


if __name__ == "__main__":
    main()
