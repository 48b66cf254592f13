import LatentBasics

/// Every size limit a model must meet, in one place (documented in docs/model-format.md).
///
/// A model file is checked against these before any layer is made, so a small hostile
/// file cannot make `latent` allocate more than a small multiple of its own size, and a
/// model that loads can be run within a few GiB: inference runs in batches that fit
/// ``inferenceBatchValues``, and training refuses a batch larger than ``trainingBatchValues``.
package enum ModelLimits {
  /// The largest image side, in pixels.
  package static let imageSide = 4096
  /// The most latent dimensions.
  package static let latentDimensions = 65536
  /// The largest argument of a layer (channels, features, kernel, stride, padding).
  package static let layerArgument = 1 << 16
  /// The most trainable values, `fc_mu` and `fc_logvar` included: 256 M (1 GiB of Float32).
  package static let parameters = 1 << 28
  /// The most Float32 values one image may need while it runs forward through the model
  /// (activations and workspace): 1 G values, 4 GiB.
  package static let valuesPerImage = 1 << 30
  /// Float32 values of activations that one inference batch (encode, decode) may use:
  /// 256 M values, 1 GiB; larger batches are run in parts (at least one image each).
  package static let inferenceBatchValues = 1 << 28
  /// Float32 values of activations and gradients that one training batch may use: 2 G values, 8 GiB.
  package static let trainingBatchValues = 1 << 31
  /// The largest model file: 4 GiB.
  package static let fileBytes = 1 << 32
  /// The largest safetensors header of a model file: 8 MiB (a training record of 50,000
  /// epochs takes about 7 MB).
  package static let headerBytes = 8 << 20

  /// `values` Float32 values in words, e.g. `17.2 GB`.
  package static func describe(values: Int) -> String {
    describe(bytes: values.multipliedClamped(by: 4))
  }

  /// `bytes` in words, e.g. `17.2 GB` (decimal units).
  package static func describe(bytes: Int) -> String {
    let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f ", value) + units[unit]
  }
}

extension Int {
  /// `self × other`, or `Int.max` when that overflows (sizes of hostile configs stay comparable).
  package func multipliedClamped(by other: Int) -> Int {
    let (product, overflow) = multipliedReportingOverflow(by: other)
    return overflow ? .max : product
  }

  /// `self + other`, or `Int.max` when that overflows.
  package func addingClamped(_ other: Int) -> Int {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? .max : sum
  }
}
