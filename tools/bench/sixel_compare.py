"""Times `latent show --graphics sixel IMAGE` against libsixel's `img2sixel IMAGE` as
whole processes, alternately, and decodes both outputs with ImageMagick to compare
their pixels with the source.

    python3 tools/bench/sixel_compare.py --latent .build/release/latent --image face.png

Without --image it makes a 256x256 PNG from the first colour face in
../shared/datasets/frl_faces_color_128 (ImageMagick's convert, in a temporary folder).
Prints the median and minimum wall time of each command, the ratio latent / img2sixel
(below 1: latent is faster), and each output's mean and largest per-channel error
(0-255) against the source as ImageMagick decodes it.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATASET = os.path.join(HERE, "..", "..", "..", "shared", "datasets", "frl_faces_color_128")


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def rgb(path: str) -> bytes:
    """The image's pixels as 8-bit RGB, as ImageMagick decodes it."""
    return subprocess.run(["convert", path, "-depth", "8", "rgb:-"], check=True,
                          capture_output=True).stdout


def errors(sixel: bytes, source: bytes, folder: str) -> tuple[float, int]:
    path = os.path.join(folder, "out.six")
    with open(path, "wb") as file:
        file.write(sixel)
    # Through a PNG, as the tests do: ImageMagick writes wrong raw RGB straight from sixel.
    png = os.path.join(folder, "out.png")
    subprocess.run(["convert", "sixel:" + path, png], check=True)
    decoded = rgb(png)
    if len(decoded) != len(source):
        sys.exit(f"{path}: decodes to {len(decoded)} bytes, the source has {len(source)}")
    differences = [abs(a - b) for a, b in zip(decoded, source)]
    return sum(differences) / len(differences), max(differences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latent", default=".build/release/latent")
    parser.add_argument("--image", help="a PNG (default: a 256x256 colour face)")
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        image = args.image
        if image is None:
            faces = sorted(f for f in os.listdir(DATASET) if f.endswith(".png")) \
                if os.path.isdir(DATASET) else []
            if not faces:
                sys.exit(f"{DATASET}: no faces there; name a PNG with --image")
            image = os.path.join(folder, "face256.png")
            subprocess.run(["convert", os.path.join(DATASET, faces[0]), "-resize", "256x256!",
                            image], check=True)
        ours = [args.latent, "show", "--graphics", "sixel", "--native-size", image]
        theirs = ["img2sixel", image]
        times: dict[str, list[float]] = {"latent": [], "img2sixel": []}
        for _ in range(args.rounds):
            times["latent"].append(seconds(ours))
            times["img2sixel"].append(seconds(theirs))
        source = rgb(image)
        outputs = {"latent": subprocess.run(ours, check=True, capture_output=True).stdout,
                   "img2sixel": subprocess.run(theirs, check=True, capture_output=True).stdout}
        print(f"{image}: {args.rounds} alternating rounds")
        for name in ("latent", "img2sixel"):
            mean, largest = errors(outputs[name], source, folder)
            print(f"  {name:<10} median {statistics.median(times[name]) * 1000:6.2f} ms"
                  f"  min {min(times[name]) * 1000:6.2f} ms  {len(outputs[name]):7d} bytes"
                  f"  error mean {mean:.2f} max {largest}")
        ratio = statistics.median(times["latent"]) / statistics.median(times["img2sixel"])
        print(f"  ratio latent / img2sixel (medians): {ratio:.2f}")


if __name__ == "__main__":
    main()
