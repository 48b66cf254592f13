import NeuralCore
import ReferenceModels
import Testing

/// The chunked, multi-worker paths of the convolutions compute what one worker does.
@Suite("Convolutions on several workers", .serialized)
struct ParallelTests {
  /// Forward output, input gradient and parameter gradients of `layer` with `workers` workers.
  func run(_ layer: Layer, input: [Float], shape: Shape, batch: Int, upstream: [Float], workers: Int)
    -> [[Float]]
  {
    let saved = Parallel.workers
    Parallel.workers = workers
    defer { Parallel.workers = saved }
    var x = input
    var g = upstream
    return x.withUnsafeMutableBufferPointer { xp in
      let outShape = try! layer.outputShape(for: shape)
      let y = layer.forward(xp.baseAddress!, shape: shape, batch: batch)
      let output = Array(UnsafeBufferPointer(start: y, count: batch * outShape.count))
      let dx = g.withUnsafeMutableBufferPointer {
        layer.backward($0.baseAddress!, needsInputGradient: true)!
      }
      return [output, Array(UnsafeBufferPointer(start: dx, count: input.count))]
        + layer.parameters.map(\.gradients)
    }
  }

  @Test(arguments: [1, 3, 40])
  func sameResultsOnTwoWorkers(batch: Int) throws {
    var generator = SeededGenerator(seed: 3)
    let layers: [(Layer, Shape)] = [
      (Conv2d(3, 8, kernel: 4, stride: 2, padding: 1, generator: &generator), Shape(channels: 3, height: 16, width: 16)),
      (ConvTranspose2d(16, 6, kernel: 4, stride: 2, padding: 1, generator: &generator), Shape(channels: 16, height: 8, width: 8)),
    ]
    for (layer, shape) in layers {
      let outShape = try layer.outputShape(for: shape)
      let x = randomValues(batch * shape.count, seed: 1)
      let g = randomValues(batch * outShape.count, seed: 2)
      let one = run(layer, input: x, shape: shape, batch: batch, upstream: g, workers: 1)
      let two = run(layer, input: x, shape: shape, batch: batch, upstream: g, workers: 2)
      for (a, b) in zip(one, two) {
        #expect(a.count == b.count)
        #expect(maxRelativeError(a, b.map(Double.init)) < 1e-5, "\(layer.description)")
      }
    }
  }
}
