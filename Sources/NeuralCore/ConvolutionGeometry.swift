/// Where a convolution's kernel lands on an image, and the im2col / col2im
/// transforms that turn a convolution into one matrix product.
///
/// The column matrix for a batch of `N` images is `[C·k·k, N·OH·OW]`: row
/// `(c·k + ki)·k + kj` holds, for every output position of every image, the
/// input pixel that kernel tap `(ki, kj)` of channel `c` sees (0 in the padding).
package struct ConvolutionGeometry: Hashable, Sendable {
  /// Image channels.
  package var channels: Int
  /// Image rows.
  package var height: Int
  /// Image columns.
  package var width: Int
  /// Square kernel side.
  package var kernel: Int
  /// Step between kernel positions.
  package var stride: Int
  /// Zero rows/columns added on every side.
  package var padding: Int

  package init(channels: Int, height: Int, width: Int, kernel: Int, stride: Int, padding: Int) {
    self.channels = channels
    self.height = height
    self.width = width
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
  }

  /// Kernel positions down the image.
  package var outputHeight: Int { (height + 2 * padding - kernel) / stride + 1 }
  /// Kernel positions across the image.
  package var outputWidth: Int { (width + 2 * padding - kernel) / stride + 1 }
  /// Kernel positions per image.
  package var positions: Int { outputHeight * outputWidth }
  /// Rows of the column matrix: `C·k·k`.
  package var columnRows: Int { channels * kernel * kernel }

  /// Fills `columns` (`[C·k·k, batch·positions]`) from `images` (`[batch, C, H, W]`).
  ///
  /// Each input row is split once into its `stride` phases (every stride-th pixel), laid
  /// between zeros; the `k` column rows that read it are then shifted copies of a phase.
  package func im2col(
    _ images: UnsafePointer<Float>, batch: Int, into columns: UnsafeMutablePointer<Float>
  ) {
    let layout = RowPhases(self)
    let (oh, ow, k) = (outputHeight, outputWidth, kernel)
    let rowLength = batch * positions
    let imageSize = channels * height * width
    layout.withScratch { phases, starts in
      phases.initialize(repeating: 0, count: layout.capacity)
      for c in 0..<channels {
        for ki in 0..<k {
          let tapRows = columns + (c * k + ki) * k * rowLength
          for n in 0..<batch {
            let plane = images + n * imageSize + c * height * width
            for y in 0..<oh {
              let offset = n * positions + y * ow
              let iy = y * stride - padding + ki
              guard iy >= 0, iy < height else {
                for kj in 0..<k {
                  (tapRows + kj * rowLength + offset).update(repeating: 0, count: ow)
                }
                continue
              }
              layout.split(plane + iy * width, into: phases)
              for kj in 0..<k {
                RowPhases.copy(ow, from: phases + starts[kj], to: tapRows + kj * rowLength + offset)
              }
            }
          }
        }
      }
    }
  }

  /// Sums `columns` (`[C·k·k, batch·positions]`) back into `images`
  /// (`[batch, C, H, W]`, overwritten): the adjoint of ``im2col(_:batch:into:)``.
  ///
  /// Image row by image row: the column rows that read it are summed into its phases,
  /// which are then interleaved into the row, plus `bias[c]` for channel `c` when given.
  package func col2im(
    _ columns: UnsafePointer<Float>, batch: Int, into images: UnsafeMutablePointer<Float>,
    bias: UnsafePointer<Float>? = nil
  ) {
    let layout = RowPhases(self)
    let (oh, ow, k) = (outputHeight, outputWidth, kernel)
    let rowLength = batch * positions
    let imageSize = channels * height * width
    layout.withScratch { phases, starts in
      for c in 0..<channels {
        let b = bias?[c] ?? 0
        let channelRows = columns + c * k * k * rowLength
        for n in 0..<batch {
          let plane = images + n * imageSize + c * height * width
          for iy in 0..<height {
            phases.update(repeating: 0, count: layout.capacity)
            // Kernel rows ki with iy = y·s − p + ki for an output row y.
            var ki = (iy + padding) % stride
            while ki < k {
              let y = (iy + padding - ki) / stride
              if y < 0 { break }
              if y < oh {
                let segment = channelRows + ki * k * rowLength + n * positions + y * ow
                for kj in 0..<k {
                  RowPhases.add(ow, from: segment + kj * rowLength, to: phases + starts[kj])
                }
              }
              ki += stride
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
