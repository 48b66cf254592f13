import LatentBasics
import SafeTensors
import Testing

/// Looking tensors and metadata up by name, with messages a caller can print as they are.
@Suite("Lookup by name")
struct LookupTests {
  static let file = SafeTensorsFile(
    tensors: [
      "encoder.0.weight": StoredTensor(
        shape: [32, 3, 4, 4], values: Array(repeating: 0.5, count: 1536))
    ],
    metadata: ["latent.format": "1"],
    source: "Models/faces-64.safetensors")

  @Test func findsATensorWithTheExpectedShape() throws {
    let values = try Self.file.values(named: "encoder.0.weight", shape: [32, 3, 4, 4])
    #expect(values.count == 1536)
  }

  @Test func wrongShapeNamesBothShapes() {
    #expect(
      throws: LatentError(
        .container, path: "Models/faces-64.safetensors",
        "tensor 'encoder.0.weight' has shape [32, 3, 4, 4], expected [32, 1, 4, 4]")
    ) {
      _ = try Self.file.tensor(named: "encoder.0.weight", shape: [32, 1, 4, 4])
    }
    let error = LatentError(.container, path: "f", "tensor 'x' has shape [], expected [1]")
    #expect(error.description == "f: tensor 'x' has shape [], expected [1]")
  }

  @Test func missingTensorAndMetadataAreNamed() throws {
    #expect {
      _ = try Self.file.tensor(named: "fc_mu.bias", shape: [32])
    } throws: { error in
      (error as? LatentError)?.description
        == "Models/faces-64.safetensors: missing tensor 'fc_mu.bias'"
    }
    #expect {
      _ = try Self.file.metadataValue("latent.config")
    } throws: { error in
      (error as? LatentError)?.description
        == "Models/faces-64.safetensors: missing metadata 'latent.config'"
    }
    #expect(try Self.file.metadataValue("latent.format") == "1")
  }
}
