extension Size2D {
  /// The extent as a PyTorch module prints the argument: `4` when square, else `(3, 5)`.
  var argumentDescription: String { height == width ? "\(height)" : "(\(height), \(width))" }

  /// Values in the extent: `height·width`.
  var area: Int { height * width }
}
