#!/usr/bin/env python3
"""Scripted speed check of `latent explore` in a 120x40 pseudo-terminal.

Usage: scripts/explore-bench.py .build/release/latent MODEL [--keys N] [--data synthetic:1000 --epochs 20]

Measures, as the terminal sees it: key press -> end of the face write (the
synchronized-output close, CSI ?2026l), bytes written per frame, and face frames
per second during a mouse drag (SGR motion reports every 8 ms). With --data it
repeats both while a background training run (t) is going. The explorer's own
key-to-face timings (input read -> face bytes written) are printed at the end.
With --map the same runs in Map mode (M): h/l move the map's cursor, the drag
goes over the plot, and every frame draws the map as well as the face.
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

END = b"\x1b[?2026l"
wants_help = len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help")
if wants_help or len(sys.argv) < 3:
    print(__doc__.strip(), file=sys.stdout if wants_help else sys.stderr)
    sys.exit(0 if wants_help else 2)
binary, model, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
for path, what in ((binary, "latent binary"), (model, "model")):
    if not os.path.isfile(path):
        sys.exit(f"explore-bench: {path}: no such {what}")
KEYS = 60  # key presses per measurement; --keys N for more (a p99 wants a few hundred)
if "--keys" in extra:
    at = extra.index("--keys")
    KEYS = int(extra[at + 1])
    del extra[at:at + 2]
stats_path = "/tmp/latent-explore-bench-%d.txt" % os.getpid()
in_map = "--map" in extra  # Map mode; see the docstring
extra = [argument for argument in extra if argument != "--map"]
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="xterm-256color", COLORTERM="truecolor")
    os.execv(binary, [binary, "explore", "--model", model, "--graphics", "truecolor",
                      "--statistics", stats_path] + extra)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))


def read_for(seconds):
    out, end = [], time.perf_counter() + seconds
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], 0.001)
        if ready:
            out.append(os.read(fd, 1 << 20))
    return b"".join(out)


def keys(label, count=KEYS):
    # From the slider's middle (0 resets it; a drag may have left it at an end, where
    # presses towards the end change nothing and draw no face).
    os.write(fd, b"0")
    read_for(0.3)
    latencies, sizes = [], []
    for i in range(count):
        read_for(0.05)
        start = time.perf_counter()
        os.write(fd, b"l" if (i // 10) % 2 == 0 else b"h")
        received = b""
        while END not in received and time.perf_counter() - start < 1:
            ready, _, _ = select.select([fd], [], [], 0.001)
            if ready:
                received += os.read(fd, 1 << 20)
        if END in received:
            latencies.append((time.perf_counter() - start) * 1000)
            sizes.append(len(received))
    latencies.sort()
    print(f"{label}: key -> face on the tty: median {statistics.median(latencies):.1f} ms, "
          f"p90 {latencies[len(latencies) * 9 // 10]:.1f} ms, "
          f"p99 {latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)]:.1f} ms, "
          f"max {latencies[-1]:.1f} ms; bytes per frame median "
          f"{statistics.median(sizes):.0f} (n={len(latencies)}"
          + (f", {count - len(latencies)} presses drew no face within 1 s)" if len(latencies) < count
             else ")"))


def drag(label, seconds=3.0):
    # The first slider's track at 120x40, or a row across the map's plot.
    row, first, width = (20, 12, 50) if in_map else (3, 76, 36)
    os.write(fd, f"\x1b[<0;{first + 4};{row}M".encode())
    read_for(0.3)
    out, sent, start = [], 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        os.write(fd, f"\x1b[<32;{first + sent % width};{row}M".encode())
        sent += 1
        out.append(read_for(0.008))
    os.write(fd, f"\x1b[<0;{first};{row}m".encode())
    out.append(read_for(0.3))
    data = b"".join(out)
    frames = data.count(END)
    print(f"{label}: {sent} motion reports in {seconds:.0f} s -> {frames / seconds:.0f} faces/s, "
          f"{len(data) / max(frames, 1):.0f} bytes per frame")


read_for(2.5)
if in_map:
    os.write(fd, b"M")
    read_for(1)
keys("idle")
drag("drag")
if "--data" in extra:
    os.write(fd, b"t")
    read_for(3)
    keys("training")
    drag("drag while training")
os.write(fd, b"q")
try:
    read_for(0.5)
except OSError:
    pass
os.waitpid(pid, 0)
print(open(stats_path).read(), end="")
os.unlink(stats_path)
