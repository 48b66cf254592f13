import LatentBasics

extension SafeTensorsFile {
  /// The tensor called `name`, or an error `<file>: missing tensor 'NAME'`.
  package func tensor(named name: String) throws(LatentError) -> StoredTensor {
    guard let tensor = tensors[name] else {
      throw LatentError(.container, path: source, "missing tensor '\(name)'")
    }
    return tensor
  }

  /// The tensor called `name`, which must have exactly `shape`.
  ///
  /// Throws `<file>: missing tensor 'NAME'` or
  /// `<file>: tensor 'NAME' has shape [32, 3, 4, 4], expected [32, 1, 4, 4]`.
  package func tensor(named name: String, shape: [Int]) throws(LatentError) -> StoredTensor {
    let tensor = try tensor(named: name)
    guard tensor.shape == shape else {
      throw LatentError(
        .container, path: source,
        "tensor '\(name)' has shape \(StoredTensor.describe(tensor.shape)), "
          + "expected \(StoredTensor.describe(shape))")
    }
    return tensor
  }

  /// The values of the tensor called `name`, which must have exactly `shape`.
  package func values(named name: String, shape: [Int]) throws(LatentError) -> [Float] {
    try tensor(named: name, shape: shape).values
  }

  /// The metadata value for `key`, or an error `<file>: missing metadata 'KEY'`.
  package func metadataValue(_ key: String) throws(LatentError) -> String {
    guard let value = metadata[key] else {
      throw LatentError(.container, path: source, "missing metadata '\(key)'")
    }
    return value
  }
}
