import Foundation
import ImageIO
import LatentBasics
import TestSupport
import Testing

@Suite("animated GIF: palette, dithering, giflib, checked with ImageMagick")
struct GIFTests {
  /// A smooth RGB gradient with thousands of distinct colours, shifted by `phase`.
  func gradient(width: Int, height: Int, phase: Int) -> Image {
    var image = Image(width: width, height: height, fill: [0, 0, 0])
    for y in 0..<height {
      for x in 0..<width {
        image[x, y, 0] = UInt8((x * 255 / (width - 1) + phase) % 256)
        image[x, y, 1] = UInt8(y * 255 / (height - 1))
        image[x, y, 2] = UInt8((x + y) * 255 / (width + height - 2))
      }
    }
    return image
  }

  @Test func fewColoursMakeAnExactPalette() {
    let red = Image(width: 2, height: 1, fill: [255, 0, 0])
    let mixed = Image(width: 2, height: 1, channels: 3, pixels: [0, 0, 255, 255, 0, 0])
    let gray = Image(width: 1, height: 1, channels: 1, pixels: [77])
    let palette = GIFPalette(quantizing: [red, mixed, gray])
    #expect(
      palette.colors == [
        RGBColor(red: 255, green: 0, blue: 0), RGBColor(red: 0, green: 0, blue: 255),
        RGBColor(gray: 77),
      ])
  }

  /// Colours on a plane: red across, green down, blue fixed at 100 (4096 distinct colours).
  func plane() -> Image {
    var image = Image(width: 64, height: 64, fill: [0, 0, 100])
    for y in 0..<64 {
      for x in 0..<64 {
        image[x, y, 0] = UInt8(x * 4 + 2)
        image[x, y, 1] = UInt8(y * 4 + 1)
      }
    }
    return image
  }

  @Test func medianCutKeepsTheErrorSmall() {
    let frames = [plane()]
    let palette = GIFPalette(quantizing: frames)
    #expect(palette.colors.count == 256)
    #expect(Set(palette.colors).count == 256)
    var total = 0.0
    var worst = 0
    var count = 0
    for frame in frames {
      for y in 0..<frame.height {
        for x in 0..<frame.width {
          let r = Int(frame[x, y, 0])
          let g = Int(frame[x, y, 1])
          let b = Int(frame[x, y, 2])
          let entry = palette.colors[palette.nearestIndex(red: r, green: g, blue: b)]
          let dr: Int = abs(Int(entry.red) - r)
          let dg: Int = abs(Int(entry.green) - g)
          let db: Int = abs(Int(entry.blue) - b)
          let error = max(dr, max(dg, db))
          total += Double(error)
          worst = max(worst, error)
          count += 1
        }
      }
    }
    // The best 256 colours for this square of (red, green) form a 16×16 grid: each cell holds
    // 4×4 pixel levels at offsets ±2, ±6 from its centre, so the larger of the red and green
    // errors is 6 with probability 3/4 and 2 otherwise: mean 5, worst 6.
    #expect(total / Double(count) <= 5.01, "mean error \(total / Double(count))")
    #expect(worst <= 8, "worst error \(worst)")
  }

  @Test func fewColourFramesDecodeExactlyInImageMagick() throws {
    // Four colours in quadrants that move from frame to frame: no quantisation error at all.
    let colors: [[UInt8]] = [[250, 10, 10], [10, 200, 30], [20, 40, 230], [240, 240, 240]]
    let frames = (0..<5).map { shift in
      var image = Image(width: 10, height: 6, fill: [0, 0, 0])
      for y in 0..<6 {
        for x in 0..<10 {
          let quadrant: Int = x / 5 + 2 * (y / 3)
          let color = colors[(quadrant + shift) % 4]
          for c in 0..<3 { image[x, y, c] = color[c] }
        }
      }
      return image
    }
    let folder = try TemporaryFolder()
    let path = folder.file("quads.gif")
    try GIFAnimation(frames: frames, delayCentiseconds: 12, loopCount: 0).write(to: path)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(Array(bytes.prefix(6)) == Array("GIF89a".utf8))
    #expect(String(decoding: bytes, as: UTF8.self).contains("NETSCAPE2.0"))
    #expect(
      try ImageMagick.identify(path, format: "%n %w %h %T")
        == Array(repeating: [5, 10, 6, 12], count: 5))
    for (index, frame) in frames.enumerated() {
      #expect(try ImageMagick.rgb(of: path, frame: index) == frame.pixels, "frame \(index)")
    }
  }

  @Test func manyColourFramesDecodeWithinQuantisationError() throws {
    let frames = (0..<6).map { gradient(width: 40, height: 30, phase: $0 * 40) }
    let folder = try TemporaryFolder()
    for dithering in GIFDithering.allCases {
      let path = folder.file("gradient-\(dithering.rawValue).gif")
      try GIFAnimation(frames: frames, delayCentiseconds: 5, dithering: dithering).write(to: path)
      #expect(
        try ImageMagick.identify(path, format: "%n %w %h %T")
          == Array(repeating: [6, 40, 30, 5], count: 6))
      for index in [0, 3, 5] {
        let decoded = try ImageMagick.rgb(of: path, frame: index)
        #expect(decoded.count == frames[index].pixels.count)
        let errors = zip(decoded, frames[index].pixels).map { abs(Int($0) - Int($1)) }
        let mean = Double(errors.reduce(0, +)) / Double(errors.count)
        // The frames fill a 3-D block of colours (the phase moves red independently of green and
        // blue): 256 cells of about 40 levels a side leave a mean error of about 10 per value.
        #expect(mean < 11, "\(dithering) frame \(index): mean error \(mean)")
        // Averaged over 4×4 blocks, dithering brings the colours back close to the original.
        if dithering != .none {
          let blocks = blockMeanError(decoded, frames[index].pixels, width: 40, height: 30)
          #expect(blocks < mean, "\(dithering) frame \(index): \(blocks) vs \(mean)")
        }
      }
    }
  }

  /// Mean absolute difference of 4×4 block averages of two RGB images.
  func blockMeanError(_ a: [UInt8], _ b: [UInt8], width: Int, height: Int) -> Double {
    var total = 0.0
    var blocks = 0
    for by in stride(from: 0, to: height - 3, by: 4) {
      for bx in stride(from: 0, to: width - 3, by: 4) {
        for c in 0..<3 {
          var difference = 0
          for y in by..<(by + 4) {
            for x in bx..<(bx + 4) {
              difference += Int(a[(y * width + x) * 3 + c]) - Int(b[(y * width + x) * 3 + c])
            }
          }
          total += abs(Double(difference) / 16)
          blocks += 1
        }
      }
    }
    return total / Double(blocks)
  }

  @Test func loopCountAndDelayReachTheFile() throws {
    let frames = [Image(width: 2, height: 2, fill: [0]), Image(width: 2, height: 2, fill: [255])]
    let folder = try TemporaryFolder()
    let path = folder.file("loop.gif")
    try GIFAnimation(frames: frames, delayCentiseconds: 250, loopCount: 3).write(to: path)
    let verbose = String(
      decoding: try ExternalTool.run("identify", ["-verbose", path], package: "imagemagick"),
      as: UTF8.self)
    #expect(verbose.contains("Iterations: 3"))
    #expect(verbose.contains("Delay: 250x100"))
    // Played once: no NETSCAPE2.0 extension at all.
    let once = try GIFAnimation(frames: frames, loopCount: 1).encode()
    #expect(!String(decoding: once, as: UTF8.self).contains("NETSCAPE2.0"))
    let forever = try GIFAnimation(frames: frames, loopCount: 0).encode()
    let marker = Array("NETSCAPE2.0".utf8)
    let at = try #require(
      (0...(forever.count - marker.count)).first {
        Array(forever[$0..<($0 + marker.count)]) == marker
      })
    // Sub-block: size 3, id 1, repeats 0 (little-endian) = forever.
    #expect(Array(forever[(at + 11)..<(at + 15)]) == [3, 1, 0, 0])
  }

  @Test func grayFramesBecomeGrayRGB() throws {
    let frames = [
      Image(width: 3, height: 2, channels: 1, pixels: [0, 50, 100, 150, 200, 250]),
      Image(width: 3, height: 2, channels: 1, pixels: [250, 200, 150, 100, 50, 0]),
    ]
    let folder = try TemporaryFolder()
    let path = folder.file("gray.gif")
    try GIFAnimation(frames: frames).write(to: path)
    #expect(try ImageMagick.rgb(of: path, frame: 1) == frames[1].pixels.flatMap { [$0, $0, $0] })
  }

  @Test func badAnimationsAreRefusedNamingTheFile() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("bad.gif")
    #expect(throws: LatentError.self) { try GIFAnimation(frames: []).write(to: path) }
    let frames = [Image(width: 2, height: 2, fill: [1]), Image(width: 3, height: 2, fill: [1])]
    do {
      try GIFAnimation(frames: frames).write(to: path)
      Issue.record("frames of different sizes were accepted")
    } catch {
      #expect(error.description.contains(path))
      #expect(error.description.contains("differ in size"))
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
