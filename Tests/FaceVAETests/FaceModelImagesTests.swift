import FaceData
import FaceVAE
import ImageIO
import TestSupport
import Testing

@Suite("FaceModel: prior codes, decoding to images, encoding one image, attribute directions")
struct FaceModelImagesTests {
  func model() throws -> FaceModel {
    try TinyModel.untrained(VAEConfig.conv(size: 8, channels: 3, latent: 3), seed: 2)
  }

  @Test func priorCodesScaleWithTheTemperatureAndRepeatWithTheSeed() throws {
    let face = try model()
    let one = face.priorCodes(count: 4, seed: 9)
    #expect(one.count == 4 && one.allSatisfy { $0.count == 3 })
    #expect(face.priorCodes(count: 4, seed: 9) == one)
    #expect(face.priorCodes(count: 4, seed: 10) != one)
    #expect(
      face.priorCodes(count: 4, seed: 9, temperature: 2)
        == LatentCodes(dimensions: 3, rows: one.map { $0.map { $0 * 2 } }))
    #expect(face.priorCodes(count: 2, seed: 9, temperature: 0).joined().allSatisfy { $0 == 0 })
  }

  @Test func decodingGivesOneImageOfTheModelsSizePerCode() throws {
    let face = try model()
    // More codes than one decoding chunk, so the chunks must line up.
    let codes = face.priorCodes(count: FaceModel.decodeChunk + 3, seed: 1)
    let images = face.images(decoding: codes)
    #expect(images.count == codes.count)
    #expect(images.allSatisfy { $0.width == 8 && $0.height == 8 && $0.channels == 3 })
    let last = face.images(decoding: LatentCodes(row: codes[codes.count - 1]))[0]
    #expect(images.last == last)
  }

  @Test func oneImageEncodesAsInADataset() throws {
    let face = try model()
    var image = Image(width: 8, height: 8, fill: [10, 200, 90])
    image[3, 4, 0] = 255
    let values = Preprocessing(width: 8, height: 8, channels: 3)(image)
    let dataset = FaceDataset(
      images: values, channels: 3, height: 8, width: 8, labels: [nil], indices: [nil], paths: ["x"])
    #expect(face.encode(image: image) == face.encode(dataset, items: [0])[0])
  }

  @Test func attributeDirectionIsTheDifferenceOfEncodedMeans() throws {
    let face = try model()
    let images = (0..<4).map { k in
      Image(width: 8, height: 8, fill: [UInt8(k * 60), 100, UInt8(200 - k * 40)])
    }
    let preprocessing = Preprocessing(width: 8, height: 8, channels: 3)
    let dataset = FaceDataset(
      images: images.flatMap { preprocessing($0) }, channels: 3, height: 8, width: 8,
      labels: [nil, nil, nil, nil], indices: [1, 0, 1, 0], paths: ["a", "b", "c", "d"])
    let codes = images.map { face.encode(image: $0) }
    let direction = try face.attributeDirection(
      of: dataset, membership: [true, false, true, nil], batchSize: 3)
    for j in 0..<3 {
      let expected = (codes[0][j] + codes[2][j]) / 2 - codes[1][j]
      #expect(abs(direction[j] - expected) < 1e-5)
    }
  }
}
