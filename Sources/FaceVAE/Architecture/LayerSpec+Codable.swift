import NeuralCore

extension LayerSpec: Codable {
  private enum Key: String, CodingKey {
    case type, name
    case inFeatures = "in_features"
    case outFeatures = "out_features"
    case inChannels = "in_channels"
    case outChannels = "out_channels"
    case kernelSize = "kernel_size"
    case stride, padding, bias, dilation, groups
    case outputPadding = "output_padding"
    case negativeSlope = "negative_slope"
    case numFeatures = "num_features"
    case eps, momentum, affine
    case trackRunningStats = "track_running_stats"
    case scaleFactor = "scale_factor"
    case mode
    case alignCorners = "align_corners"
    case p, alpha, approximate, beta, threshold
    case shape, body, shortcut
  }

  package init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    let type = try c.decode(String.self, forKey: .type)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    func int(_ key: Key, default value: Int? = nil) throws -> Int {
      guard let value else { return try c.decode(Int.self, forKey: key) }
      return try c.decodeIfPresent(Int.self, forKey: key) ?? value
    }
    func float(_ key: Key, default value: Float) throws -> Float {
      try c.decodeIfPresent(Float.self, forKey: key) ?? value
    }
    /// An int or `[height, width]`.
    func pair(_ key: Key, default value: Int? = nil) throws -> Size2D {
      if let side = try? c.decode(Int.self, forKey: key) { return Size2D(side) }
      if let both = try? c.decode([Int].self, forKey: key) {
        guard both.count == 2 else {
          throw DecodingError.dataCorruptedError(
            forKey: key, in: c, debugDescription: "must be an int or [height, width]")
        }
        return Size2D(height: both[0], width: both[1])
      }
      guard let value, !c.contains(key) else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: c, debugDescription: "must be an int or [height, width]")
      }
      return Size2D(value)
    }
    func convolution(transposed: Bool) throws -> ConvolutionSpec {
      for key in [Key.dilation, .groups]
      where try c.decodeIfPresent(Size2DOrInt.self, forKey: key)
        .map({ $0.isOne }) == false
      {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: c, debugDescription: "\(key.rawValue) other than 1 is not supported")
      }
      return ConvolutionSpec(
        inChannels: try int(.inChannels), outChannels: try int(.outChannels),
        kernel: try pair(.kernelSize), stride: try pair(.stride, default: 1),
        padding: try pair(.padding, default: 0),
        outputPadding: transposed ? try pair(.outputPadding, default: 0) : Size2D(0),
        bias: try c.decodeIfPresent(Bool.self, forKey: .bias) ?? true)
    }
    switch type {
    case "Linear":
      kind = .linear(
        inFeatures: try int(.inFeatures), outFeatures: try int(.outFeatures),
        bias: try c.decodeIfPresent(Bool.self, forKey: .bias) ?? true)
    case "Conv2d": kind = .conv2d(try convolution(transposed: false))
    case "ConvTranspose2d": kind = .convTranspose2d(try convolution(transposed: true))
    case "BatchNorm1d", "BatchNorm2d":
      guard try c.decodeIfPresent(Bool.self, forKey: .trackRunningStats) ?? true else {
        throw DecodingError.dataCorruptedError(
          forKey: .trackRunningStats, in: c,
          debugDescription: "track_running_stats=False is not supported")
      }
      let momentum: Float? =
        try c.decodeNil(forKey: .momentum) ? nil : try float(.momentum, default: 0.1)
      kind = .batchNorm(
        BatchNormSpec(
          features: try int(.numFeatures), spatial: type == "BatchNorm2d",
          eps: try float(.eps, default: 1e-5), momentum: momentum,
          affine: try c.decodeIfPresent(Bool.self, forKey: .affine) ?? true))
    case "Upsample":
      let mode = try c.decodeIfPresent(String.self, forKey: .mode) ?? "nearest"
      guard mode == "nearest" || mode == "bilinear" else {
        throw DecodingError.dataCorruptedError(
          forKey: .mode, in: c, debugDescription: "mode '\(mode)' is not supported")
      }
      guard try c.decodeIfPresent(Bool.self, forKey: .alignCorners) != true else {
        throw DecodingError.dataCorruptedError(
          forKey: .alignCorners, in: c, debugDescription: "align_corners=True is not supported")
      }
      kind = .upsample(
        scale: try pair(.scaleFactor), mode: mode == "nearest" ? .nearest : .bilinear)
    case "Dropout": kind = .dropout(probability: try float(.p, default: 0.5))
    case "ReLU": kind = .activation(.relu)
    case "LeakyReLU":
      kind = .activation(.leakyReLU(slope: try float(.negativeSlope, default: 0.01)))
    case "Tanh": kind = .activation(.tanh)
    case "Sigmoid": kind = .activation(.sigmoid)
    case "ELU": kind = .activation(.elu(alpha: try float(.alpha, default: 1)))
    case "GELU":
      let approximate = try c.decodeIfPresent(String.self, forKey: .approximate) ?? "none"
      guard approximate == "none" || approximate == "tanh" else {
        throw DecodingError.dataCorruptedError(
          forKey: .approximate, in: c, debugDescription: "approximate must be 'none' or 'tanh'")
      }
      kind = .activation(.gelu(tanhApproximation: approximate == "tanh"))
    case "SiLU": kind = .activation(.silu)
    case "Softplus":
      kind = .activation(
        .softplus(beta: try float(.beta, default: 1), threshold: try float(.threshold, default: 20))
      )
    case "Identity": kind = .activation(.identity)
    case "Flatten": kind = .flatten
    case "Unflatten":
      let dims = try c.decode([Int].self, forKey: .shape)
      guard dims.count == 1 || dims.count == 3 else {
        throw DecodingError.dataCorruptedError(
          forKey: .shape, in: c, debugDescription: "Unflatten shape must be [F] or [C, H, W]")
      }
      kind = .unflatten(
        dims.count == 1
          ? .vector(dims[0]) : Shape(channels: dims[0], height: dims[1], width: dims[2]))
    case "Residual":
      kind = .residual(
        body: try c.decode([LayerSpec].self, forKey: .body),
        shortcut: try c.decodeIfPresent([LayerSpec].self, forKey: .shortcut) ?? [])
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: c, debugDescription: "unknown layer type '\(type)'")
    }
  }

  package func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    try c.encodeIfPresent(name, forKey: .name)
    /// An int when square (as format 1 writes it), else `[height, width]`.
    func pair(_ value: Size2D, _ key: Key) throws {
      if value.height == value.width {
        try c.encode(value.height, forKey: key)
      } else {
        try c.encode([value.height, value.width], forKey: key)
      }
    }
    func convolution(_ type: String, _ s: ConvolutionSpec, transposed: Bool) throws {
      try c.encode(type, forKey: .type)
      try c.encode(s.inChannels, forKey: .inChannels)
      try c.encode(s.outChannels, forKey: .outChannels)
      try pair(s.kernel, .kernelSize)
      try pair(s.stride, .stride)
      try pair(s.padding, .padding)
      if transposed { try pair(s.outputPadding, .outputPadding) }
      if !s.bias { try c.encode(false, forKey: .bias) }
    }
    switch kind {
    case .linear(let i, let o, let bias):
      try c.encode("Linear", forKey: .type)
      try c.encode(i, forKey: .inFeatures)
      try c.encode(o, forKey: .outFeatures)
      if !bias { try c.encode(false, forKey: .bias) }
    case .conv2d(let s): try convolution("Conv2d", s, transposed: false)
    case .convTranspose2d(let s): try convolution("ConvTranspose2d", s, transposed: true)
    case .batchNorm(let b):
      try c.encode(b.spatial ? "BatchNorm2d" : "BatchNorm1d", forKey: .type)
      try c.encode(b.features, forKey: .numFeatures)
      try c.encode(b.eps, forKey: .eps)
      if let momentum = b.momentum {
        try c.encode(momentum, forKey: .momentum)
      } else {
        try c.encodeNil(forKey: .momentum)
      }
      try c.encode(b.affine, forKey: .affine)
    case .upsample(let scale, let mode):
      try c.encode("Upsample", forKey: .type)
      try pair(scale, .scaleFactor)
      try c.encode(mode == .nearest ? "nearest" : "bilinear", forKey: .mode)
    case .dropout(let p):
      try c.encode("Dropout", forKey: .type)
      try c.encode(p, forKey: .p)
    case .activation(let activation):
      switch activation {
      case .relu: try c.encode("ReLU", forKey: .type)
      case .leakyReLU(let slope):
        try c.encode("LeakyReLU", forKey: .type)
        try c.encode(slope, forKey: .negativeSlope)
      case .tanh: try c.encode("Tanh", forKey: .type)
      case .sigmoid: try c.encode("Sigmoid", forKey: .type)
      case .elu(let alpha):
        try c.encode("ELU", forKey: .type)
        try c.encode(alpha, forKey: .alpha)
      case .gelu(let tanhApproximation):
        try c.encode("GELU", forKey: .type)
        try c.encode(tanhApproximation ? "tanh" : "none", forKey: .approximate)
      case .silu: try c.encode("SiLU", forKey: .type)
      case .softplus(let beta, let threshold):
        try c.encode("Softplus", forKey: .type)
        try c.encode(beta, forKey: .beta)
        try c.encode(threshold, forKey: .threshold)
      case .identity: try c.encode("Identity", forKey: .type)
      }
    case .flatten: try c.encode("Flatten", forKey: .type)
    case .unflatten(let shape):
      try c.encode("Unflatten", forKey: .type)
      try c.encode(shape.dimensions, forKey: .shape)
    case .residual(let body, let shortcut):
      try c.encode("Residual", forKey: .type)
      try c.encode(body, forKey: .body)
      try c.encode(shortcut, forKey: .shortcut)
    }
  }
}

/// `dilation` / `groups`: an int or a pair; only all-ones is accepted.
private enum Size2DOrInt: Decodable {
  case value([Int])

  init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let side = try? c.decode(Int.self) {
      self = .value([side])
    } else {
      self = .value(try c.decode([Int].self))
    }
  }

  var isOne: Bool {
    switch self {
    case .value(let values): values.allSatisfy { $0 == 1 }
    }
  }
}
