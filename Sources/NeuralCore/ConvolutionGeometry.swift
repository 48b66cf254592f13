internal import CKernels

/// Where a convolution's kernel lands on an image, and the im2col / col2im
/// transforms that turn a convolution into one matrix product.
///
/// The column matrix for a batch of `N` images is `[C·kh·kw, N·OH·OW]`: row
/// `(c·kh + ki)·kw + kj` holds, for every output position of every image, the
/// input pixel that kernel tap `(ki, kj)` of channel `c` sees (0 in the padding).
/// Kernel, stride and padding are per axis (rows, columns).
package struct ConvolutionGeometry: Hashable, Sendable {
  /// Image channels.
  package var channels: Int
  /// Image rows.
  package var height: Int
  /// Image columns.
  package var width: Int
  /// Kernel rows and columns.
  package var kernel: Size2D
  /// Step between kernel positions, down and across.
  package var stride: Size2D
  /// Zero rows added above and below, zero columns added left and right.
  package var padding: Size2D

  package init(
    channels: Int, height: Int, width: Int, kernel: Size2D, stride: Size2D, padding: Size2D
  ) {
    self.channels = channels
    self.height = height
    self.width = width
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
  }

  /// A square kernel, with the same stride and padding on both axes.
  package init(channels: Int, height: Int, width: Int, kernel: Int, stride: Int, padding: Int) {
    self.init(
      channels: channels, height: height, width: width, kernel: Size2D(kernel),
      stride: Size2D(stride), padding: Size2D(padding))
  }

  /// Kernel positions down the image.
  package var outputHeight: Int {
    (height + 2 * padding.height - kernel.height) / stride.height + 1
  }
  /// Kernel positions across the image.
  package var outputWidth: Int { (width + 2 * padding.width - kernel.width) / stride.width + 1 }
  /// Kernel positions per image.
  package var positions: Int { outputHeight * outputWidth }
  /// Taps per channel: `kh·kw`.
  package var taps: Int { kernel.height * kernel.width }
  /// Rows of the column matrix: `C·kh·kw`.
  package var columnRows: Int { channels * taps }

  /// The geometry as CKernels takes it, which needs the kernel to fit the padded image.
  private var c: latent_convolution_geometry {
    precondition(
      height + 2 * padding.height >= kernel.height && width + 2 * padding.width >= kernel.width,
      "the kernel is larger than the padded image")
    return latent_convolution_geometry(
      channels: channels, height: height, width: width, kernel_height: kernel.height,
      kernel_width: kernel.width, stride_height: stride.height, stride_width: stride.width,
      padding_height: padding.height, padding_width: padding.width, output_height: outputHeight,
      output_width: outputWidth)
  }

  /// Fills `columns` (`[C·kh·kw, batch·positions]`) from `images` (`[batch, C, H, W]`), in
  /// CKernels at `level` (every level copies the same values).
  ///
  /// Each input row is split once into its `stride.width` phases (every stride-th pixel),
  /// laid between zeros; the `kw` column rows that read it are then shifted copies of a phase.
  package func im2col(
    _ images: UnsafePointer<Float>, batch: Int, into columns: UnsafeMutablePointer<Float>,
    level: KernelLevel = .current
  ) {
    var geometry = c
    let status = latent_im2col(level.c, &geometry, images, batch, columns)
    precondition(status == 0, "im2col: out of memory for the row scratch")
  }

  /// Sums `columns` (`[C·kh·kw, batch·positions]`) back into `images`
  /// (`[batch, C, H, W]`, overwritten): the adjoint of ``im2col(_:batch:into:level:)``, in
  /// CKernels at `level` (every level adds the same values in the same order).
  ///
  /// Image row by image row: each of its `stride.width` phases is summed 16 pixels at a time
  /// in registers from the column rows that read it, and the phases are interleaved into the
  /// row, plus `bias[c]` for channel `c` when given; rows under 8 positions wide gather each
  /// pixel's entries from a table instead.
  package func col2im(
    _ columns: UnsafePointer<Float>, batch: Int, into images: UnsafeMutablePointer<Float>,
    bias: UnsafePointer<Float>? = nil, level: KernelLevel = .current
  ) {
    var geometry = c
    let status = latent_col2im(level.c, &geometry, columns, batch, images, bias)
    precondition(status == 0, "col2im: out of memory for the row scratch")
  }
}

/// Block transposes between `[A, B, P]` and `[B, A, P]` layouts (P contiguous values per block).
package enum BlockTranspose {
  /// `destination[b][a][·] = source[a][b][·] + bias[a]` (no bias when nil) for `source` laid
  /// out `[a, b, block]`, in CKernels at `level` (the same values at every level).
  package static func swapOuter(
    _ source: UnsafePointer<Float>, a: Int, b: Int, block: Int,
    into destination: UnsafeMutablePointer<Float>, adding bias: UnsafePointer<Float>? = nil,
    level: KernelLevel = .current
  ) {
    latent_swap_outer(level.c, source, a, b, block, bias, destination)
  }

  /// `sums[c] = Σ_n Σ_i values[(n·channels + c)·plane + i]` over `batch` images of
  /// `channels` planes of `plane` values (a bias's gradient), or `sums[c] +=` that sum when
  /// `accumulate`; in CKernels at `level` (16-lane Float sums per 4096 values, added in
  /// Double; the same bits at every level).
  package static func channelSums(
    _ values: UnsafePointer<Float>, batch: Int, channels: Int, plane: Int,
    into sums: UnsafeMutablePointer<Float>, accumulate: Bool, level: KernelLevel = .current
  ) {
    latent_channel_sums(level.c, batch, channels, plane, values, accumulate ? 1 : 0, sums)
  }
}
