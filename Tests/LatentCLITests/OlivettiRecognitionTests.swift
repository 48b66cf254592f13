import Foundation
import TestSupport
import Testing

/// `../shared/datasets/olivetti_faces_64` beside the package, and the bundled model trained on
/// the train half of its seed-0 split.
enum Olivetti {
  static let folder = SharedDatasets.path("olivetti_faces_64")
  static let model = LatentBinary.packageRoot.appendingPathComponent(
    "Models/olivetti64.safetensors"
  ).path
}

@Suite("Olivetti identities from latent codes", SharedDatasets.required("olivetti_faces_64"))
struct OlivettiRecognitionTests {
  @Test("5 train / 5 test images per person: both classifiers name most test faces")
  func identities() throws {
    let result = try LatentProcess.run([
      "classify", "--model", Olivetti.model, "--data", Olivetti.folder, "--split", "0.5",
      "--runs", "1", "--no-pixels",
    ])
    #expect(result.status == 0, "\(result.error)")
    print(result.output)
    #expect(result.output.contains("400 images, 40 classes"))
    #expect(result.output.contains("200 train / 200 test images"))
    for method in ["knn", "logistic"] {
      let line = result.output.split(separator: "\n").first { $0.hasPrefix("latent   \(method) ") }
      let accuracy = line.flatMap {
        $0.split(separator: " ").dropFirst(2).first.flatMap { Double($0) }
      }
      // Chance is 1 in 40; the test faces were never seen by the VAE (it trained on the train half).
      #expect((accuracy ?? 0) > 0.75, "\(method): \(line ?? "no line")")
    }
  }
}
