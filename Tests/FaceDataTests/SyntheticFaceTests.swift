import FaceData
import ImageIO
import Testing

@Suite("Synthetic faces")
struct SyntheticFaceTests {
  @Test("the same seed draws the same faces; another seed draws others")
  func deterministic() {
    let first = SyntheticFaces.dataset(count: 12, width: 32, height: 32, channels: 3, seed: 7)
    let again = SyntheticFaces.dataset(count: 12, width: 32, height: 32, channels: 3, seed: 7)
    let other = SyntheticFaces.dataset(count: 12, width: 32, height: 32, channels: 3, seed: 8)
    #expect(first.images == again.images)
    #expect(first.factors == again.factors)
    #expect(first.images != other.images)
  }

  @Test("face n does not depend on how many faces are drawn")
  func independentOfCount() {
    let few = SyntheticFaces.dataset(count: 4, width: 24, height: 24, channels: 1, seed: 3)
    let many = SyntheticFaces.dataset(count: 40, width: 24, height: 24, channels: 1, seed: 3)
    #expect(few.sample(3) == many.sample(3))
  }

  @Test("values are in [0, 1]; factors, labels and indices are recorded")
  func recorded() {
    let faces = SyntheticFaces.dataset(count: 300, width: 20, height: 28, channels: 3, seed: 1)
    #expect(faces.count == 300 && faces.width == 20 && faces.height == 28)
    #expect(faces.images.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(faces.factorNames == SyntheticFaceFactors.names && faces.factorNames.count == 15)
    #expect(faces.labelNames == ["no glasses", "glasses"])
    for item in 0..<faces.count {
      let glasses = faces.factor("glasses", of: item)
      let smile = faces.factor("mouthCurvature", of: item) ?? 0
      #expect(faces.labels[item] == (glasses == 1 ? 1 : 0))
      #expect(faces.indices[item] == (smile > 0 ? 1 : 0))
      #expect((-1...1).contains(smile))
    }
    // About 30 % wear glasses and about half smile (300 draws: generous bounds).
    let withGlasses = faces.labels.filter { $0 == 1 }.count
    let smiling = faces.indices.filter { $0 == 1 }.count
    #expect((50...130).contains(withGlasses))
    #expect((110...190).contains(smiling))
  }

  @Test("a face is smooth like a drawing, with anti-aliased edges, not noise")
  func drawingNotNoise() {
    let faces = SyntheticFaces.dataset(count: 20, width: 64, height: 64, channels: 1, seed: 2)
    for item in 0..<faces.count {
      let values = faces.sample(item)
      var difference: Float = 0
      for row in 0..<64 {
        for column in 0..<63 {
          difference += abs(values[row * 64 + column + 1] - values[row * 64 + column])
        }
      }
      // Uniform noise would average 1/3 between neighbours.
      #expect(difference / Float(64 * 63) < 0.06)
      // Anti-aliasing leaves many in-between levels, not a handful of flat colours.
      #expect(Set(values.map { Int($0 * 255) }).count > 40)
    }
  }

  @Test("gray faces are the BT.601 luma of the colour faces")
  func grayIsLuma() {
    let rgb = SyntheticFaces.dataset(count: 3, width: 16, height: 16, channels: 3, seed: 4)
    let gray = SyntheticFaces.dataset(count: 3, width: 16, height: 16, channels: 1, seed: 4)
    let plane = 256
    for item in 0..<3 {
      let colour = rgb.sample(item)
      let luma = gray.sample(item)
      for index in 0..<plane {
        let expected =
          0.299 * colour[index] + 0.587 * colour[plane + index] + 0.114 * colour[2 * plane + index]
        #expect(abs(luma[index] - expected) < 1e-4)
      }
    }
  }

  /// The rows of a face drawn with `factors` (64 × 64 gray) where it differs from `base`.
  static func rowsThatDiffer(_ factors: SyntheticFaceFactors, from base: SyntheticFaceFactors)
    -> [Int]
  {
    var a = [Float](repeating: 0, count: 64 * 64)
    var b = a
    do {
      var destination = a.mutableSpan
      SyntheticFaces.render(base, width: 64, height: 64, channels: 1, into: &destination)
    }
    do {
      var destination = b.mutableSpan
      SyntheticFaces.render(factors, width: 64, height: 64, channels: 1, into: &destination)
    }
    return (0..<64).filter { row in
      (0..<64).contains { abs(a[row * 64 + $0] - b[row * 64 + $0]) > 0.02 }
    }
  }

  @Test("the mouth factor changes only the lower face; glasses only the eye band")
  func factorsAreLocal() {
    let base = SyntheticFaceFactors.neutral
    var frown = base
    frown.mouthCurvature = -1
    let mouthRows = Self.rowsThatDiffer(frown, from: base)
    #expect(!mouthRows.isEmpty)
    #expect(mouthRows.allSatisfy { $0 > 36 })
    var glasses = base
    glasses.glasses = 1
    let glassRows = Self.rowsThatDiffer(glasses, from: base)
    #expect(!glassRows.isEmpty)
    #expect(glassRows.allSatisfy { (16...40).contains($0) })
  }

  @Test("a smile lifts the mouth's corners above its middle")
  func smileShape() {
    // The reddest row of the mouth's middle column and of a column near its corner (the mouth
    // is about 0.135 × 64 ≈ 8.6 pixels to each side of column 64, its middle near row 85).
    func darkestRow(_ factors: SyntheticFaceFactors, column: Int) -> Int {
      var values = [Float](repeating: 0, count: 3 * 128 * 128)
      do {
        var destination = values.mutableSpan
        SyntheticFaces.render(factors, width: 128, height: 128, channels: 3, into: &destination)
      }
      // Mouth red: high red, low green. Search the lower face.
      let plane = 128 * 128
      let rows = 72..<100
      return rows.max { a, b in
        (values[a * 128 + column] - values[plane + a * 128 + column])
          < (values[b * 128 + column] - values[plane + b * 128 + column])
      } ?? 0
    }
    var smile = SyntheticFaceFactors.neutral
    smile.mouthCurvature = 1
    var frown = smile
    frown.mouthCurvature = -1
    // y grows downwards: a smiling mouth's middle is below its corner, a frown's above.
    #expect(darkestRow(smile, column: 64) > darkestRow(smile, column: 70))
    #expect(darkestRow(frown, column: 64) < darkestRow(frown, column: 70))
  }

  @Test("64 faces make a contact sheet; 2000 are timed")
  func sheetAndTiming() throws {
    let start = now()
    let startCPU = processorSeconds()
    let many = SyntheticFaces.dataset(count: 2000, width: 64, height: 64, channels: 3, seed: 2024)
    print(
      "synthetic faces: 2000 at 64×64 RGB in \(now() - start) s wall, \(processorSeconds() - startCPU) s CPU"
    )
    #expect(many.count == 2000)
    let faces = (0..<64).map { many.image($0) }
    let path = SheetFolder.path + "/synthetic-64.png"
    try ImageGrid(columns: 8).writePNG(faces, to: path)
    let big = (0..<16).map { many.image($0).upscaled(by: 2) }
    let captions = (0..<4).map { "ROW \($0)" }
    try ImageGrid(
      columns: 4, rowCaptions: captions, columnCaptions: ["A", "B", "C", "D"], captionScale: 2
    )
    .writePNG(big, to: SheetFolder.path + "/synthetic-16-captioned.png")
    let gray = SyntheticFaces.dataset(count: 32, width: 28, height: 28, channels: 1, seed: 5)
    try ImageGrid(columns: 8).writePNG(
      (0..<32).map { gray.image($0).upscaled(by: 2) },
      to: SheetFolder.path + "/synthetic-gray-28.png")
    let narrow = SyntheticFaces.dataset(count: 16, width: 20, height: 28, channels: 1, seed: 6)
    try ImageGrid(columns: 8).writePNG(
      (0..<16).map { narrow.image($0).upscaled(by: 4) },
      to: SheetFolder.path + "/synthetic-gray-20x28.png")
    print("sheets written to \(SheetFolder.path)")
    #expect(try Image.read(path: path).width == 8 * 64 + 9)
  }

  @Test("sweeping one factor changes the face step by step (sheet for a person to look at)")
  func factorSweeps() throws {
    let sweeps: [(String, WritableKeyPath<SyntheticFaceFactors, Float>, ClosedRange<Float>)] = [
      ("SMILE", \.mouthCurvature, -1...1), ("BROW", \.browAngle, -1...1),
      ("EYES", \.eyeSize, 0...1), ("SPACE", \.eyeSpacing, 0...1), ("WIDTH", \.faceWidth, 0...1),
      ("JAW", \.jaw, 0...1), ("HAIR", \.hairLength, 0...1), ("TONE", \.skinTone, 0...1),
      ("TILT", \.tilt, -1...1), ("SHIFT", \.shiftX, -1...1),
    ]
    var images = [Image]()
    for (_, keyPath, range) in sweeps {
      var previous: [Float]? = nil
      for step in 0..<7 {
        var factors = SyntheticFaceFactors.neutral
        factors[keyPath: keyPath] =
          range.lowerBound + (range.upperBound - range.lowerBound) * Float(step) / 6
        var values = [Float](repeating: 0, count: 3 * 96 * 96)
        do {
          var destination = values.mutableSpan
          SyntheticFaces.render(factors, width: 96, height: 96, channels: 3, into: &destination)
        }
        if let previous { #expect(previous != values) }
        previous = values
        images.append(Image(planar: values, channels: 3, height: 96, width: 96))
      }
    }
    let grid = ImageGrid(
      columns: 7, rowCaptions: sweeps.map(\.0),
      columnCaptions: ["-3", "-2", "-1", "0", "+1", "+2", "+3"], captionScale: 2)
    try grid.writePNG(images, to: SheetFolder.path + "/synthetic-factor-sweeps.png")
  }
}
