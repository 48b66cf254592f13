import Foundation
import ImageIO
import TerminalGraphics
import TestSupport

/// Decodes sixel bytes with independent decoders: ImageMagick and libsixel's sixel2png.
enum SixelDecoders {
  /// The image ImageMagick (`convert sixel:in.six out.png`) decodes from `sixel`.
  ///
  /// ImageMagick 6.9.11 decodes sixel to a palette image whose pixels only the PNG
  /// writer resolves (written straight to PPM or txt it comes out black), so the
  /// decoded image goes through PNG, as the brief's command has it.
  static func imageMagick(_ sixel: [UInt8]) throws -> Image {
    try decode(sixel) { input, output in
      try ExternalTool.run("convert", ["sixel:\(input)", output], package: "imagemagick")
    }
  }

  /// The image libsixel (`sixel2png`) decodes from `sixel`, read back through ImageMagick.
  static func libsixel(_ sixel: [UInt8]) throws -> Image {
    try decode(sixel) { input, output in
      try ExternalTool.run("sixel2png", ["-i", input, "-o", output], package: "libsixel-bin")
    }
  }

  /// Writes `sixel` to a file, lets `decoder` turn that file (its first argument) into a PNG
  /// file (its second), and reads the PNG back through ImageMagick as RGB.
  private static func decode(_ sixel: [UInt8], with decoder: (String, String) throws -> Void)
    throws -> Image
  {
    let folder = try TemporaryFolder()
    let input = try folder.write(sixel, to: "in.six")
    let output = folder.file("out.png")
    try decoder(input, output)
    let ppm = try ExternalTool.run(
      "convert", [output, "-depth", "8", "ppm:-"], package: "imagemagick")
    return try PNM.decode(ppm).rgbImage()
  }
}

/// Per-channel absolute differences between two images of the same size.
struct PixelError: CustomStringConvertible {
  /// Mean absolute difference per channel value.
  var mean: Double
  /// Largest absolute difference.
  var max: Int

  /// The error of `decoded` against `source` (both RGB); images of different sizes
  /// count as wholly different (max 255).
  init(decoded: Image, source: Image) {
    guard decoded.width == source.width, decoded.height == source.height,
      decoded.channels == source.channels
    else {
      mean = 255
      max = 255
      return
    }
    var total = 0
    var largest = 0
    for (a, b) in zip(decoded.pixels, source.pixels) {
      let difference = abs(Int(a) - Int(b))
      total += difference
      largest = Swift.max(largest, difference)
    }
    mean = Double(total) / Double(Swift.max(source.pixels.count, 1))
    max = largest
  }

  var description: String { "mean \(String(format: "%.3f", arguments: [mean])), max \(max)" }
}
