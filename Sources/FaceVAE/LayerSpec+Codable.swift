import NeuralCore

extension LayerSpec: Codable {
  private enum Key: String, CodingKey {
    case type
    case inFeatures = "in_features"
    case outFeatures = "out_features"
    case inChannels = "in_channels"
    case outChannels = "out_channels"
    case kernelSize = "kernel_size"
    case stride, padding
    case outputPadding = "output_padding"
    case negativeSlope = "negative_slope"
    case shape
  }

  package init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    let type = try c.decode(String.self, forKey: .type)
    switch type {
    case "Linear":
      self = .linear(
        inFeatures: try c.decode(Int.self, forKey: .inFeatures),
        outFeatures: try c.decode(Int.self, forKey: .outFeatures))
    case "Conv2d":
      self = .conv2d(
        inChannels: try c.decode(Int.self, forKey: .inChannels),
        outChannels: try c.decode(Int.self, forKey: .outChannels),
        kernel: try c.decode(Int.self, forKey: .kernelSize),
        stride: try c.decodeIfPresent(Int.self, forKey: .stride) ?? 1,
        padding: try c.decodeIfPresent(Int.self, forKey: .padding) ?? 0)
    case "ConvTranspose2d":
      self = .convTranspose2d(
        inChannels: try c.decode(Int.self, forKey: .inChannels),
        outChannels: try c.decode(Int.self, forKey: .outChannels),
        kernel: try c.decode(Int.self, forKey: .kernelSize),
        stride: try c.decodeIfPresent(Int.self, forKey: .stride) ?? 1,
        padding: try c.decodeIfPresent(Int.self, forKey: .padding) ?? 0,
        outputPadding: try c.decodeIfPresent(Int.self, forKey: .outputPadding) ?? 0)
    case "ReLU": self = .relu
    case "LeakyReLU":
      self = .leakyReLU(slope: try c.decodeIfPresent(Float.self, forKey: .negativeSlope) ?? 0.01)
    case "Tanh": self = .tanh
    case "Sigmoid": self = .sigmoid
    case "Flatten": self = .flatten
    case "Unflatten":
      let dims = try c.decode([Int].self, forKey: .shape)
      guard dims.count == 1 || dims.count == 3 else {
        throw DecodingError.dataCorruptedError(
          forKey: .shape, in: c, debugDescription: "Unflatten shape must be [F] or [C, H, W]")
      }
      self = .unflatten(
        dims.count == 1
          ? .vector(dims[0]) : Shape(channels: dims[0], height: dims[1], width: dims[2]))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: c, debugDescription: "unknown layer type '\(type)'")
    }
  }

  package func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    switch self {
    case .linear(let i, let o):
      try c.encode("Linear", forKey: .type)
      try c.encode(i, forKey: .inFeatures)
      try c.encode(o, forKey: .outFeatures)
    case .conv2d(let i, let o, let k, let s, let p):
      try c.encode("Conv2d", forKey: .type)
      try c.encode(i, forKey: .inChannels)
      try c.encode(o, forKey: .outChannels)
      try c.encode(k, forKey: .kernelSize)
      try c.encode(s, forKey: .stride)
      try c.encode(p, forKey: .padding)
    case .convTranspose2d(let i, let o, let k, let s, let p, let op):
      try c.encode("ConvTranspose2d", forKey: .type)
      try c.encode(i, forKey: .inChannels)
      try c.encode(o, forKey: .outChannels)
      try c.encode(k, forKey: .kernelSize)
      try c.encode(s, forKey: .stride)
      try c.encode(p, forKey: .padding)
      try c.encode(op, forKey: .outputPadding)
    case .relu: try c.encode("ReLU", forKey: .type)
    case .leakyReLU(let slope):
      try c.encode("LeakyReLU", forKey: .type)
      try c.encode(slope, forKey: .negativeSlope)
    case .tanh: try c.encode("Tanh", forKey: .type)
    case .sigmoid: try c.encode("Sigmoid", forKey: .type)
    case .flatten: try c.encode("Flatten", forKey: .type)
    case .unflatten(let shape):
      try c.encode("Unflatten", forKey: .type)
      try c.encode(
        [shape.channels, shape.height, shape.width].prefix(
          shape.height == 1 && shape.width == 1 ? 1 : 3
        )
        .map { $0 }, forKey: .shape)
    }
  }
}
