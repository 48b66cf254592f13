import FaceData
import ImageIO
import TestSupport
import Testing

/// The real face sets in `../shared/datasets`. Each test is skipped, naming the set, when a set
/// it reads is absent.
@Suite("Shared face datasets")
struct SharedDatasetTests {
  @Test func aMissingSetSkipsTheTestNamingTheSet() async throws {
    let missing = SharedDatasets.required("no_such_set")
    #expect(try await missing.evaluate() == false)
    #expect(
      missing.comments.map(\.rawValue) == [
        "../shared/datasets/no_such_set absent beside the package: skipped"
      ])
  }

  @Test(
    "Frey faces: 1965 gray 20 × 28 images, label 0, frames in order, at their own size",
    SharedDatasets.required("frey_faces"))
  func frey() throws {
    let folder = SharedDatasets.path("frey_faces")
    let start = now()
    let startCPU = processorSeconds()
    let load = try FaceDataset.load(
      folder: folder,
      preprocessing: Preprocessing(width: 20, height: 28, channels: 1, fit: .stretch))
    print(
      "frey_faces: \(load.summary) (\(processorSeconds() - startCPU) s CPU, \(now() - start) s wall)"
    )
    let faces = load.dataset
    #expect(load.skipped.isEmpty)
    #expect(faces.count == 1965 && faces.width == 20 && faces.height == 28 && faces.channels == 1)
    #expect(faces.labels.allSatisfy { $0 == 0 })
    #expect(faces.indices == (0..<1965).map { Optional($0) })
    // At its own size the values are the file's pixels / 255.
    let file = try Image.readPNG(path: folder + "/0_0123.png")
    #expect(file.width == 20 && file.height == 28 && file.channels == 1)
    #expect(faces.sample(123) == file.pixels.map { Float($0) / 255 })
    // The README: values run from 8 to 238.
    #expect(faces.images.min() == Float(8) / 255 && faces.images.max() == Float(238) / 255)
  }

  @Test(
    "colour faces: 244 RGB images of 142 people; index 1 is smiling per the metadata",
    SharedDatasets.required("frl_faces_color_128", "frl_faces_color_128_metadata.csv"))
  func colour() throws {
    let start = now()
    let startCPU = processorSeconds()
    let load = try FaceDataset.load(
      folder: SharedDatasets.path("frl_faces_color_128"), size: 64, channels: 3)
    print(
      "frl_faces_color_128 → 64×64: \(load.summary) (\(processorSeconds() - startCPU) s CPU, \(now() - start) s wall)"
    )
    let faces = load.dataset
    #expect(faces.count == 244 && faces.channels == 3 && faces.width == 64 && faces.height == 64)
    #expect(Set(faces.labels.compactMap { $0 }) == Set(0...141))
    let metadata = try FaceMetadata.read(
      path: SharedDatasets.path("frl_faces_color_128_metadata.csv"))
    let expressions = faces.attribute("expression", from: metadata)
    for item in 0..<faces.count {
      #expect(
        expressions[item] == (faces.indices[item] == 1 ? "smiling" : "neutral"),
        "\(faces.paths[item])")
    }
    #expect(faces.indices.filter { $0 == 1 }.count == 102)
    let byExpression = faces.labelled(by: "expression", from: metadata)
    #expect(byExpression.labelNames == ["neutral", "smiling"])
    #expect(byExpression.labels.filter { $0 == 1 }.count == 102)
    // A sheet of the first 64 (label order: neutral and smiling pairs) for a person to look at.
    let path = SheetFolder.path + "/frl-colour-64.png"
    let captions = (0..<8).map { "ID \($0 * 4)" }
    try ImageGrid(columns: 8, rowCaptions: captions).writePNG(
      (0..<64).map { faces.image($0) }, to: path)
    print("sheet written to \(path)")
  }

  @Test(
    "Olivetti and ORL: 40 people × 10; ORL's 92 × 112 centre-cropped to 64",
    SharedDatasets.required(
      "olivetti_faces_64", "orl_faces", "frl_faces_color_128", "lfw_subset_skimage"))
  func olivettiAndORL() throws {
    let olivetti = try FaceDataset.load(
      folder: SharedDatasets.path("olivetti_faces_64"), size: 64, channels: 1)
    let orl = try FaceDataset.load(folder: SharedDatasets.path("orl_faces"), size: 64, channels: 1)
    for faces in [olivetti.dataset, orl.dataset] {
      #expect(faces.count == 400)
      for subject in 1...40 { #expect(faces.labels.filter { $0 == subject }.count == 10) }
      // A stratified 20 % validation split takes exactly 2 of each person's 10.
      let items = faces.splitItems(validationFraction: 0.2, seed: 3)
      for subject in 1...40 {
        #expect(items.validation.filter { faces.labels[$0] == subject }.count == 2)
      }
    }
    // The files' own sizes, as the datasets' README gives them.
    let sizes: [(String, Int, Int, Int)] = [
      ("frl_faces_color_128/0_1.png", 128, 128, 3), ("olivetti_faces_64/1_01.png", 64, 64, 1),
      ("orl_faces/40_10.png", 92, 112, 1), ("lfw_subset_skimage/0_099.png", 25, 25, 1),
    ]
    for (name, width, height, channels) in sizes {
      let image = try Image.read(path: SharedDatasets.path(name))
      #expect(
        image.width == width && image.height == height && image.channels == channels, "\(name)")
    }
    let lfw = try FaceDataset.load(
      folder: SharedDatasets.path("lfw_subset_skimage"), size: 25, channels: 1)
    #expect(lfw.dataset.count == 100)
  }
}
