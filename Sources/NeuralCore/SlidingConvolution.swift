internal import CKernels

/// A stride-1 convolution with few output channels computed directly, for Conv2d: the
/// image's rows copied once between zero columns and rows, then every output pixel the
/// sum of the kernel's taps times shifted input rows, in registers. A decoder's last
/// layer (32 channels to RGB on 64×64 pixels) spent most of its time in im2col columns
/// (288 × 4096 values) and in OpenBLAS packing them for a product of 3 rows.
///
/// Image `[C, H, W]`, weight `[O, C, kh, kw]` as Conv2d keeps it, output `[O, OH, OW]`.
/// The kernel (CKernels' `latent_sliding_convolution`, at the process's ``KernelLevel``)
/// keeps 4 output channels × 16 pixels of an output row in registers (× 32 with AVX-512):
/// per tap, unaligned loads of the padded input row and a broadcast of each channel's weight.
package enum SlidingConvolution {
  /// Output channels above which im2col and one matrix product are faster.
  package static let maximumOutputChannels = 8
  /// Output pixels along a row that the widest level's kernel makes at once (AVX-512's;
  /// 16 at the others).
  static let blockPixels = 32

  /// Whether ``forward(_:geometry:weight:bias:outputChannels:rows:scratch:into:level:)`` takes a
  /// convolution of this stride and number of output channels.
  package static func accepts(stride: Size2D, outputChannels: Int) -> Bool {
    stride == Size2D(1) && outputChannels <= maximumOutputChannels
  }

  /// Values of a padded input row: the image's row between its zero columns, and at least
  /// one block of output pixels' reach.
  static func paddedRowLength(_ g: ConvolutionGeometry) -> Int {
    max(g.width + 2 * g.padding.width, blockPixels + g.kernel.width - 1)
  }

  /// Floats of scratch that ``forward(_:geometry:weight:bias:outputChannels:rows:scratch:into:level:)``
  /// needs for `rows` output rows: the padded input rows they read, of every channel.
  package static func scratchCount(_ g: ConvolutionGeometry, rows: Int) -> Int {
    g.channels * (rows + g.kernel.height - 1) * paddedRowLength(g)
  }

  /// Output rows `rows` of one image (stride 1, ``accepts(stride:outputChannels:)``), in
  /// CKernels at `level`.
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
    scratch: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>,
    level: KernelLevel = .current
  ) {
    precondition(g.stride == Size2D(1), "SlidingConvolution takes stride 1")
    let length = paddedRowLength(g)
    let bandRows = rows.count + g.kernel.height - 1
    pad(image, geometry: g, rows: rows.lowerBound..<(rows.lowerBound + bandRows), into: scratch)
    var band = latent_sliding_geometry(
      channels: g.channels, kernel_height: g.kernel.height, kernel_width: g.kernel.width,
      output_height: g.outputHeight, output_width: g.outputWidth, row_length: length,
      plane: bandRows * length)
    latent_sliding_convolution(
      level.c, &band, scratch, weight, bias, outputChannels, rows.lowerBound, rows.count, y)
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
}
