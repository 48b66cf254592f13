import LatentBasics

extension FaceDataset {
  /// The images at `items`, in that order (labels, indices, paths and factors follow).
  package func subset(_ items: [Int]) -> FaceDataset {
    let stride = valuesPerImage
    var selected = [Float]()
    selected.reserveCapacity(items.count * stride)
    var selectedFactors = [Float]()
    let factorCount = factorNames.count
    for item in items {
      precondition(item >= 0 && item < count, "image \(item) is outside 0..<\(count)")
      selected.append(contentsOf: images[(item * stride)..<((item + 1) * stride)])
      selectedFactors.append(contentsOf: factors[(item * factorCount)..<((item + 1) * factorCount)])
    }
    return FaceDataset(
      images: selected, channels: channels, height: height, width: width,
      labels: items.map { labels[$0] }, indices: items.map { indices[$0] },
      paths: items.map { paths[$0] }, labelNames: labelNames, factorNames: factorNames,
      factors: selectedFactors)
  }

  /// A deterministic train/validation split of the image numbers, fixed by `seed`.
  ///
  /// `round(validationFraction × count)` images go to validation. When every image has a
  /// label the split is stratified: each label gives `validationFraction` of its images (floored,
  /// and the images left over go to the labels with the largest remainders), so a label with one
  /// image may give none. Both lists are in ascending order.
  package func splitItems(validationFraction: Double, seed: UInt64) -> (
    train: [Int], validation: [Int]
  ) {
    precondition((0...1).contains(validationFraction), "the validation fraction is in 0...1")
    var generator = SeededGenerator(seed: seed)
    let target = Int((validationFraction * Double(count)).rounded())
    var groups: [[Int]]
    if isLabelled {
      var byLabel = [Int: [Int]]()
      for item in 0..<count { byLabel[labels[item] ?? 0, default: []].append(item) }
      groups = byLabel.keys.sorted().compactMap { byLabel[$0] }
    } else {
      groups = [Array(0..<count)]
    }
    // Quotas: floor of each group's share, then the largest remainders (ties in shuffled order).
    let shares = groups.map { Double($0.count) * validationFraction }
    var quotas = shares.map { Int($0.rounded(.down)) }
    let order = generator.shuffled(Array(groups.indices))
    let byRemainder = order.sorted {
      (shares[$0] - Double(quotas[$0])) > (shares[$1] - Double(quotas[$1]))
    }
    var missing = target - quotas.reduce(0, +)
    for group in byRemainder where missing > 0 && quotas[group] < groups[group].count {
      quotas[group] += 1
      missing -= 1
    }
    var validation = [Int]()
    var train = [Int]()
    for (group, members) in groups.enumerated() {
      let shuffled = generator.shuffled(members)
      validation += shuffled.prefix(quotas[group])
      train += shuffled.dropFirst(quotas[group])
    }
    return (train.sorted(), validation.sorted())
  }

  /// A deterministic train/validation split fixed by `seed` (see
  /// ``splitItems(validationFraction:seed:)``).
  package func split(validationFraction: Double, seed: UInt64) -> (
    train: FaceDataset, validation: FaceDataset
  ) {
    let items = splitItems(validationFraction: validationFraction, seed: seed)
    return (subset(items.train), subset(items.validation))
  }
}
