import LatentBasics

/// PyTorch's `nn.Upsample(scale_factor=(sh, sw), mode=…)` with whole scale factors:
/// `[N, C, H, W]` → `[N, C, H·sh, W·sw]`.
///
/// Nearest: output pixel `(y, x)` is input pixel `(y / sh, x / sw)`. Bilinear
/// (`align_corners=False`): along each axis the source coordinate is PyTorch's
/// `max(0, (i + 0.5)/s − 0.5)`, between input pixels `⌊src⌋` and `min(⌊src⌋ + 1, size − 1)`.
/// Backward adds each output gradient into the input pixels it came from. No parameters;
/// the work splits over the N·C planes when the batch is large.
package final class Upsample: Layer {
  /// How output pixels are made from input pixels.
  package enum Mode: Hashable, Sendable {
    /// Each input pixel repeated sh × sw times.
    case nearest
    /// Interpolated between the two nearest input pixels along each axis.
    case bilinear
  }

  /// Whole factors by which height and width grow (at least 1).
  package let scale: Size2D
  package let mode: Mode
  package let parameters: [Parameter] = []

  private let output = FloatBuffer()
  private let inputGradient = FloatBuffer()
  /// Bilinear interpolation along rows and columns, for the input size last seen.
  private var rows = Interpolation(size: 0, scale: 1)
  private var columns = Interpolation(size: 0, scale: 1)
  private var input = Shape(channels: 0)
  private var batch = 0
  private var threading = Threading.single

  /// A layer growing height by `scale.height` and width by `scale.width`.
  package init(scale: Size2D, mode: Mode) {
    self.scale = scale
    self.mode = mode
  }

  package var scratchCapacity: Int { output.capacity + inputGradient.capacity }

  package var description: String {
    let factors =
      scale.height == scale.width
      ? "\(Float(scale.height))" : "(\(Float(scale.height)), \(Float(scale.width)))"
    return "Upsample(scale_factor=\(factors), mode='\(mode == .nearest ? "nearest" : "bilinear")')"
  }

  package func outputShape(for input: Shape) throws(LatentError) -> Shape {
    guard scale.height >= 1, scale.width >= 1 else {
      throw LatentError(
        .configuration,
        "Upsample needs whole scale factors of at least 1, got "
          + "\(scale.height)×\(scale.width)")
    }
    return Shape(
      channels: input.channels, height: input.height * scale.height,
      width: input.width * scale.width)
  }

  package func forward(
    _ input: UnsafeMutablePointer<Float>, shape: Shape, batch: Int, threading: Threading
  ) -> UnsafeMutablePointer<Float> {
    self.input = shape
    self.batch = batch
    self.threading = threading
    let (h, w) = (shape.height, shape.width)
    let (height, width) = (h * scale.height, w * scale.width)
    let planes = batch * shape.channels
    let output = self.output.reserve(planes * height * width)
    switch mode {
    case .nearest:
      let (sh, sw) = (scale.height, scale.width)
      Parallel.forEachPart(of: planes, values: planes * height * width, threading: threading) {
        part in
        for p in part {
          let (source, target) = (input + p * h * w, output + p * height * width)
          for y in 0..<h {
            let row = target + y * sh * width
            for x in 0..<w {
              let value = source[y * w + x]
              for k in 0..<sw { row[x * sw + k] = value }
            }
            for k in 1..<sh { (row + k * width).update(from: row, count: width) }
          }
        }
      }
    case .bilinear:
      if rows.size != h { rows = Interpolation(size: h, scale: scale.height) }
      if columns.size != w { columns = Interpolation(size: w, scale: scale.width) }
      let (rows, columns) = (rows, columns)
      Parallel.forEachPart(of: planes, values: planes * height * width, threading: threading) {
        part in
        for p in part {
          let (source, target) = (input + p * h * w, output + p * height * width)
          for y in 0..<height {
            let (top, bottom) = (source + rows.low[y] * w, source + rows.high[y] * w)
            let (a0, a1) = (rows.lowWeight[y], rows.highWeight[y])
            for x in 0..<width {
              let (x0, x1) = (columns.low[x], columns.high[x])
              let (b0, b1) = (columns.lowWeight[x], columns.highWeight[x])
              target[y * width + x] =
                a0 * (b0 * top[x0] + b1 * top[x1]) + a1 * (b0 * bottom[x0] + b1 * bottom[x1])
            }
          }
        }
      }
    }
    return output
  }

  package func backward(_ outputGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool)
    -> UnsafeMutablePointer<Float>?
  {
    guard needsInputGradient else { return nil }
    let (h, w) = (input.height, input.width)
    let (height, width) = (h * scale.height, w * scale.width)
    let planes = batch * input.channels
    let inputGradient = self.inputGradient.reserve(planes * h * w)
    let (sh, sw) = (scale.height, scale.width)
    let (rows, columns, mode) = (rows, columns, mode)
    Parallel.forEachPart(of: planes, values: planes * height * width, threading: threading) {
      part in
      for p in part {
        let (dy, dx) = (outputGradient + p * height * width, inputGradient + p * h * w)
        dx.update(repeating: 0, count: h * w)
        switch mode {
        case .nearest:
          for y in 0..<height {
            let (row, sourceRow) = (dy + y * width, dx + (y / sh) * w)
            for x in 0..<width { sourceRow[x / sw] += row[x] }
          }
        case .bilinear:
          for y in 0..<height {
            let (top, bottom) = (dx + rows.low[y] * w, dx + rows.high[y] * w)
            let (a0, a1) = (rows.lowWeight[y], rows.highWeight[y])
            for x in 0..<width {
              let g = dy[y * width + x]
              let (x0, x1) = (columns.low[x], columns.high[x])
              let (b0, b1) = (columns.lowWeight[x], columns.highWeight[x])
              top[x0] += a0 * b0 * g
              top[x1] += a0 * b1 * g
              bottom[x0] += a1 * b0 * g
              bottom[x1] += a1 * b1 * g
            }
          }
        }
      }
    }
    return inputGradient
  }
}

/// Bilinear interpolation along one axis of `size` pixels grown `scale` times: output
/// pixel `i` is `lowWeight[i]·in[low[i]] + highWeight[i]·in[high[i]]`, with PyTorch's
/// `align_corners=False` source coordinate `max(0, (i + 0.5)/scale − 0.5)` in Float.
private struct Interpolation {
  let size: Int
  let low: [Int]
  let high: [Int]
  let lowWeight: [Float]
  let highWeight: [Float]

  init(size: Int, scale: Int) {
    self.size = size
    let inverse = 1 / Float(scale)
    var low: [Int] = []
    var high: [Int] = []
    var lowWeight: [Float] = []
    var highWeight: [Float] = []
    for i in 0..<(size * scale) {
      let source = max(0, inverse * (Float(i) + 0.5) - 0.5)
      let index = Int(source)
      low.append(index)
      high.append(min(index + 1, size - 1))
      highWeight.append(source - Float(index))
      lowWeight.append(1 - (source - Float(index)))
    }
    (self.low, self.high, self.lowWeight, self.highWeight) = (low, high, lowWeight, highWeight)
  }
}
