import FaceVAE
import LatentUI
import Testing

@Suite("Browse: predicted label")
struct BrowsePredictionTests {
  /// Six stored faces in two dimensions: three of label 4 pointing along +x, two of label 9
  /// along +y, one unlabelled near +x.
  func model() -> ModelSummary {
    let codes: [[Float]] = [
      [3, 0.2], [2.5, -0.1], [3.2, 0.4], [0.1, 3], [-0.2, 2.8], [2.9, 0],
    ]
    return ModelSummary(
      name: "two", latentDimensions: 2, imageWidth: 8, imageHeight: 8, channels: 1,
      storedCodes: LatentCodes(dimensions: 2, rows: codes), storedLabels: [4, 4, 4, 9, 9, -1])
  }

  @Test("the prediction is the nearest labelled stored face, never the face itself")
  func leaveOneOut() throws {
    let summary = model()
    // Face 3 (label 9): the nearest other labelled face is 4, also label 9.
    let prediction = try #require(
      summary.predictedLabel(for: summary.storedCodes[3], excludingStored: 3))
    #expect(prediction.label == 9 && prediction.storedFace == 4)
    // Without leaving itself out it would be its own witness, with similarity 1.
    let itself = try #require(summary.predictedLabel(for: summary.storedCodes[3]))
    #expect(itself.storedFace == 3 && abs(itself.similarity - 1) < 1e-5)
    // The unlabelled face is never a witness.
    let nearX = try #require(summary.predictedLabel(for: [2.9, 0.01]))
    #expect(nearX.label == 4 && nearX.storedFace != 5)
    // No labels: no prediction.
    var unlabelled = summary
    unlabelled.storedLabels = Array(repeating: -1, count: 6)
    #expect(unlabelled.predictedLabel(for: [1, 0]) == nil)
  }

  @Test("Browse shows the prediction for the face under the cursor, and follows the cursor")
  func rendered() {
    var state = AppState(model: model(), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = state.press(.character("B"))
    _ = state.press(.right, .right, .right)
    #expect(state.browse.selected == 3)
    var lines = state.render().lines
    #expect(lines.contains { $0.contains("face #3: predicted label 9 (nearest stored face #4") })
    #expect(lines.contains { $0.contains("▶ #3 · 9") })
    _ = state.press(.left)
    lines = state.render().lines
    #expect(lines.contains { $0.contains("face #2: predicted label 4") })
  }

  @Test("with --data, an image that is a stored face is predicted from the other stored faces")
  func datasetImages() {
    let summary = model()
    var state = AppState(
      model: summary, graphicsName: "truecolor", columns: 100, rows: 30, hasData: true,
      datasetCount: 2, datasetLabels: [9, 4])
    _ = state.press(.character("B"))
    #expect(state.render().lines.contains { $0.contains("predicting once its code is known") })
    // Image 0 has stored face 3's code (a training image); image 1 a new code near +x.
    state.browse.codes = [0: summary.storedCodes[3], 1: [2.8, 0.3]]
    var lines = state.render().lines
    #expect(
      lines.contains {
        $0.contains(
          "face #0: is stored face #3; from the others: predicted label 9 (nearest stored face #4")
      })
    #expect(lines.contains { $0.contains("▶ #0 · 9") })
    _ = state.press(.right)
    lines = state.render().lines
    #expect(
      lines.contains { $0.contains("face #1: predicted label 4") && !$0.contains("is stored") })
  }
}
