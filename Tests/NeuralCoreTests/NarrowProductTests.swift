import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// A one-image ConvTranspose2d case: the convolution, and its channels.
struct TransposedImageCase: Sendable, CustomTestStringConvertible {
  var convolution: ConvolutionCase
  var inputChannels: Int
  var outputChannels: Int

  var testDescription: String {
    "\(inputChannels)→\(outputChannels) \(convolution.testDescription)"
  }
}

/// One image whose pixel count is not a multiple of 16 goes through ``NarrowProduct``;
/// a multiple of 16 through ``PanelProduct``.
@Suite("ConvTranspose2d on one image of few pixels")
struct NarrowProductTests {
  static func image(
    _ height: Int, _ width: Int, _ inputChannels: Int, _ outputChannels: Int, kernel: Size2D,
    stride: Int, padding: Int, workers: Int
  ) -> TransposedImageCase {
    TransposedImageCase(
      convolution: ConvolutionCase(
        kernel: kernel, stride: Size2D(stride), padding: Size2D(padding),
        outputPadding: Size2D(stride - 1), workers: workers,
        size: Size2D(height: height, width: width)),
      inputChannels: inputChannels, outputChannels: outputChannels)
  }

  /// 1, 4, 9 and 20 pixels (the narrow product: whole and partial 4-column blocks, workers'
  /// shares starting inside a 24-row panel), then 16 and 32 (the 4-row panels).
  static let cases: [TransposedImageCase] = [
    image(1, 1, 7, 1, kernel: Size2D(3), stride: 2, padding: 1, workers: 1),
    image(2, 2, 40, 3, kernel: Size2D(3), stride: 2, padding: 1, workers: 1),
    image(2, 2, 33, 8, kernel: Size2D(3), stride: 2, padding: 1, workers: 2),
    image(3, 3, 12, 5, kernel: Size2D(5), stride: 2, padding: 2, workers: 2),
    image(3, 3, 9, 3, kernel: Size2D(height: 1, width: 3), stride: 1, padding: 0, workers: 1),
    image(4, 5, 16, 5, kernel: Size2D(3), stride: 2, padding: 0, workers: 1),
    image(4, 5, 11, 8, kernel: Size2D(5), stride: 1, padding: 2, workers: 2),
    image(5, 4, 6, 1, kernel: Size2D(height: 1, width: 3), stride: 2, padding: 1, workers: 2),
    image(4, 4, 20, 5, kernel: Size2D(3), stride: 2, padding: 1, workers: 2),
    image(4, 8, 10, 3, kernel: Size2D(5), stride: 2, padding: 2, workers: 1),
  ]

  @Test(arguments: cases)
  func oneImageMatchesNestedLoops(_ test: TransposedImageCase) throws {
    let c = test.convolution
    var generator = SeededGenerator(seed: 41)
    let layer = ConvTranspose2d(
      test.inputChannels, test.outputChannels, kernel: c.kernel, stride: c.stride,
      padding: c.padding, outputPadding: c.outputPadding, generator: &generator)
    let shape = Shape(channels: test.inputChannels, height: c.size.height, width: c.size.width)
    var x = randomValues(shape.count, seed: 42)
    let expected = DirectConvolution.convTranspose2d(
      x.map(Double.init), batch: 1, channels: test.inputChannels, size: c.size,
      weight: layer.weight.values.map(Double.init),
      bias: layer.bias?.values.map(Double.init) ?? [], outChannels: test.outputChannels, c)
    let count = try layer.outputShape(for: shape).count
    let output = x.withUnsafeMutableBufferPointer { buffer in
      let y = layer.forward(
        buffer.baseAddress!, shape: shape, batch: 1, threading: Threading(workers: c.workers))
      return Array(UnsafeBufferPointer(start: y, count: count))
    }
    #expect(output.count == expected.count)
    #expect(maxRelativeError(output, expected) < 1e-5)
  }

  /// The product itself on a range of panels (as a worker's share; the last panel holds
  /// 13 rows of 61), against sums in Double.
  @Test(arguments: [(13, 1), (13, 4), (13, 7), (40, 9)])
  func panelRangeOfTheProduct(k: Int, n: Int) {
    let m = 61
    let panels = 1..<3
    let w = randomValues(k * m, seed: 43)
    let x = randomValues(k * n, seed: 44)
    let rowsPerPanel = NarrowProduct.panelRows
    var packed = [Float](repeating: .nan, count: NarrowProduct.panels(rows: m) * rowsPerPanel * k)
    var padded = [Float](repeating: .nan, count: k * NarrowProduct.paddedColumns(n))
    var c = [Float](repeating: .nan, count: panels.count * rowsPerPanel * n)
    packed.withUnsafeMutableBufferPointer { a in
      NarrowProduct.packTransposed(w, k: k, m: m, into: a.baseAddress!)
      padded.withUnsafeMutableBufferPointer { p in
        NarrowProduct.padColumns(x, k: k, n: n, into: p.baseAddress!)
        c.withUnsafeMutableBufferPointer { cp in
          NarrowProduct.multiply(
            a.baseAddress!, panels: panels, k: k, paddedColumns: p.baseAddress!, n: n,
            into: cp.baseAddress!)
        }
      }
    }
    var expected: [Double] = []
    for r in (panels.lowerBound * rowsPerPanel)..<(panels.upperBound * rowsPerPanel) {
      for j in 0..<n {
        expected.append(
          r < m ? (0..<k).reduce(0.0) { $0 + Double(w[$1 * m + r]) * Double(x[$1 * n + j]) } : 0)
      }
    }
    #expect(maxRelativeError(c, expected) < 1e-5)
  }
}
