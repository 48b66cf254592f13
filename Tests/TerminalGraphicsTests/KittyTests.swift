import Foundation
import ImageIO
import TerminalGraphics
import TestSupport
import Testing

@Suite("Kitty graphics protocol")
struct KittyTests {
  /// The APC commands in `bytes`: (control keys, payload) pairs.
  private func commands(in bytes: [UInt8]) -> [(keys: [String: String], payload: String)] {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.components(separatedBy: "\u{1B}_G").dropFirst().map { chunk in
      #expect(chunk.hasSuffix("\u{1B}\\"))
      let body = chunk.dropLast(2)
      let parts = body.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
      var keys: [String: String] = [:]
      for pair in parts[0].split(separator: ",") {
        let keyValue = pair.split(separator: "=", maxSplits: 1)
        keys[String(keyValue[0])] = keyValue.count > 1 ? String(keyValue[1]) : ""
      }
      return (keys, parts.count > 1 ? String(parts[1]) : "")
    }
  }

  @Test(
    "The payload is the raw RGB, base64, in chunks of at most 4096 bytes", arguments: [1, 37, 64])
  func chunkedPayload(size: Int) throws {
    let image = Image.noise(width: size, height: size + 3, seed: UInt64(size))
    let parts = commands(in: KittyImage(imageID: 7, placementID: 3).draw(image))
    #expect(parts.count == max(1, (image.pixels.count * 4 / 3 + 4095) / 4096))
    for (position, part) in parts.enumerated() {
      #expect(part.payload.utf8.count <= 4096)
      #expect(part.keys["m"] == (position == parts.count - 1 ? "0" : "1"))
    }
    let first = try #require(parts.first).keys
    #expect(first["a"] == "T" && first["f"] == "24" && first["i"] == "7" && first["p"] == "3")
    #expect(first["s"] == "\(size)" && first["v"] == "\(size + 3)")
    #expect(first["q"] == "2" && first["C"] == "1")
    let joined = parts.map(\.payload).joined()
    let decoded = try #require(Data(base64Encoded: joined))
    #expect([UInt8](decoded) == image.pixels)
  }

  @Test("Every frame reuses the same image and placement ids, so it replaces the last one")
  func redrawReplaces() {
    let encoder = KittyImage(imageID: 99, placementID: 2)
    let frames = [
      encoder.draw(SyntheticFace.image(size: 16)),
      encoder.draw(Image.noise(width: 16, height: 16, seed: 1)),
    ]
    let ids = frames.map { commands(in: $0)[0].keys }.map { [$0["i"], $0["p"]] }
    #expect(ids[0] == ids[1])
  }

  @Test("A gray image is sent as RGB; cell size keys are passed on")
  func grayAndCells() throws {
    let gray = Image(width: 2, height: 1, channels: 1, pixels: [10, 250])
    let part = try #require(commands(in: KittyImage().draw(gray, columns: 20, rows: 10)).first)
    #expect(
      [UInt8](try #require(Data(base64Encoded: part.payload))) == [10, 10, 10, 250, 250, 250])
    #expect(part.keys["c"] == "20" && part.keys["r"] == "10")
  }

  @Test("Closing the view deletes the image and its data")
  func deletion() throws {
    let part = try #require(commands(in: KittyImage(imageID: 5).delete()).first)
    #expect(part.keys["a"] == "d" && part.keys["d"] == "I" && part.keys["i"] == "5")
  }
}
