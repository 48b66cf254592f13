import LatentBasics
import NeuralCore

/// Speed measurements: sgemm as the reference, then training and decoding of
/// the stock models, each on a given number of OpenBLAS threads.
package enum Benchmark {
  /// One measured figure, printed as a line of text or one JSON object.
  package struct Result: Sendable {
    package var name: String
    package var threads: Int
    package var values: [(key: String, value: Double)]

    package init(name: String, threads: Int, values: [(key: String, value: Double)]) {
      self.name = name
      self.threads = threads
      self.values = values
    }
  }

  /// sgemm GFLOP/s on `size`³ matrices: the best of several repetitions.
  package static func sgemm(size: Int = 512, threads: Int, seconds: Double = 0.5) -> Result {
    Threading(workers: threads, style: .openBLAS).claimOpenBLAS()
    let count = size * size
    let a = FloatBuffer(capacity: count)
    let b = FloatBuffer(capacity: count)
    let c = FloatBuffer(capacity: count)
    var generator = SeededGenerator(seed: 1)
    for i in 0..<count {
      a.pointer[i] = generator.uniform(-1, 1)
      b.pointer[i] = generator.uniform(-1, 1)
    }
    let flops = 2 * Double(size * size * size)
    var best = 0.0
    let total = Stopwatch()
    repeat {
      let t = Stopwatch.time {
        BLAS.gemm(m: size, n: size, k: size, a.pointer, b.pointer, c.pointer)
      }
      best = max(best, flops / t / 1e9)
    } while total.seconds < seconds
    return Result(name: "sgemm\(size)", threads: threads, values: [("gflops", best)])
  }

  /// Training images per second for `config` at `batch` (one step = forward,
  /// backward and Adam), with the achieved GFLOP/s (3× the forward multiply–adds × 2).
  ///
  /// With `allocations` (a counter of heap allocations, see tools/alloc-count),
  /// also reports the allocations per step after the first.
  package static func training(
    config: VAEConfig, batch: Int, threads: Int, seconds: Double = 2,
    allocations: (() -> Int)? = nil
  ) throws -> Result {
    let model = try VariationalAutoencoder(config: config, seed: 1)
    model.threading = config.threading(threads: threads)
    model.threading.claimOpenBLAS()
    let adam = Adam(parameters: model.parameters)
    var generator = SeededGenerator(seed: 2)
    let shape = config.imageShape
    let pixels = (0..<(batch * model.imageSize)).map { _ in generator.nextUnit() }
    guard
      let images = ImageBatch(
        channels: shape.channels, height: shape.height, width: shape.width, values: pixels)
    else { preconditionFailure("whole images") }
    var noise = LatentCodes(dimensions: model.latentDimensions)
    noise.reserveCapacity(batch)
    func step() {
      noise.refill(count: batch) { generator.normal() }
      _ = model.lossAndGradients(images: images, noise: noise)
      adam.update()
    }
    step()  // buffers grow on the first step
    var times: [Double] = []
    times.reserveCapacity(100_000)
    let allocationsBefore = allocations?()
    let total = Stopwatch()
    repeat { times.append(Stopwatch.time(step)) } while total.seconds < seconds || times.count < 5
    let allocationsPerStep = allocationsBefore.flatMap { before in
      allocations.map { Double($0() - before) / Double(times.count) }
    }
    let median = times.sorted()[times.count / 2]
    let imagesPerSecond = Double(batch) / median
    let macs = model.multiplyAdds
    // Backward costs two forward passes per layer, except that the first
    // layer's input gradient is never computed; count the full 3× as PyTorch's
    // profiler-free estimates do.
    let flopsPerImage = 2.0 * 3.0 * Double(macs.encoder + macs.decoder)
    var values: [(key: String, value: Double)] = [
      ("images_per_s", imagesPerSecond), ("gflops", imagesPerSecond * flopsPerImage / 1e9),
    ]
    if let allocationsPerStep { values.append(("allocations_per_step", allocationsPerStep)) }
    return Result(name: "\(config.name).train", threads: threads, values: values)
  }

  /// Latency of decoding one face (`[1, latent]` → image in [0, 1]): median and p99 in ms,
  /// and the GFLOP/s of the median (2 × the decoder's multiply–adds per image).
  package static func decode(config: VAEConfig, threads: Int, seconds: Double = 1) throws -> Result
  {
    let model = try VariationalAutoencoder(config: config, seed: 1)
    model.threading = config.threading(threads: threads)
    model.threading.claimOpenBLAS()
    var generator = SeededGenerator(seed: 3)
    var normals = [Float](repeating: 0, count: model.latentDimensions)
    do {
      var span = normals.mutableSpan
      generator.fillNormal(&span)
    }
    let code = FloatBuffer(capacity: model.latentDimensions)
    code.pointer.update(from: normals, count: normals.count)
    _ = model.decode(code.pointer, batch: 1)
    var times: [Double] = []
    let total = Stopwatch()
    repeat {
      times.append(Stopwatch.time { _ = model.decode(code.pointer, batch: 1) })
    } while total.seconds < seconds || times.count < 100
    times.sort()
    let median = times[times.count / 2]
    let flops = 2.0 * Double(model.multiplyAdds.decoder)
    return Result(
      name: "\(config.name).decode", threads: threads,
      values: [
        ("median_ms", median * 1000),
        ("p99_ms", times[min(times.count - 1, times.count * 99 / 100)] * 1000),
        ("gflops", flops / median / 1e9),
      ])
  }
}
