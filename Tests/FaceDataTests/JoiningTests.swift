import FaceData
import Testing

@Suite("Several folders as one dataset")
struct JoiningTests {
  /// `count` one-pixel images whose value is `first + k / 1000`, labelled by `label(k)`.
  func folder(_ name: String, count: Int, first: Float, label: (Int) -> Int?) -> FaceDataset {
    FaceDataset(
      images: (0..<count).map { first + Float($0) / 1000 }, channels: 1, height: 1, width: 1,
      labels: (0..<count).map(label), indices: (0..<count).map { $0 % 2 },
      paths: (0..<count).map { "\(name)/\(name)\($0)" })
  }

  @Test("the second folder's labels are numbered after the first's")
  func labelsStayApart() {
    // Identities 0...4 (two images each) and a folder whose every image has label 0.
    let people = folder("people", count: 10, first: 0, label: { $0 / 2 })
    let crowd = folder("crowd", count: 6, first: 1, label: { _ in 0 })
    let joined = FaceDataset(joining: [people, crowd])
    #expect(joined.count == 16)
    #expect(joined.labels == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5])
    #expect(joined.indices == people.indices + crowd.indices)
    #expect(joined.paths == people.paths + crowd.paths)
    #expect(joined.images == people.images + crowd.images)
    // Images without a label keep none, and the numbering goes on after them.
    let unlabelled = folder("loose", count: 3, first: 2, label: { _ in nil })
    let three = FaceDataset(joining: [people, unlabelled, crowd])
    #expect(three.labels.suffix(9) == [nil, nil, nil, 5, 5, 5, 5, 5, 5])
  }

  @Test("each folder keeps the held-out faces it has when split alone")
  func splitFolderByFolder() {
    let people = folder("people", count: 40, first: 0, label: { $0 / 2 })
    let crowd = folder("crowd", count: 50, first: 1, label: { _ in 0 })
    let alone = people.split(validationFraction: 0.1, seed: 1).validation.paths
    let crowdAlone = crowd.split(validationFraction: 0.1, seed: 1).validation.paths
    let (train, validation) = FaceDataset.split(
      [people, crowd], validationFraction: 0.1, seed: 1)
    #expect(validation.paths == alone + crowdAlone)
    #expect(validation.count == 4 + 5 && train.count == 81)
    #expect(Set(train.paths).isDisjoint(with: validation.paths))
    // Joined first and split once, the faces held out of the first folder would differ.
    let once = FaceDataset(joining: [people, crowd]).split(validationFraction: 0.1, seed: 1)
    #expect(once.validation.paths.filter { $0.hasPrefix("people/") } != alone)
  }

  @Test("a folder holding listed files holds out exactly those; the others split by the seed")
  func namedHeldOutFaces() {
    let people = folder("people", count: 40, first: 0, label: { $0 / 2 })
    let crowd = folder("crowd", count: 50, first: 1, label: { _ in 0 })
    let (train, validation) = FaceDataset.split(
      [people, crowd], validationFraction: 0.1, seed: 1, heldOutNames: ["people3", "people17"])
    let crowdAlone = crowd.split(validationFraction: 0.1, seed: 1).validation.paths
    #expect(validation.paths == ["people/people3", "people/people17"] + crowdAlone)
    #expect(train.count == 38 + 45)
    #expect(!train.paths.contains("people/people3") && train.paths.contains("people/people4"))
  }
}
