import FaceData
import FaceVAE
import LatentBasics
import Testing

@Suite("attribute directions: mean(positive) − mean(negative)")
struct AttributeDirectionTests {
  @Test func directionIsWorkedOutByHand() throws {
    // Positive rows [1, 2] and [3, 4] → mean [2, 3]; negative [10, 0], [0, 10], [5, 5]
    // → mean [5, 5]; the nil row [100, 100] is on neither side. Direction [−3, −2].
    let codes = try #require(
      LatentCodes(dimensions: 2, values: [1, 2, 10, 0, 3, 4, 0, 10, 100, 100, 5, 5]))
    let direction = try AttributeDirection.direction(
      codes: codes, membership: [true, false, true, false, nil, false])
    #expect(direction == [-3, -2])
  }

  @Test func emptySidesAndMismatchedCountsAreErrors() throws {
    let codes = try #require(LatentCodes(dimensions: 2, values: [1, 2, 3, 4]))
    #expect(throws: LatentError(.data, "no face is on the positive side of the split")) {
      try AttributeDirection.direction(codes: codes, membership: [false, nil])
    }
    #expect(throws: LatentError(.data, "no face is on the negative side of the split")) {
      try AttributeDirection.direction(codes: codes, membership: [true, true])
    }
    #expect(throws: LatentError(.data, "2 codes but 3 split entries")) {
      try AttributeDirection.direction(codes: codes, membership: [true, false, nil])
    }
  }

  @Test func splitsByIndexAndByMetadataColumn() throws {
    let dataset = FaceDataset(
      images: [Float](repeating: 0, count: 4), channels: 1, height: 1, width: 1,
      labels: [0, 1, 2, 3], indices: [1, 0, nil, 2],
      paths: ["a/0_1.png", "a/1_0.png", "a/x.png", "a/3_2.png"])
    #expect(AttributeSplit(indexArgument: "index:1") == .index(1))
    #expect(AttributeSplit(indexArgument: "index:") == nil)
    #expect(AttributeSplit(indexArgument: "smile") == nil)
    #expect(
      AttributeSplit.index(1).membership(of: dataset, metadata: nil) == [true, false, nil, false])
    let metadata = try FaceMetadata(
      csv: "file,expression\n0_1.png,smiling\n1_0.png,neutral\nx.png,smiling\n")
    #expect(
      AttributeSplit.column("expression", values: ["smiling"]).membership(
        of: dataset, metadata: metadata)
        == [true, false, true, nil])
    // Several values: any of them is on the positive side.
    #expect(
      AttributeSplit.column("expression", values: ["neutral", "smiling"]).membership(
        of: dataset, metadata: metadata)
        == [true, true, true, nil])
  }
}
