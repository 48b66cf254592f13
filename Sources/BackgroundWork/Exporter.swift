import LatentUI
import LatentBasics
import FaceVAE
import ImageIO

/// Writes export requests as PNG, GIF and MP4 files into a folder, never overwriting a file.
package struct Exporter: Sendable {
  /// The folder (created when needed).
  package var folder: String

  package init(folder: String) { self.folder = folder }

  /// Writes `request`; returns the path written (a file, or a folder of frames). A failure
  /// part-way leaves none of its files, nor a folder it created (``OutputFolder``).
  package func write(_ request: ExportRequest) -> Result<String, LatentError> {
    do {
      let written = try OutputFolder.filling(folder) { output -> String in
        switch request {
        case .face(let image, let scale, let code):
          let stem = Self.fileName(freeStem(prefix: "face", suffixes: [".png", ".json"]))
          let png = output.file(stem + ".png")
          try image.upscaled(by: Self.clamped(scale)).writePNG(to: png)
          guard let code else { return png }
          try code.write(to: output.file(stem + ".json"))
          return png + ", " + stem + ".json"
        case .frames(let originals, let scale):
          let directory = freePath(prefix: "interpolation", suffix: "")
          return try OutputFolder.filling(directory) { frameFolder in
            let frames = originals.map { $0.upscaled(by: Self.clamped(scale)) }
            for (k, frame) in frames.enumerated() {
              try frame.writePNG(to: frameFolder.file(Self.numbered("frame", k + 1, ".png")))
            }
            let sheet = ImageGrid(columns: min(frames.count, 10)).compose(frames)
            try sheet.writePNG(to: frameFolder.file("contact_sheet.png"))
            return directory
          }
        case .grid(let images, let columns, let rowCaptions, let columnCaptions):
          let path = output.file(Self.fileName(freePath(prefix: "traverse", suffix: ".png")))
          let grid = ImageGrid(
            columns: columns, rowCaptions: rowCaptions, columnCaptions: columnCaptions)
          try grid.compose(images).writePNG(to: path)
          return path
        case .animation(let animation):
          return try write(animation, into: &output)
        }
      }
      return .success(written)
    } catch let error as LatentError {
      return .failure(LatentError(error.kind, "export failed: \(error.description)"))
    } catch {
      return .failure(LatentError(.inputOutput, "export failed: \(folder): \(error)"))
    }
  }

  /// Writes `animation` as `name_NNN.gif` (or `.mp4`) and its code files beside it; returns
  /// the names.
  func write(
    _ animation: AnimationExport, into output: inout OutputFolder
  ) throws(LatentError) -> String {
    let codes = animation.codes.sorted { $0.key < $1.key }
    let stem = Self.fileName(
      freeStem(
        prefix: animation.name,
        suffixes: [".gif", ".mp4"] + codes.map { $0.key + ".json" }))
    let frames = animation.frames.map { $0.upscaled(by: Self.clamped(animation.scale)) }
    let path = output.file(stem + "." + animation.format.rawValue)
    switch animation.format {
    case .gif:
      try GIFAnimation(frames: frames, delayCentiseconds: AnimationExport.delayCentiseconds)
        .write(to: path)
    case .mp4:
      try MP4Video.write(
        frames, framesPerSecond: AnimationExport.videoFramesPerSecond, to: path)
    }
    for (suffix, code) in codes { try code.write(to: output.file(stem + suffix + ".json")) }
    return ([path] + codes.map { stem + $0.key + ".json" }).joined(separator: ", ")
  }

  /// An export scale within 1…8.
  static func clamped(_ scale: Int) -> Int { min(max(scale, 1), 8) }

  /// `prefix_001suffix`, `prefix_002suffix`, … : the first name not yet taken in the folder.
  func freePath(prefix: String, suffix: String) -> String {
    freeStem(prefix: prefix, suffixes: [suffix]) + suffix
  }

  /// The folder's `prefix_001`, `prefix_002`, …: the first with no file of any of `suffixes`.
  func freeStem(prefix: String, suffixes: [String]) -> String {
    var n = 1
    while true {
      let stem = folder + "/" + Self.numbered(prefix, n, "")
      if !suffixes.contains(where: { POSIXFile.exists(stem + $0) }) { return stem }
      n += 1
    }
  }

  /// The last component of `path`.
  static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// `name_007.png`.
  static func numbered(_ name: String, _ number: Int, _ suffix: String) -> String {
    let digits = String(number)
    return name + "_" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits + suffix
  }
}
