import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// The chunked, multi-worker paths of the layers compute what one worker does.
@Suite("Layers on several workers", .serialized)
struct ParallelTests {
  /// Forward output, input gradient and parameter gradients of `layer` with `workers` workers.
  func run(
    _ layer: Layer, input: [Float], shape: Shape, batch: Int, upstream: [Float], workers: Int
  )
    -> [[Float]]
  {
    var x = input
    var g = upstream
    return x.withUnsafeMutableBufferPointer { xp in
      let outShape = try! layer.outputShape(for: shape)
      let y = layer.forward(
        xp.baseAddress!, shape: shape, batch: batch, threading: Threading(workers: workers))
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
      (
        Conv2d(3, 8, kernel: 4, stride: 2, padding: 1, generator: &generator),
        Shape(channels: 3, height: 16, width: 16)
      ),
      (
        ConvTranspose2d(16, 6, kernel: 4, stride: 2, padding: 1, generator: &generator),
        Shape(channels: 16, height: 8, width: 8)
      ),
      // Rows of the batch, output features and input features split among the workers.
      (Linear(37, 11, generator: &generator), Shape.vector(37)),
      // At batch 40, 40,960 values: split among the workers.
      (ElementwiseLayer(.relu), Shape(channels: 4, height: 16, width: 16)),
      (ElementwiseLayer(.tanh), Shape(channels: 4, height: 16, width: 16)),
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

/// Fully connected layers follow the threading style the model asks for.
@Suite("Threading styles", .serialized)
struct ThreadingStyleTests {
  @Test func openBLASThreadsOnlyInTheOpenBLASStyle() {
    #expect(Threading(workers: 2, style: .workers).openBLASThreads == 1)
    #expect(Threading(workers: 2, style: .openBLAS).openBLASThreads == 2)
    #expect(Threading(workers: 0).workers == 1)
    let saved = BLAS.threads
    defer { BLAS.threads = saved }
    Threading(workers: 2, style: .openBLAS).claimOpenBLAS()
    #expect(BLAS.threads == 2)
    // OpenBLAS threads each product, so the layers make one part.
    var parts: [Range<Int>] = []
    Parallel.forEachPart(of: 7, threading: Threading(workers: 2, style: .openBLAS)) {
      parts.append($0)
    }
    #expect(parts == [0..<7])
  }

  @Test func partsCoverEveryIndexOnce() {
    for count in [1, 2, 5, 100] {
      let hits = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
      hits.initialize(repeating: 0)
      defer { hits.deallocate() }
      let shared = SharedCounts(hits)
      Parallel.forEachPart(of: count, threading: Threading(workers: 3)) { part in
        for i in part { shared.hits[i] += 1 }
      }
      #expect(hits.allSatisfy { $0 == 1 }, "count \(count)")
    }
  }
}

/// The hit counts, written by parts that own disjoint ranges.
private struct SharedCounts: @unchecked Sendable {
  let hits: UnsafeMutableBufferPointer<Int>
  init(_ hits: UnsafeMutableBufferPointer<Int>) { self.hits = hits }
}
