import FaceData
import ImageIO
import Testing

@Suite("Splits, subsets and samples")
struct SplitTests {
  /// 100 one-pixel images, labels 0...4 with 10, 20, 30, 39 and 1 images.
  static let labelled: FaceDataset = {
    let sizes = [10, 20, 30, 39, 1]
    let labels = sizes.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
    return FaceDataset(
      images: (0..<100).map { Float($0) / 100 }, channels: 1, height: 1, width: 1,
      labels: labels, indices: Array(repeating: nil, count: 100),
      paths: (0..<100).map { "image\($0)" })
  }()

  @Test("the split is fixed by the seed, disjoint and complete")
  func deterministic() {
    let faces = Self.labelled
    let first = faces.splitItems(validationFraction: 0.2, seed: 42)
    #expect(first == faces.splitItems(validationFraction: 0.2, seed: 42))
    #expect(first != faces.splitItems(validationFraction: 0.2, seed: 43))
    #expect(first.validation.count == 20 && first.train.count == 80)
    #expect(Set(first.train).isDisjoint(with: first.validation))
    #expect(Set(first.train + first.validation) == Set(0..<100))
  }

  @Test("labelled splits keep each label's share")
  func stratified() {
    let faces = Self.labelled
    let items = faces.splitItems(validationFraction: 0.2, seed: 1)
    let perLabel = (0..<5).map { label in
      items.validation.filter { faces.labels[$0] == label }.count
    }
    // Shares 2, 4, 6, 7.8, 0.2: floors 2, 4, 6, 7, 0 and the one left over to label 3 (0.8).
    #expect(perLabel == [2, 4, 6, 8, 0])
  }

  @Test("split datasets carry their images and labels")
  func splitDatasets() {
    let (train, validation) = Self.labelled.split(validationFraction: 0.25, seed: 9)
    #expect(train.count == 75 && validation.count == 25)
    for item in 0..<validation.count {
      let original = Int((validation.images[item] * 100).rounded())
      #expect(validation.paths[item] == "image\(original)")
      #expect(validation.labels[item] == Self.labelled.labels[original])
    }
  }

  @Test("subset keeps the order asked for")
  func subset() {
    let picked = Self.labelled.subset([5, 2, 99])
    #expect(picked.images == [0.05, 0.02, 0.99])
    #expect(picked.paths == ["image5", "image2", "image99"])
    #expect(picked.labels == [0, 0, 4])
  }

  @Test("a sample is copied as stored, or mirrored left to right")
  func samples() {
    // One RGB 3 × 2 image with value 100·c + 10·row + column.
    var values = [Float]()
    for c in 0..<3 {
      for row in 0..<2 { for column in 0..<3 { values.append(Float(100 * c + 10 * row + column)) } }
    }
    let faces = FaceDataset(
      images: values, channels: 3, height: 2, width: 3, labels: [nil], indices: [nil], paths: ["x"])
    var buffer = [Float](repeating: -1, count: 18)
    do {
      var destination = buffer.mutableSpan
      faces.copySample(0, flipped: true, into: &destination)
    }
    var mirrored = [Float]()
    for c in 0..<3 {
      for row in 0..<2 {
        for column in 0..<3 { mirrored.append(Float(100 * c + 10 * row + 2 - column)) }
      }
    }
    #expect(buffer == mirrored)
    #expect(faces.sample(0) == values)
  }
}
