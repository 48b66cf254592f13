import ArgumentParser

/// The values of `--config`: a stock convolutional model of a side (`conv64`), the stock
/// MLP (`mlp`), or a config file (`FILE.json`).
enum ArchitectureName: Hashable, ExpressibleByArgument {
  case conv(side: Int)
  case mlp
  case file(String)

  /// Parses `conv64`, `mlp` or a path ending in `.json`; anything else is a usage error.
  init?(argument: String) {
    if argument == "mlp" {
      self = .mlp
    } else if argument.hasSuffix(".json") {
      self = .file(argument)
    } else if argument.hasPrefix("conv"), let side = Int(argument.dropFirst(4)), side > 0 {
      self = .conv(side: side)
    } else {
      return nil
    }
  }

  var defaultValueDescription: String {
    switch self {
    case .conv(let side): return "conv\(side)"
    case .mlp: return "mlp"
    case .file(let path): return path
    }
  }
}
