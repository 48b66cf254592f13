import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// Upsampling of one `[h, w]` plane in Double, from PyTorch's definitions (nearest: source
/// index ⌊i/s⌋; bilinear with align_corners=False: source coordinate max(0, (i + ½)/s − ½)).
private func referenceUpsample(
  _ x: [Double], planes: Int, height h: Int, width w: Int, scale: Size2D, bilinear: Bool
) -> [Double] {
  let (height, width) = (h * scale.height, w * scale.width)
  func taps(_ i: Int, _ s: Int, _ size: Int) -> [(index: Int, weight: Double)] {
    guard bilinear else { return [(i / s, 1)] }
    let source = max(0, (Double(i) + 0.5) / Double(s) - 0.5)
    let low = Int(source.rounded(.down))
    let fraction = source - Double(low)
    return [(low, 1 - fraction), (min(low + 1, size - 1), fraction)]
  }
  var y = [Double](repeating: 0, count: planes * height * width)
  for p in 0..<planes {
    for oy in 0..<height {
      for ox in 0..<width {
        var value = 0.0
        for (iy, a) in taps(oy, scale.height, h) {
          for (ix, b) in taps(ox, scale.width, w) { value += a * b * x[(p * h + iy) * w + ix] }
        }
        y[(p * height + oy) * width + ox] = value
      }
    }
  }
  return y
}

@Suite("Upsample: PyTorch's nearest and bilinear (align_corners=False)")
struct UpsampleTests {
  private func upsample(_ x: [Float], height: Int, width: Int, scale: Size2D, mode: Upsample.Mode)
    throws -> [Float]
  {
    let layer = Upsample(scale: scale, mode: mode)
    let outputs = x.count * scale.height * scale.width
    return try LayerPass(
      layer, input: x, shape: Shape(channels: 1, height: height, width: width), batch: 1,
      upstream: [Float](repeating: 0, count: outputs)
    ).output
  }

  @Test func nearestRepeatsEachPixel() throws {
    #expect(
      try upsample([1, 2, 3, 4], height: 2, width: 2, scale: Size2D(2), mode: .nearest)
        == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
    #expect(
      try upsample([1, 2], height: 1, width: 2, scale: Size2D(height: 2, width: 3), mode: .nearest)
        == [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2])
  }

  /// torch.nn.functional.interpolate(torch.tensor([[[[1., 2.], [3., 4.]]]]), scale_factor=2,
  /// mode="bilinear") and, along the width only, scale_factor=(1, 3) on [[1., 2.]].
  @Test func bilinearMatchesPyTorch() throws {
    let expected: [Float] = [
      1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4,
    ]
    #expect(
      try upsample([1, 2, 3, 4], height: 2, width: 2, scale: Size2D(2), mode: .bilinear) == expected
    )
    let row = try upsample(
      [1, 2], height: 1, width: 2, scale: Size2D(height: 1, width: 3), mode: .bilinear)
    #expect(maxRelativeError(row, [1, 1, 4.0 / 3, 5.0 / 3, 2, 2]) < 1e-6)
  }

  @Test(arguments: [
    (bilinear: false, scale: Size2D(2)), (bilinear: true, scale: Size2D(2)),
    (bilinear: true, scale: Size2D(height: 3, width: 2)),
    (bilinear: false, scale: Size2D(height: 1, width: 3)),
  ])
  func gradientsAgainstFiniteDifferences(_ c: (bilinear: Bool, scale: Size2D)) throws {
    let layer = Upsample(scale: c.scale, mode: c.bilinear ? .bilinear : .nearest)
    let shape = Shape(channels: 2, height: 3, width: 4)
    let batch = 2
    let x = randomValues(batch * shape.count, seed: 40)
    let outShape = try layer.outputShape(for: shape)
    #expect(outShape == Shape(channels: 2, height: 3 * c.scale.height, width: 4 * c.scale.width))
    let g = randomValues(batch * outShape.count, seed: 41)
    func reference(_ x: [Double]) -> [Double] {
      referenceUpsample(
        x, planes: batch * 2, height: 3, width: 4, scale: c.scale, bilinear: c.bilinear)
    }
    let pass = try LayerPass(layer, input: x, shape: shape, batch: batch, upstream: g)
    let xd = x.map(Double.init)
    #expect(maxRelativeError(pass.output, reference(xd)) < 1e-6)
    let numeric = numericalGradient(of: { weightedSum(g, reference($0)) }, at: xd)
    #expect(maxRelativeError(pass.inputGradient, numeric) < 1e-5)
  }

  @Test func workersAgree() throws {
    let shape = Shape(channels: 4, height: 16, width: 16)
    let x = randomValues(8 * shape.count, seed: 42)
    let g = randomValues(8 * shape.count * 4, seed: 43)
    let one = try LayerPass(
      Upsample(scale: Size2D(2), mode: .bilinear), input: x, shape: shape, batch: 8, upstream: g)
    let two = try LayerPass(
      Upsample(scale: Size2D(2), mode: .bilinear), input: x, shape: shape, batch: 8, upstream: g,
      threading: Threading(workers: 2))
    #expect(one.output == two.output)
    #expect(one.inputGradient == two.inputGradient)
  }

  @Test func describesItselfAsPyTorch() {
    #expect(
      Upsample(scale: Size2D(2), mode: .nearest).description
        == "Upsample(scale_factor=2.0, mode='nearest')")
    #expect(
      Upsample(scale: Size2D(height: 2, width: 3), mode: .bilinear).description
        == "Upsample(scale_factor=(2.0, 3.0), mode='bilinear')")
  }
}
