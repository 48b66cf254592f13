/// The shape of one sample in a batch: channels × height × width.
///
/// Batches are NCHW: sample `n`, channel `c`, row `y`, column `x` sits at
/// `((n * c + c) * h + y) * w + x`. A flat vector of `F` features is `(F, 1, 1)`,
/// so a `[N, F]` matrix and an `[N, F, 1, 1]` image batch are the same memory.
package struct Shape: Hashable, Sendable, CustomStringConvertible {
  /// Channels (or features, for a flat vector).
  package var channels: Int
  /// Rows.
  package var height: Int
  /// Columns.
  package var width: Int

  package init(channels: Int, height: Int = 1, width: Int = 1) {
    self.channels = channels
    self.height = height
    self.width = width
  }

  /// A flat vector of `features` values.
  package static func vector(_ features: Int) -> Shape { Shape(channels: features) }

  /// Values in one sample.
  package var count: Int { channels * height * width }

  /// Pixels in one channel.
  package var plane: Int { height * width }

  /// `[C, H, W]`, or `[F]` for a flat vector.
  package var dimensions: [Int] {
    height == 1 && width == 1 ? [channels] : [channels, height, width]
  }

  package var description: String { dimensions.map(String.init).joined(separator: "×") }
}
