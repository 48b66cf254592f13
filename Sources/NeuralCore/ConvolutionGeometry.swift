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

  /// The output columns `ow` whose tap at column offset `kj` falls inside the image.
  @inline(__always)
  private func validColumns(_ kj: Int) -> Range<Int> {
    let shift = kj - padding  // input column = ow·stride + shift
    let low = shift >= 0 ? 0 : (-shift + stride - 1) / stride
    let high = min(outputWidth, width - shift > 0 ? (width - shift - 1) / stride + 1 : 0)
    return low..<max(low, high)
  }

  /// Fills `columns` (`[C·k·k, batch·positions]`) from `images` (`[batch, C, H, W]`).
  package func im2col(
    _ images: UnsafePointer<Float>, batch: Int, into columns: UnsafeMutablePointer<Float>
  ) {
    let (oh, ow, k, s) = (outputHeight, outputWidth, kernel, stride)
    let rowLength = batch * positions
    let imageSize = channels * height * width
    for c in 0..<channels {
      for ki in 0..<k {
        for kj in 0..<k {
          let row = columns + ((c * k + ki) * k + kj) * rowLength
          let valid = validColumns(kj)
          let shift = kj - padding
          for n in 0..<batch {
            let source = images + n * imageSize + c * height * width
            let destination = row + n * positions
            for y in 0..<oh {
              let out = destination + y * ow
              let iy = y * s - padding + ki
              guard iy >= 0, iy < height, !valid.isEmpty else {
                out.update(repeating: 0, count: ow)
                continue
              }
              let line = source + iy * width + shift
              if valid.lowerBound > 0 { out.update(repeating: 0, count: valid.lowerBound) }
              if s == 1 {
                out.advanced(by: valid.lowerBound).update(
                  from: line + valid.lowerBound, count: valid.count)
              } else if s == 2 {
                Self.gatherEven(line, out, valid, rowEnd: width - shift)
              } else {
                for x in valid { out[x] = line[x * s] }
              }
              if valid.upperBound < ow {
                (out + valid.upperBound).update(repeating: 0, count: ow - valid.upperBound)
              }
            }
          }
        }
      }
    }
  }

  /// Sums `columns` (`[C·k·k, batch·positions]`) back into `images`
  /// (`[batch, C, H, W]`, overwritten): the adjoint of ``im2col(_:batch:into:)``.
  package func col2im(
    _ columns: UnsafePointer<Float>, batch: Int, into images: UnsafeMutablePointer<Float>
  ) {
    let (oh, ow, k, s) = (outputHeight, outputWidth, kernel, stride)
    let rowLength = batch * positions
    let imageSize = channels * height * width
    images.update(repeating: 0, count: batch * imageSize)
    for n in 0..<batch {
      for c in 0..<channels {
        let target = images + n * imageSize + c * height * width
        for ki in 0..<k {
          for kj in 0..<k {
            let source = columns + ((c * k + ki) * k + kj) * rowLength + n * positions
            let valid = validColumns(kj)
            if valid.isEmpty { continue }
            let shift = kj - padding
            for y in 0..<oh {
              let iy = y * s - padding + ki
              guard iy >= 0, iy < height else { continue }
              let line = target + iy * width + shift
              let values = source + y * ow
              if s == 1 {
                for x in valid { line[x] += values[x] }
              } else if s == 2 {
                Self.scatterAddEven(values, line, valid, rowEnd: width - shift)
              } else {
                for x in valid { line[x * s] += values[x] }
              }
            }
          }
        }
      }
    }
  }
}

extension ConvolutionGeometry {
  /// `out[x] = line[2x]` for `x` in `range`, eight at a time from 16 contiguous
  /// values; `rowEnd` bounds the readable part of `line`.
  @inline(__always)
  static func gatherEven(
    _ line: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ range: Range<Int>,
    rowEnd: Int
  ) {
    var x = range.lowerBound
    while x + 8 <= range.upperBound, 2 * x + 16 <= rowEnd {
      let pair = UnsafeRawPointer(line + 2 * x).loadUnaligned(as: SIMD16<Float>.self)
      UnsafeMutableRawPointer(out + x).storeBytes(of: pair.evenHalf, as: SIMD8<Float>.self)
      x += 8
    }
    while x + 4 <= range.upperBound, 2 * x + 8 <= rowEnd {
      let pair = UnsafeRawPointer(line + 2 * x).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(out + x).storeBytes(of: pair.evenHalf, as: SIMD4<Float>.self)
      x += 4
    }
    while x < range.upperBound {
      out[x] = line[2 * x]
      x += 1
    }
  }

  /// `line[2x] += values[x]` for `x` in `range`, eight at a time through 16
  /// contiguous values whose odd lanes are left as they are.
  @inline(__always)
  static func scatterAddEven(
    _ values: UnsafePointer<Float>, _ line: UnsafeMutablePointer<Float>, _ range: Range<Int>,
    rowEnd: Int
  ) {
    var x = range.lowerBound
    while x + 8 <= range.upperBound, 2 * x + 16 <= rowEnd {
      let target = UnsafeMutableRawPointer(line + 2 * x)
      var pair = target.loadUnaligned(as: SIMD16<Float>.self)
      pair.evenHalf += UnsafeRawPointer(values + x).loadUnaligned(as: SIMD8<Float>.self)
      target.storeBytes(of: pair, as: SIMD16<Float>.self)
      x += 8
    }
    while x + 4 <= range.upperBound, 2 * x + 8 <= rowEnd {
      let target = UnsafeMutableRawPointer(line + 2 * x)
      var pair = target.loadUnaligned(as: SIMD8<Float>.self)
      pair.evenHalf += UnsafeRawPointer(values + x).loadUnaligned(as: SIMD4<Float>.self)
      target.storeBytes(of: pair, as: SIMD8<Float>.self)
      x += 4
    }
    while x < range.upperBound {
      line[2 * x] += values[x]
      x += 1
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
