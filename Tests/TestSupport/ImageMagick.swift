import Foundation

/// ImageMagick's `identify` and `convert` (Debian `imagemagick`, installed by `make test`) on
/// files the tests write: a decoder that is not ours.
public enum ImageMagick {
  /// The integers `identify -format "<format>\n"` prints for each frame of the file at
  /// `path`, one array per frame; the default gives frame count, width and height in pixels.
  public static func identify(_ path: String, format: String = "%n %w %h") throws -> [[Int]] {
    let output = try ExternalTool.run(
      "identify", ["-format", format + "\n", path], package: "imagemagick")
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map {
      $0.split(separator: " ").compactMap { Int($0) }
    }
  }

  /// What ``identify(_:format:)`` gives by default for a file of `count` frames of
  /// `width × height` pixels.
  public static func frames(_ count: Int, _ width: Int, _ height: Int) -> [[Int]] {
    Array(repeating: [count, width, height], count: count)
  }

  /// Frame `index` of an image file as 8-bit RGB bytes, row-major (`width × height × 3`).
  public static func rgb(of path: String, frame index: Int) throws -> [UInt8] {
    [UInt8](
      try ExternalTool.run(
        "convert", ["\(path)[\(index)]", "-depth", "8", "rgb:-"], package: "imagemagick"))
  }
}
