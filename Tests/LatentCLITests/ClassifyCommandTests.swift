import Foundation
import TestSupport
import Testing

@Suite("latent classify, run as a user would")
struct ClassifyCommandTests {
  /// A fresh folder of `names` (such as `3_0.png`), each a face drawn by `latent sample`.
  func faceFolder(_ names: [String]) throws -> TemporaryFolder {
    let model = try TestModel.path()
    let drawing = try TemporaryFolder()
    let drawn = drawing.file("drawn")
    let result = try LatentProcess.run([
      "sample", "--model", model, "-n", "\(names.count)", "--scale", "1", "--out", drawn,
    ])
    #expect(result.status == 0, "\(result.error)")
    let faces = try TemporaryFolder()
    for (k, name) in names.enumerated() {
      try FileManager.default.moveItem(
        atPath: drawn + "/sample_" + String(1000 + k + 1).dropFirst() + ".png",
        toPath: faces.file(name))
    }
    return faces
  }

  /// The accuracies printed for `features method`: without, and with augmentation when given.
  func accuracies(_ output: String, _ row: String) -> [Double] {
    guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(row + " ") }) else {
      return []
    }
    // "latent   knn       0.850 ± 0.020 [0.830–0.870] 0.860 ± …": the means follow the method.
    let fields = line.split(separator: " ").map(String.init)
    // Means are the unsigned numbers not after "±"; the change (signed) and ranges are not.
    var means = [Double]()
    for (k, field) in fields.enumerated() where k >= 2 && fields[k - 1] != "±" {
      guard !field.hasPrefix("+"), !field.hasPrefix("-"), let value = Double(field) else {
        continue
      }
      means.append(value)
    }
    return means
  }

  @Test func synthetic() throws {
    let model = try TestModel.path()
    let result = try LatentProcess.run([
      "classify", "--model", model, "--data", "synthetic:240:4", "--augment", "2", "--runs", "2",
      "--threads", "1",
    ])
    #expect(result.status == 0, "\(result.error)")
    let output = result.output
    #expect(output.contains("240 images, 2 classes"))
    #expect(output.contains("168 train / 72 test images"), "30 % of each class for test")
    #expect(output.contains("with 2 generated/image"))
    for row in ["latent   knn", "latent   logistic", "pixels   knn", "pixels   logistic"] {
      let values = accuracies(output, row)
      #expect(values.count == 2, "\(row): \(values) in\n\(output)")
      #expect(values.allSatisfy { (0...1).contains($0) })
    }
    #expect(output.contains("do generated faces help?"))
    #expect(
      output.contains("Generated faces did not improve any classifier here.")
        || output.contains("Generated faces improved:"))
    #expect(output.contains("recall per class"))
    #expect(output.contains("(336 added)"), "2 generated faces for each of 168 train images")
  }

  @Test func methodAndBaselineOptionsNarrowTheTable() throws {
    let model = try TestModel.path()
    let result = try LatentProcess.run([
      "classify", "--model", model, "--data", "synthetic:100:2", "--method", "knn", "--no-pixels",
      "--runs", "1", "--by", "attribute:index",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(accuracies(result.output, "latent   knn").count == 1)
    #expect(!result.output.contains("logistic"))
    #expect(!result.output.contains("pixels "))
    #expect(result.output.contains("by attribute:index"))
  }

  @Test func badInputIsOneLineAndAFailureStatus() throws {
    let model = try TestModel.path()
    let unlabelled = try faceFolder(["a.png", "b.png", "c.png"])
    let oneClass = try faceFolder(["3_0.png", "3_1.png", "3_2.png"])
    let lonely = try faceFolder(["1_0.png", "1_1.png", "1_2.png", "2_0.png"])
    let temporary = try TemporaryFolder()
    let metadata = temporary.file("meta.csv")
    try "file,age\n1_0.png,30\n".write(toFile: metadata, atomically: true, encoding: .utf8)
    let cases: [([String], Int32, String)] = [
      (
        ["--model", "/nonexistent/m.safetensors", "--data", oneClass.path], 1,
        "/nonexistent/m.safetensors"
      ),
      (["--model", model, "--data", "/nonexistent/faces"], 1, "/nonexistent/faces"),
      (["--model", model, "--data", unlabelled.path], 1, "no image has a label"),
      (["--model", model, "--data", oneClass.path], 1, "same label"),
      (["--model", model, "--data", lonely.path], 1, "label 2 has 1 image"),
      (["--model", model, "--data", lonely.path, "--by", "colour"], 2, "--by takes label"),
      (["--model", model, "--data", lonely.path, "--by", "attribute:gender"], 2, "--metadata"),
      (
        [
          "--model", model, "--data", lonely.path, "--by", "attribute:gender", "--metadata",
          metadata,
        ], 1, "no column 'gender'"
      ),
      (["--model", model, "--data", lonely.path, "--split", "1.5"], 2, "--split"),
      (["--model", model, "--data", lonely.path, "--method", "svm"], 2, "--method"),
    ]
    for (arguments, status, message) in cases {
      let result = try LatentProcess.run(["classify"] + arguments)
      #expect(result.status == status, "\(arguments): \(result.error)")
      #expect(result.error.contains(message), "\(arguments): \(result.error)")
      #expect(!result.error.contains("Fatal error"))
      if status == 1 {
        #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
      }
    }
  }

  @Test func helpDescribesTheOptions() throws {
    let result = try LatentProcess.run(["classify", "--help"])
    #expect(result.status == 0)
    for option in ["--by", "--method", "--augment", "--split", "--seed", "--runs", "--fixed-split"]
    {
      #expect(result.output.contains(option), "\(option)")
    }
  }
}
