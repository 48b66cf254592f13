import ImageIO
import LatentBasics

/// The animated-GIF writer (`latent` writes GIFs but reads none): the median-cut palette,
/// the three ditherings and giflib's encoder, on frames the input describes. Input: width,
/// height, frame count, channels, palette size, dithering (one byte each), then pixel bytes,
/// repeated as needed. The file must start with `GIF89a` and the frames' size.
enum FuzzTarget {
  static func run(_ bytes: [UInt8]) {
    guard bytes.count > 6 else { return }
    let width = Int(bytes[0] % 24) + 1
    let height = Int(bytes[1] % 24) + 1
    let frameCount = Int(bytes[2] % 4) + 1
    let channels = bytes[3] % 2 == 0 ? 1 : 3
    let maxColors = Int(bytes[4]) + 1
    let dithering = GIFDithering.allCases[Int(bytes[5]) % GIFDithering.allCases.count]
    let source = bytes[6...]
    let frameBytes = width * height * channels
    let frames = (0..<frameCount).map { frame in
      Image(
        width: width, height: height, channels: channels,
        pixels: (0..<frameBytes).map {
          source[source.startIndex + (frame * frameBytes + $0) % source.count]
        })
    }
    let animation = GIFAnimation(frames: frames, dithering: dithering, maxColors: maxColors)
    let gif: [UInt8]
    do {
      gif = try animation.encode(path: "fuzz.gif")
    } catch {
      fatalError("valid frames do not encode as GIF: \(error)")
    }
    let screen =
      gif.count >= 10 ? (Int(gif[6]) | Int(gif[7]) << 8, Int(gif[8]) | Int(gif[9]) << 8) : (0, 0)
    guard gif.starts(with: Array("GIF89a".utf8)), screen == (width, height) else {
      fatalError("the GIF of \(width)×\(height) frames has another signature or size")
    }
  }

  static func writeSeeds(into folder: String) throws(LatentError) {
    for (index, (name, image)) in seedImages().sorted(by: { $0.key < $1.key }).enumerated() {
      let header: [UInt8] = [
        UInt8(image.width - 1), UInt8(image.height - 1), UInt8(index), UInt8(image.channels),
        UInt8(index * 80 + 15), UInt8(index),
      ]
      try writeSeed(header + image.pixels, named: name + ".frames", into: folder)
    }
  }
}
