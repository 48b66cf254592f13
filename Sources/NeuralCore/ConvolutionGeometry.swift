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

  /// Fills `columns` (`[C·kh·kw, batch·positions]`) from `images` (`[batch, C, H, W]`).
  ///
  /// Each input row is split once into its `stride.width` phases (every stride-th pixel),
  /// laid between zeros; the `kw` column rows that read it are then shifted copies of a phase.
  package func im2col(
    _ images: UnsafePointer<Float>, batch: Int, into columns: UnsafeMutablePointer<Float>
  ) {
    let layout = RowPhases(self)
    let (oh, ow, kh, kw) = (outputHeight, outputWidth, kernel.height, kernel.width)
    let (sh, ph) = (stride.height, padding.height)
    let rowLength = batch * positions
    let imageSize = channels * height * width
    layout.withScratch { phases, starts in
      phases.initialize(repeating: 0, count: layout.capacity)
      for c in 0..<channels {
        for ki in 0..<kh {
          let tapRows = columns + (c * kh + ki) * kw * rowLength
          for n in 0..<batch {
            let plane = images + n * imageSize + c * height * width
            for y in 0..<oh {
              let offset = n * positions + y * ow
              let iy = y * sh - ph + ki
              guard iy >= 0, iy < height else {
                for kj in 0..<kw {
                  (tapRows + kj * rowLength + offset).update(repeating: 0, count: ow)
                }
                continue
              }
              layout.split(plane + iy * width, into: phases)
              for kj in 0..<kw {
                RowPhases.copy(ow, from: phases + starts[kj], to: tapRows + kj * rowLength + offset)
              }
            }
          }
        }
      }
    }
  }

  /// Sums `columns` (`[C·kh·kw, batch·positions]`) back into `images`
  /// (`[batch, C, H, W]`, overwritten): the adjoint of ``im2col(_:batch:into:)``.
  ///
  /// Image row by image row: the column rows that read it are summed into its phases,
  /// which are then interleaved into the row, plus `bias[c]` for channel `c` when given.
  package func col2im(
    _ columns: UnsafePointer<Float>, batch: Int, into images: UnsafeMutablePointer<Float>,
    bias: UnsafePointer<Float>? = nil
  ) {
    let layout = RowPhases(self)
    let (oh, ow, kh, kw) = (outputHeight, outputWidth, kernel.height, kernel.width)
    let (sh, ph) = (stride.height, padding.height)
    let rowLength = batch * positions
    let imageSize = channels * height * width
    layout.withScratch { phases, starts in
      for c in 0..<channels {
        let b = bias?[c] ?? 0
        let channelRows = columns + c * kh * kw * rowLength
        for n in 0..<batch {
          let plane = images + n * imageSize + c * height * width
          for iy in 0..<height {
            phases.update(repeating: 0, count: layout.capacity)
            // Kernel rows ki with iy = y·s − p + ki for an output row y.
            var ki = (iy + ph) % sh
            while ki < kh {
              let y = (iy + ph - ki) / sh
              if y < 0 { break }
              if y < oh {
                let segment = channelRows + ki * kw * rowLength + n * positions + y * ow
                for kj in 0..<kw {
                  RowPhases.add(ow, from: segment + kj * rowLength, to: phases + starts[kj])
                }
              }
              ki += sh
            }
            layout.store(phases, into: plane + iy * width, adding: b)
          }
        }
      }
    }
  }
}

/// Block transposes between `[A, B, P]` and `[B, A, P]` layouts (P contiguous values per block).
package enum BlockTranspose {
  /// `destination[b][a][·] = source[a][b][·]` for `source` laid out `[a, b, block]`.
  package static func swapOuter(
    _ source: UnsafePointer<Float>, a: Int, b: Int, block: Int,
    into destination: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<a {
      for j in 0..<b {
        (destination + (j * a + i) * block).update(from: source + (i * b + j) * block, count: block)
      }
    }
  }
}
