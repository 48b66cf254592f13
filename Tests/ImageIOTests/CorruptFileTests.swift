import Foundation
import ImageIO
import LatentBasics
import TestSupport
import Testing

/// Files that are not what they claim: each must give an `LatentError` naming the file and the
/// problem, on one line, and never crash.
@Suite("Corrupt and hostile files")
struct CorruptFileTests {
  /// A valid 8 × 8 gray PNG from the test's own writer.
  static var smallPNG: [UInt8] {
    PNGBuilder(width: 8, height: 8, colorType: .gray, samples: Array(repeating: 77, count: 64))
      .bytes()
  }

  /// A valid 16 × 16 RGB JPEG.
  static var smallJPEG: [UInt8] {
    get throws {
      try Image(width: 16, height: 16, fill: [200, 100, 50]).encodeJPEG(quality: 90)
    }
  }

  /// A PNG whose header declares 30000 × 30000 pixels but holds almost no data.
  static var hugeHeaderPNG: [UInt8] {
    var bytes = PNGBuilder(width: 1, height: 1, colorType: .gray, samples: [0]).bytes()
    // Replace the IHDR chunk (bytes 8..<33) with one declaring the huge size, CRC recomputed.
    let header =
      PNGBuilder.bigEndian32(30000) + PNGBuilder.bigEndian32(30000) + [8, 0, 0, 0, 0]
    bytes.replaceSubrange(8..<33, with: PNGBuilder.chunk("IHDR", header))
    return bytes
  }

  /// A JPEG whose frame header (SOF) is patched to declare 30000 × 30000 pixels.
  static var hugeHeaderJPEG: [UInt8] {
    get throws {
      var bytes = try smallJPEG
      for index in 0..<(bytes.count - 9) where bytes[index] == 0xFF && bytes[index + 1] == 0xC0 {
        // FF C0, length (2), precision (1), height (2), width (2).
        bytes.replaceSubrange((index + 5)..<(index + 9), with: [0x75, 0x30, 0x75, 0x30])
        break
      }
      return bytes
    }
  }

  static func cases() throws -> [(name: String, bytes: [UInt8], problem: String)] {
    var random = SeededGenerator(seed: 99)
    let noise = (0..<500).map { _ in random.byte() }
    var badChecksum = smallPNG
    badChecksum[30] ^= 0xFF  // inside IHDR's CRC
    return [
      ("empty.png", [], "empty file"),
      ("empty.jpg", [], "empty file"),
      ("noise.png", noise, "not a PNG file (unknown signature"),
      ("noise.bin", noise, "not a PNG or JPEG file"),
      ("noise.jpg", [0xFF, 0xD8, 0xFF] + noise, "bad JPEG"),
      ("truncated.png", Array(smallPNG.prefix(smallPNG.count - 20)), "bad PNG"),
      ("truncated.jpg", Array(try smallJPEG.prefix(try smallJPEG.count / 2)), "bad JPEG"),
      ("header-only.png", Array(smallPNG.prefix(12)), "bad PNG"),
      ("png-named.jpg", smallPNG, "named as JPEG but its content is PNG"),
      ("jpeg-named.png", try smallJPEG, "named as PNG but its content is JPEG"),
      ("bad-crc.png", badChecksum, "bad PNG"),
      ("huge.png", hugeHeaderPNG, "over the limit"),
      ("huge.jpg", try hugeHeaderJPEG, "over the limit"),
    ]
  }

  @Test("each corrupt file gives its own one-line error naming the file")
  func corruptFiles() throws {
    let folder = try TemporaryFolder()
    for (name, bytes, problem) in try Self.cases() {
      let path = try folder.write(bytes, to: name)
      do {
        let image = try Image.read(path: path)
        Issue.record("\(name) decoded as a \(image.width)×\(image.height) image")
      } catch {
        #expect(error.path == path, "\(name)")
        #expect(error.problem.contains(problem), "\(name): \(error.problem)")
        #expect(error.description.hasPrefix("\(path): "))
        #expect(!error.description.contains("\n"))
      }
    }
  }

  @Test("a PNG over a small pixel limit is refused")
  func pixelLimit() throws {
    let limits = ImageLimits(maximumPixels: 63, maximumFileBytes: 1 << 20)
    #expect(throws: LatentError.self) {
      try Image.decodePNG(Self.smallPNG, path: "small.png", limits: limits)
    }
    let exact = ImageLimits(maximumPixels: 64, maximumFileBytes: 1 << 20)
    #expect(try Image.decodePNG(Self.smallPNG, path: "small.png", limits: exact).width == 8)
  }

  @Test("missing files and folders are errors")
  func notFiles() throws {
    let folder = try TemporaryFolder()
    let missing = folder.file("missing.png")
    #expect(
      throws: LatentError(
        .cannotOpen, path: missing, "cannot read the file: No such file or directory")
    ) {
      try Image.read(path: missing)
    }
    #expect(throws: LatentError(.isFolder, path: folder.path, "is a folder, not an image file")) {
      try Image.read(path: folder.path)
    }
    // A loop of symbolic links says so (it was "no such file or no access").
    let loop = folder.file("loop.png")
    try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
    #expect(
      throws: LatentError(
        .cannotOpen, path: loop, "cannot read the file: Too many levels of symbolic links")
    ) {
      try Image.read(path: loop)
    }
  }

  @Test("the codecs refuse each other's files")
  func wrongDecoder() throws {
    #expect(throws: LatentError.self) { try Image.decodePNG(try Self.smallJPEG, path: "a.png") }
    #expect(throws: LatentError.self) { try Image.decodeJPEG(Self.smallPNG, path: "a.jpg") }
  }

  @Test("damaged bytes anywhere in a PNG or JPEG give an image or an error, never a crash")
  func damagedBytes() throws {
    var random = SeededGenerator(seed: 2026)
    let colour = try Image(width: 24, height: 16, fill: [10, 200, 90]).encodePNG()
    for original in [Self.smallPNG, colour, try Self.smallJPEG] {
      for _ in 0..<300 {
        var bytes = original
        for _ in 0..<(1 + Int(random.next() % 4)) {
          bytes[Int(random.next() % UInt64(bytes.count))] = random.byte()
        }
        if random.next() % 4 == 0 { bytes.removeLast(Int(random.next() % UInt64(bytes.count))) }
        let limits = ImageLimits(maximumPixels: 1 << 20, maximumFileBytes: 1 << 20)
        do {
          let image: Image
          if ImageFileFormat.sniff(original) == .png {
            image = try Image.decodePNG(bytes, path: "damaged.png", limits: limits)
          } else {
            image = try Image.decodeJPEG(bytes, path: "damaged.jpg", limits: limits)
          }
          #expect(image.pixels.count == image.width * image.height * image.channels)
        } catch {
          #expect(error.description.hasPrefix("damaged."))
        }
      }
    }
  }
}
