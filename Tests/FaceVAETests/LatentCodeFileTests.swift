import FaceVAE
import LatentBasics
import Testing

@Suite("Code files (face_001.json)")
struct LatentCodeFileTests {
  func parse(_ text: String) throws(LatentError) -> LatentCodeFile {
    try LatentCodeFile(bytes: Array(text.utf8), path: "f.json")
  }

  @Test func theTextReadsBackToTheSameBitsAndName() throws {
    let code: [Float] = [0.1, -2.9999998, 1e-7, 0, -0.0, 3, .leastNonzeroMagnitude, 1.17549435e-38]
    let file = LatentCodeFile(model: "my \"best\"\\model\u{1}", code: code)
    let read = try parse(file.json)
    #expect(read.model == file.model)
    #expect(read.code.map(\.bitPattern) == code.map(\.bitPattern))
    #expect(file.json.hasPrefix("{\"format\": \"latent-code\", \"model\": "))
    #expect(file.json.contains("\"dimensions\": 8"))
  }

  @Test func aCodeFitsItsOwnModelAndTheWeightsKeptBesideIt() throws {
    let file = LatentCodeFile(model: "faces64", code: [1, 2, 3])
    for name in ["faces64", "faces64.1", "faces64.12", nil] {
      #expect(
        try file.code(dimensions: 3, modelPath: "m", modelName: name, path: "f") == [1, 2, 3])
    }
    #expect(
      try LatentCodeFile(model: "faces64.2", code: [1, 2, 3]).code(
        dimensions: 3, modelPath: "m", modelName: "faces64", path: "f") == [1, 2, 3])
    #expect(
      try LatentCodeFile(model: "", code: [1]).code(
        dimensions: 1, modelPath: "m", modelName: "x", path: "f") == [1])
    for (name, dimensions, problem) in [
      ("faces32", 3, "'faces64', but m.safetensors is 'faces32'"), ("faces64.x", 3, "'faces64.x'"),
      ("faces640", 3, "'faces640'"), ("faces64", 4, "3 dimensions, but m.safetensors has 4"),
    ] {
      let error = #expect(throws: LatentError.self) {
        try file.code(
          dimensions: dimensions, modelPath: "m.safetensors", modelName: name, path: "f.json")
      }
      #expect(error?.description.hasPrefix("f.json: ") == true)
      #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
    }
  }

  @Test func aFileWithoutModelOrDimensionsIsStillACode() throws {
    let read = try parse("{\"format\": \"latent-code\", \"code\": [1, -2.5e-1]}")
    #expect(read.code == [1, -0.25] && read.model == "")
  }

  @Test func otherJSONIsRefusedWithTheReason() {
    for (text, reason) in [
      ("{\"code\": [1]}", "no \"format\""),
      ("[1, 2]", "no \"format\""),
      ("{\"format\": \"latent-code\", \"code\": [1, \"2\"]}", "a string, not a number"),
      ("{\"format\": \"latent-code\", \"code\": 1}", "must be an array"),
      ("{\"format\": \"latent-code\", \"code\": [1e99]}", "1e99, not a finite"),
      ("{\"format\": \"latent-code\", \"dimensions\": 2, \"code\": [1]}", "\"dimensions\""),
      ("{\"format\": \"latent-code\", \"model\": 3, \"code\": [1]}", "\"model\" must be"),
      ("{\"format\": \"latent-code\", \"code\": [1,", "not a code file: "),
    ] {
      do {
        _ = try parse(text)
        Issue.record("\(text) was read")
      } catch {
        #expect(error.kind == .data && error.path == "f.json", "\(text)")
        #expect(error.problem.contains(reason), "\(text): \(error.problem)")
        #expect(!error.problem.contains("header"), "\(text): \(error.problem)")
      }
    }
  }
}
