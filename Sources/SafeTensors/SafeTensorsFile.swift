/// The content of a `.safetensors` file: named tensors and a string metadata map.
///
/// A value type: read one with `read(contentsOf:)` or `parse(bytes:source:)`,
/// which validate everything; build one in memory and save it with
/// `write(to:)` (atomic) or `serialized()`. Tensors are kept by name; `names`
/// lists them sorted by their UTF-8 bytes, which is also the order in which
/// the writer lays them out in the data buffer.
package struct SafeTensorsFile: Equatable, Sendable {
  /// The path or name the content came from, used at the start of every error message.
  package var source: String
  /// `__metadata__`: free-form string keys and values.
  package var metadata: [String: String]
  /// The tensors, by name.
  package var tensors: [String: StoredTensor]

  /// Content with the given tensors and metadata; `source` names it in errors.
  package init(
    tensors: [String: StoredTensor] = [:],
    metadata: [String: String] = [:],
    source: String = "<memory>"
  ) {
    self.tensors = tensors
    self.metadata = metadata
    self.source = source
  }

  /// The tensor names, sorted by their UTF-8 bytes (the writer's layout order).
  package var names: [String] {
    tensors.keys.sorted(by: Self.utf8Precedes)
  }

  /// The tensor called `name`, if any; assigning nil removes it.
  package subscript(name: String) -> StoredTensor? {
    get { tensors[name] }
    set { tensors[name] = newValue }
  }

  /// Orders strings by their UTF-8 bytes, the same on every platform and locale.
  static func utf8Precedes(_ left: String, _ right: String) -> Bool {
    left.utf8.lexicographicallyPrecedes(right.utf8)
  }
}
