/// A stride-1 convolution with few output channels computed directly, for Conv2d: the
/// image's rows copied once between zero columns and rows, then every output pixel the
/// sum of the kernel's taps times shifted input rows, in registers. A decoder's last
/// layer (32 channels to RGB on 64×64 pixels) spent most of its time in im2col columns
/// (288 × 4096 values) and in OpenBLAS packing them for a product of 3 rows.
///
/// Image `[C, H, W]`, weight `[O, C, kh, kw]` as Conv2d keeps it, output `[O, OH, OW]`.
/// The inner loop keeps 4 output channels × 16 pixels of an output row in eight 8-lane
/// accumulators: per tap, two unaligned loads of the padded input row and a broadcast of
/// each channel's weight.
package enum SlidingConvolution {
  typealias Vector = FastMath.Vector

  /// Output channels above which im2col and one matrix product are faster.
  package static let maximumOutputChannels = 8
  /// Output channels one pass of the inner loop makes.
  static let groupChannels = 4
  /// Output pixels along a row that one pass of the inner loop makes.
  static let blockPixels = 16

  /// Whether ``forward(_:geometry:weight:bias:outputChannels:rows:scratch:into:)`` takes a
  /// convolution of this stride and number of output channels.
  package static func accepts(stride: Size2D, outputChannels: Int) -> Bool {
    stride == Size2D(1) && outputChannels <= maximumOutputChannels
  }

  /// Values of a padded input row: the image's row between its zero columns, and at least
  /// one block of output pixels' reach.
  static func paddedRowLength(_ g: ConvolutionGeometry) -> Int {
    max(g.width + 2 * g.padding.width, blockPixels + g.kernel.width - 1)
  }

  /// Floats of scratch that ``forward(_:geometry:weight:bias:outputChannels:rows:scratch:into:)``
  /// needs for `rows` output rows: the padded input rows they read, of every channel.
  package static func scratchCount(_ g: ConvolutionGeometry, rows: Int) -> Int {
    g.channels * (rows + g.kernel.height - 1) * paddedRowLength(g)
  }

  /// Output rows `rows` of one image (stride 1, ``accepts(stride:outputChannels:)``).
  ///
  /// - Parameters:
  ///   - image: `[C, H, W]` as `g` describes it.
  ///   - weight: `[O, C, kh, kw]`.
  ///   - bias: `[O]`, or nil for none.
  ///   - scratch: ``scratchCount(_:rows:)`` floats.
  ///   - y: the output `[O, OH, OW]`; only the rows `rows` of each channel are written.
  package static func forward(
    _ image: UnsafePointer<Float>, geometry g: ConvolutionGeometry, weight: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, outputChannels: Int, rows: Range<Int>,
    scratch: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>
  ) {
    precondition(g.stride == Size2D(1), "SlidingConvolution takes stride 1")
    let (kh, kw) = (g.kernel.height, g.kernel.width)
    let (oh, ow) = (g.outputHeight, g.outputWidth)
    let length = paddedRowLength(g)
    let bandRows = rows.count + kh - 1
    let plane = bandRows * length
    pad(image, geometry: g, rows: rows.lowerBound..<(rows.lowerBound + bandRows), into: scratch)
    let taps = g.channels * kh * kw
    // Output columns of the blocks: whole blocks, the last one ending at the row's end
    // (overlapping the one before); a row narrower than a block goes through `tile`.
    let blocks = (ow + blockPixels - 1) / blockPixels
    withUnsafeTemporaryAllocation(of: Float.self, capacity: groupChannels * blockPixels) { tile in
      guard let tile = tile.baseAddress else { return }
      for row in rows {
        let band = scratch + (row - rows.lowerBound) * length
        for first in stride(from: 0, to: outputChannels, by: groupChannels) {
          let channels = min(groupChannels, outputChannels - first)
          let w = weight + first * taps
          let b = bias.map { $0 + first }
          for blockIndex in 0..<blocks {
            let x = min(blockIndex * blockPixels, max(ow - blockPixels, 0))
            let narrow = ow < blockPixels
            let target = narrow ? tile : y + (first * oh + row) * ow + x
            let channelStride = narrow ? blockPixels : oh * ow
            let source = band + x
            switch channels {
            case 1:
              block(channels: 1, source, g, length, plane, w, taps, b, into: target, channelStride)
            case 2:
              block(channels: 2, source, g, length, plane, w, taps, b, into: target, channelStride)
            case 3:
              block(channels: 3, source, g, length, plane, w, taps, b, into: target, channelStride)
            default:
              block(channels: 4, source, g, length, plane, w, taps, b, into: target, channelStride)
            }
            guard narrow else { continue }
            for o in 0..<channels {
              (y + ((first + o) * oh + row) * ow).update(from: tile + o * blockPixels, count: ow)
            }
          }
        }
      }
    }
  }

  /// Copies input rows `inputRows` of the padded image (row `padding.height` is the image's
  /// row 0) for every channel into `[C, inputRows.count, paddedRowLength]`, zeros around.
  private static func pad(
    _ image: UnsafePointer<Float>, geometry g: ConvolutionGeometry, rows inputRows: Range<Int>,
    into scratch: UnsafeMutablePointer<Float>
  ) {
    let length = paddedRowLength(g)
    let left = g.padding.width
    for c in 0..<g.channels {
      for (index, paddedRow) in inputRows.enumerated() {
        let target = scratch + (c * inputRows.count + index) * length
        let source = paddedRow - g.padding.height
        guard source >= 0, source < g.height else {
          target.update(repeating: 0, count: length)
          continue
        }
        target.update(repeating: 0, count: left)
        (target + left).update(from: image + (c * g.height + source) * g.width, count: g.width)
        (target + left + g.width).update(repeating: 0, count: length - left - g.width)
      }
    }
  }

  /// One output row's 16 pixels for `channels` output channels (1…4, a constant once
  /// inlined): Σ over input channels and taps of weight × padded input from `input`
  /// (input channels `plane` apart, rows `length` apart), plus the bias; stored at `y`,
  /// output channels `channelStride` apart. `weight` is the first channel's
  /// `[C, kh, kw]`, the others `taps` apart.
  @inline(__always)
  private static func block(
    channels: Int, _ input: UnsafePointer<Float>, _ g: ConvolutionGeometry, _ length: Int,
    _ plane: Int, _ weight: UnsafePointer<Float>, _ taps: Int, _ bias: UnsafePointer<Float>?,
    into y: UnsafeMutablePointer<Float>, _ channelStride: Int
  ) {
    func start(_ o: Int) -> Vector { Vector(repeating: channels > o ? bias?[o] ?? 0 : 0) }
    var (a0, b0) = (start(0), start(0))
    var (a1, b1) = (start(1), start(1))
    var (a2, b2) = (start(2), start(2))
    var (a3, b3) = (start(3), start(3))
    let (kh, kw) = (g.kernel.height, g.kernel.width)
    var w = weight
    for c in 0..<g.channels {
      for ki in 0..<kh {
        let line = UnsafeRawPointer(input + c * plane + ki * length)
        for kj in 0..<kw {
          let low = line.loadUnaligned(fromByteOffset: 4 * kj, as: Vector.self)
          let high = line.loadUnaligned(fromByteOffset: 4 * kj + 32, as: Vector.self)
          let w0 = Vector(repeating: w[0])
          a0 = FastMath.multiplyAdd(w0, low, a0)
          b0 = FastMath.multiplyAdd(w0, high, b0)
          if channels > 1 {
            let w1 = Vector(repeating: w[taps])
            a1 = FastMath.multiplyAdd(w1, low, a1)
            b1 = FastMath.multiplyAdd(w1, high, b1)
          }
          if channels > 2 {
            let w2 = Vector(repeating: w[2 * taps])
            a2 = FastMath.multiplyAdd(w2, low, a2)
            b2 = FastMath.multiplyAdd(w2, high, b2)
          }
          if channels > 3 {
            let w3 = Vector(repeating: w[3 * taps])
            a3 = FastMath.multiplyAdd(w3, low, a3)
            b3 = FastMath.multiplyAdd(w3, high, b3)
          }
          w += 1
        }
      }
    }
    store(a0, b0, at: y)
    if channels > 1 { store(a1, b1, at: y + channelStride) }
    if channels > 2 { store(a2, b2, at: y + 2 * channelStride) }
    if channels > 3 { store(a3, b3, at: y + 3 * channelStride) }
  }

  @inline(__always)
  private static func store(_ low: Vector, _ high: Vector, at y: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(y).storeBytes(of: low, as: Vector.self)
    UnsafeMutableRawPointer(y + 8).storeBytes(of: high, as: Vector.self)
  }
}
