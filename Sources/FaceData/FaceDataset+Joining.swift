extension FaceDataset {
  /// The images of `parts`, one after another (`[N₁ + N₂ + …, C, H, W]`), for training on
  /// several folders at once.
  ///
  /// Labels stay apart: each part's labels are shifted past every label of the parts before it
  /// (part 2's label 0 becomes 1 + the largest label of part 1), so the identities of one folder
  /// never merge with another's. Label names are kept when every part has them.
  /// - Precondition: `parts` is not empty and every part has the same channels, height and width.
  package init(joining parts: [FaceDataset]) {
    precondition(!parts.isEmpty, "nothing to join")
    let first = parts[0]
    precondition(
      parts.allSatisfy {
        $0.channels == first.channels && $0.height == first.height && $0.width == first.width
      }, "the parts differ in size")
    guard parts.count > 1 else {
      self = first
      return
    }
    var labels = [Int?]()
    var offset = 0
    for part in parts {
      labels += part.labels.map { $0.map { $0 + offset } }
      let largest = part.labels.compactMap { $0 }.max() ?? -1
      offset += max(largest + 1, part.labelNames.count)
    }
    let named = parts.allSatisfy { !$0.labelNames.isEmpty }
    let factorNames =
      parts.allSatisfy { $0.factorNames == first.factorNames } ? first.factorNames : []
    self.init(
      images: parts.flatMap(\.images), channels: first.channels, height: first.height,
      width: first.width, labels: labels, indices: parts.flatMap(\.indices),
      paths: parts.flatMap(\.paths), labelNames: named ? parts.flatMap(\.labelNames) : [],
      factorNames: factorNames, factors: factorNames.isEmpty ? [] : parts.flatMap(\.factors))
  }

  /// A train/validation split of several folders, each split on its own and then joined, so
  /// that adding a folder never changes which faces of another folder are held out. A folder
  /// holds out the images a model's record names (`recordedNames`, ``recordName(of:)``) when it
  /// has any, else the files a list names (`heldOutNames`, file names), else its seeded share.
  package static func split(
    _ parts: [FaceDataset], validationFraction: Double, seed: UInt64,
    heldOutNames: Set<String> = [], recordedNames: Set<String> = []
  ) -> (train: FaceDataset, validation: FaceDataset) {
    let halves = parts.map { part in
      let recorded = part.items(recordedAs: recordedNames)
      let items = part.splitItems(
        validationFraction: validationFraction, seed: seed,
        holdingOut: recorded.isEmpty ? part.items(named: heldOutNames) : recorded)
      return (train: part.subset(items.train), validation: part.subset(items.validation))
    }
    return (
      FaceDataset(joining: halves.map(\.train)), FaceDataset(joining: halves.map(\.validation))
    )
  }

  /// Exactly `named` held out (ascending items) when it is not empty, else
  /// ``splitItems(validationFraction:seed:)``.
  package func splitItems(validationFraction: Double, seed: UInt64, holdingOut named: [Int]) -> (
    train: [Int], validation: [Int]
  ) {
    guard !named.isEmpty else {
      return splitItems(validationFraction: validationFraction, seed: seed)
    }
    let heldOut = Set(named)
    return (paths.indices.filter { !heldOut.contains($0) }, named)
  }

  /// The items whose file name is in `names` (ascending).
  package func items(named names: Set<String>) -> [Int] {
    paths.indices.filter { names.contains(fileName(of: $0)) }
  }

  /// Image `item`'s folder and file name (`frl_faces_color_128/12_0.png`): how a model's
  /// training record names its held-out images, apart across folders that share file names
  /// and the same wherever the data set is moved.
  package func recordName(of item: Int) -> String {
    paths[item].split(separator: "/").suffix(2).joined(separator: "/")
  }

  /// The ``recordName(of:)`` of every image, sorted.
  package var recordNames: [String] { recordNames(of: Array(paths.indices)) }

  /// The ``recordName(of:)`` of `items`, sorted.
  package func recordNames(of items: [Int]) -> [String] { items.map(recordName(of:)).sorted() }

  /// The items whose ``recordName(of:)`` is in `names` (ascending).
  package func items(recordedAs names: Set<String>) -> [Int] {
    paths.indices.filter { names.contains(recordName(of: $0)) }
  }

  /// The last path component of image `item`'s path (`12_03.png`).
  package func fileName(of item: Int) -> String {
    paths[item].split(separator: "/").last.map(String.init) ?? paths[item]
  }
}
