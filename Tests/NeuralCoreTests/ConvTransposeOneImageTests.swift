import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// One image (decoding one face) takes its own path through ConvTranspose2d, with the
/// weight packed in panels: it must give what the batched path gives, also after the
/// weight changes.
@Suite("ConvTranspose2d on one image", .serialized)
struct ConvTransposeOneImageTests {
  /// The layer's output for `images` images of `shape`, on `workers` workers.
  func forward(_ layer: ConvTranspose2d, _ values: [Float], shape: Shape, images: Int, workers: Int)
    throws -> [Float]
  {
    var x = values
    let count = try layer.outputShape(for: shape).count * images
    return x.withUnsafeMutableBufferPointer { buffer in
      let y = layer.forward(
        buffer.baseAddress!, shape: shape, batch: images, threading: Threading(workers: workers))
      return Array(UnsafeBufferPointer(start: y, count: count))
    }
  }

  /// The first image's output alone and within a batch of two (the batched path).
  func alongside(_ layer: ConvTranspose2d, shape: Shape, workers: Int) throws -> ([Float], [Float])
  {
    let image = randomValues(shape.count, seed: 8)
    let other = randomValues(shape.count, seed: 9)
    let alone = try forward(layer, image, shape: shape, images: 1, workers: workers)
    let batched = try forward(layer, image + other, shape: shape, images: 2, workers: 1)
    return (alone, Array(batched.prefix(alone.count)))
  }

  @Test(arguments: [(4, 4, 1), (8, 8, 1), (4, 4, 2), (3, 5, 2)])
  func oneImageMatchesTheBatchedPath(height: Int, width: Int, workers: Int) throws {
    var generator = SeededGenerator(seed: 5)
    let layer = ConvTranspose2d(12, 7, kernel: 4, stride: 2, padding: 1, generator: &generator)
    let shape = Shape(channels: 12, height: height, width: width)
    let (alone, batched) = try alongside(layer, shape: shape, workers: workers)
    #expect(maxRelativeError(alone, batched.map(Double.init)) < 1e-5)
  }

  @Test func oneImageFollowsTheWeightAfterAnAdamStepAndAnAssignment() throws {
    var generator = SeededGenerator(seed: 6)
    let layer = ConvTranspose2d(6, 5, kernel: 4, stride: 2, padding: 1, generator: &generator)
    let shape = Shape(channels: 6, height: 4, width: 4)
    _ = try alongside(layer, shape: shape, workers: 1)  // packs the weight
    // An Adam step on some gradient changes the weight…
    for i in 0..<layer.weight.count { layer.weight.gradient[i] = Float(i % 7) - 3 }
    Adam(
      parameters: layer.parameters,
      settings: {
        var s = Adam.Settings(); s.learningRate = 0.1; return s
      }()
    ).update()
    var (alone, batched) = try alongside(layer, shape: shape, workers: 1)
    #expect(maxRelativeError(alone, batched.map(Double.init)) < 1e-5)
    // …and so does loading other values.
    layer.weight.assign(randomValues(layer.weight.count, seed: 11))
    (alone, batched) = try alongside(layer, shape: shape, workers: 1)
    #expect(maxRelativeError(alone, batched.map(Double.init)) < 1e-5)
  }
}
