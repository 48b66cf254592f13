import Foundation
import ImageIO

/// Binary PPM/PGM reading and writing, so images can pass to and from ImageMagick
/// without the project's own PNG codec.
enum PNM {
  /// `image` as binary PPM (P6) or PGM (P5).
  static func encode(_ image: Image) -> Data {
    var data = Data(
      "\(image.channels == 3 ? "P6" : "P5")\n\(image.width) \(image.height)\n255\n".utf8)
    data.append(contentsOf: image.pixels)
    return data
  }

  /// The image in a binary P6 or P5 file with maxval 255.
  static func decode(_ data: Data) throws -> Image {
    let bytes = [UInt8](data)
    var index = 0
    func token() throws -> String {
      while index < bytes.count {
        if bytes[index] == UInt8(ascii: "#") {
          while index < bytes.count && bytes[index] != 0x0A { index += 1 }
        } else if [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) {
          index += 1
        } else {
          break
        }
      }
      let start = index
      while index < bytes.count && ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
      guard index > start else { throw PNMError.malformed("header ends early") }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }
    let magic = try token()
    guard magic == "P6" || magic == "P5" else { throw PNMError.malformed("magic \(magic)") }
    guard let width = Int(try token()), let height = Int(try token()),
      let maxValue = Int(try token()),
      maxValue == 255
    else { throw PNMError.malformed("size or maxval") }
    index += 1  // the single whitespace after maxval
    let channels = magic == "P6" ? 3 : 1
    let count = width * height * channels
    guard bytes.count - index >= count else { throw PNMError.malformed("pixels truncated") }
    return Image(
      width: width, height: height, channels: channels,
      pixels: Array(bytes[index..<(index + count)]))
  }
}

/// A PNM file that cannot be read.
enum PNMError: Error {
  case malformed(String)
}
