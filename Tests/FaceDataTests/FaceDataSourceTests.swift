import FaceData
import ImageIO
import Testing

@Suite("Data sources")
struct FaceDataSourceTests {
  @Test(
    "--data reads synthetic specs and folders",
    arguments: [
      ("synthetic", FaceDataSource.synthetic(count: 2000, seed: 1)),
      ("synthetic:64", .synthetic(count: 64, seed: 1)),
      ("synthetic:64:9", .synthetic(count: 64, seed: 9)),
      ("synthetic:0", .folder("synthetic:0")),
      ("faces/mine", .folder("faces/mine")),
      ("synthetic-faces", .folder("synthetic-faces")),
    ])
  func parse(argument: String, source: FaceDataSource) {
    #expect(FaceDataSource(argument: argument) == source)
  }

  @Test("a synthetic source draws at the requested shape")
  func syntheticLoad() throws {
    let load = try FaceDataSource(argument: "synthetic:10:3").load(
      preprocessing: Preprocessing(width: 20, height: 28, channels: 1, fit: .stretch))
    #expect(load.dataset.count == 10)
    #expect(load.dataset.width == 20 && load.dataset.height == 28 && load.dataset.channels == 1)
    #expect(
      load.dataset.images
        == SyntheticFaces.dataset(count: 10, width: 20, height: 28, channels: 1, seed: 3).images)
  }
}
