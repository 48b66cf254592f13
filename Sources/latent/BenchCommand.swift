import ArgumentParser
import FaceVAE
import LatentBasics
import NeuralCore
import TerminalGraphics
import Glibc
import FoundationEssentials

/// `latent bench`: sgemm, training and decoding speed on 1 and 2 threads.
struct BenchCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure sgemm, training and decoding speed on this machine.",
    discussion: """
      Prints the CPU, the OpenBLAS build and the OpenBLAS kernel in use (and who chose it: \
      OpenBLAS, latent, the user by OPENBLAS_CORETYPE, or latent's fallback after its \
      self-check) and the level of latent's own decode kernels (generic, avx2 or avx512; \
      LATENT_KERNEL_LEVEL forces one); then, for each thread count: cblas_sgemm GFLOP/s at 512³ (the reference), \
      training images/s and achieved GFLOP/s for conv64 (batch 64, RGB), mlp (batch 100), \
      vanilla64 (PyTorch-VAE's VanillaVAE layout with BatchNorm, batch 64) and conv128 \
      (128×128 RGB, batch 32), and \
      single-face decode latency (median, p99) with its GFLOP/s and their share of the \
      sgemm rate (the FLOP floor); then the time and \
      bytes per frame of each way of drawing a 64×64 face in the terminal.
      """)

  @Flag(help: "One JSON object per line instead of a table.")
  var json = false

  @Option(help: "Thread counts to measure, comma-separated.")
  var threads: String = "1,2"

  @Option(help: "Run only the measurements whose name contains this (e.g. conv64.train).")
  var only: String?

  @Flag(help: "Count heap allocations per training step (needs LD_PRELOAD of tools/alloc-count).")
  var allocations = false

  @Option(help: "Seconds to spend on each training measurement.")
  var seconds: Double = 3

  func run() throws {
    let threadCounts = threads.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
    guard !threadCounts.isEmpty else { throw ValidationError("--threads takes numbers like 1,2") }
    let counter = try allocations ? AllocationCounter.preloaded() : nil
    let conv = try VAEConfig.conv(size: 64, channels: 3, latent: 32)
    let mlp = try VAEConfig.mlp()
    let vanilla = VAEConfig.vanillaLayout()
    let conv128 = try VAEConfig.conv(size: 128, channels: 3, latent: 32)
    printMachine()
    for t in threadCounts {
      let sgemm = Benchmark.sgemm(threads: t)
      report(sgemm)
      let peak = sgemm.values[0].value
      for (config, batch) in [(conv, 64), (mlp, 100), (vanilla, 64), (conv128, 32)] {
        if selected("\(config.name).train") {
          let train = try Benchmark.training(
            config: config, batch: batch, threads: t, seconds: seconds,
            allocations: counter.map { c in { c.count } })
          report(sharingSgemm(train, peak: peak))
        }
        if selected("\(config.name).decode") {
          let decode = try Benchmark.decode(config: config, threads: t, seconds: seconds / 2)
          report(sharingSgemm(decode, peak: peak))
        }
      }
    }
    // The drawing measurements run together; `--only graphics.sixel` keeps the sixel ones.
    guard selected("graphics") || only?.hasPrefix("graphics.") == true else { return }
    for frame in GraphicsBenchmark.run() {
      let name =
        "graphics."
        + frame.name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        .joined(separator: "_")
      guard selected(name) else { continue }
      report(
        Benchmark.Result(
          name: name, threads: 1,
          values: [("median_ms", frame.medianMilliseconds), ("bytes", Double(frame.bytes))]))
    }
  }

  /// The CPU, the OpenBLAS build, the kernel products run on and who chose it, and the
  /// level of latent's own kernels (``KernelLevel``).
  private func printMachine() {
    let cpu = CPUFeatures.current.modelName.isEmpty ? "unknown CPU" : CPUFeatures.current.modelName
    let kernel = BLAS.kernel
    if json {
      let fields = [
        ("name", "machine"), ("cpu", cpu), ("blas", BLAS.configuration),
        ("blas_kernel", kernel.kernel),
        ("blas_kernel_chosen_by", kernel.chosenBy), ("kernel_level", KernelLevel.current.rawValue),
      ]
      print("{" + fields.map { "\"\($0.0)\": \(jsonString($0.1))" }.joined(separator: ", ") + "}")
    } else {
      print(
        "latent bench · \(cpu) · \(BLAS.configuration) · kernel \(kernel.description)"
          + " · latent's kernels \(KernelLevel.current.rawValue)")
    }
  }

  /// `text` as a JSON string literal.
  private func jsonString(_ text: String) -> String {
    (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
  }

  /// `result` with its GFLOP/s as a share of this run's sgemm rate, `peak` (`share_of_sgemm`):
  /// for a one-face decode, the share of its FLOP floor.
  private func sharingSgemm(_ result: Benchmark.Result, peak: Double) -> Benchmark.Result {
    guard let gflops = result.values.first(where: { $0.key == "gflops" })?.value else {
      return result
    }
    var shared = result
    shared.values.append(("share_of_sgemm", gflops / peak))
    return shared
  }

  private func selected(_ name: String) -> Bool { only.map { name.contains($0) } ?? true }

  private func report(_ result: Benchmark.Result) {
    if json {
      var fields = ["\"name\": \"\(result.name)\"", "\"threads\": \(result.threads)"]
      fields += result.values.map { "\"\($0.key)\": \(rounded($0.value))" }
      print("{" + fields.joined(separator: ", ") + "}")
    } else {
      let values = result.values.map { "\($0.key) \(rounded($0.value))" }.joined(separator: "  ")
      print(
        "\(result.name.padded(to: max(14, result.name.count))) \(result.threads) thread\(result.threads == 1 ? " " : "s")  \(values)"
      )
    }
    fflush(nil)
  }

  private func rounded(_ v: Double) -> String {
    v >= 100
      ? String(format: "%.1f", v) : v >= 1 ? String(format: "%.2f", v) : String(format: "%.4f", v)
  }
}
