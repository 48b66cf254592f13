import ArgumentParser
import FaceVAE
import FoundationEssentials
import LatentBasics
import ImageIO

/// `latent traverse`: what each latent dimension does, as a grid and optional GIFs.
struct TraverseCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "traverse",
    abstract:
      "Draw a traversal grid: one row per latent dimension or direction, −range σ to +range σ.",
    discussion: """
      Each row moves one dimension from −range to +range (in units of the prior's σ) around \
      the point --around, leaving the others where they are. Rows are captioned z7, columns \
      -3 ... +3. --dims top8 takes the eight dimensions with the most KL (the most active); \
      --dims 3,7,9 takes those. --direction walks along stored directions instead, each in \
      units of its own σ: sefa:0-7, pca:0,2,5 (`latent directions` stores them), attribute \
      names (smile), or a mixture (pca:0-2,smile). With --gif DIR, DIR/z7.gif and so on go \
      −range → +range → −range; --mp4 FILE plays those walks one row after another.

      Example:
        latent traverse --model faces.safetensors --dims top6 --steps 9 --range 3 \\
          --around '#12' --out traverse.png --gif traverse-gifs
      """)

  @OptionGroup var model: ModelOption

  @Option(help: "topN (most active by KL) or a list such as 3,7,9 (or z3,z7,z9); default top8.")
  var dims: String?

  @Option(help: "Directions instead of dimensions: sefa:0-7, pca:0,2,5, attribute names (smile).")
  var direction: String?

  @Option(help: "Columns: values from −range to +range.")
  var steps = 9

  @Option(help: "How far each dimension moves, in σ of the prior.")
  var range: Float = 3

  @Option(help: "The point moved around: \(LatentPoint.forms).")
  var around = "zero"

  @Option(help: "The grid (.png).")
  var out: String

  @Option(help: "Also write one animated GIF per dimension into this folder.")
  var gif: String?

  @OptionGroup var image: ScaleOption

  @OptionGroup var animation: GIFOptions

  @OptionGroup var video: VideoOptions

  func validate() throws {
    if direction != nil, dims != nil {
      throw ValidationError("give --dims or --direction, not both")
    }
    _ = try DimensionSelection(argument: dims ?? "top8")
    if let direction { _ = try DirectionChoice(argument: direction) }
    _ = try LatentPoint(argument: around, option: "--around")
    if let gif { try ImageOutput.checkFolder(gif, option: "--gif") }
    guard (2...101).contains(steps) else {
      throw ValidationError("--steps must be 2...101, not \(steps)")
    }
    guard range.isFinite, range > 0, range <= 100 else {
      throw ValidationError("--range must be above 0 and at most 100, not \(range)")
    }
  }

  /// The offsets of the columns, −range … +range.
  var offsets: [Float] {
    (0..<steps).map { -range + 2 * range * Float($0) / Float(steps - 1) }
  }

  func run() throws {
    let face = try model.load()
    let rows = try axes(of: face)
    let center = try LatentPoint(argument: around, option: "--around").code(
      in: face, modelPath: model.path)
    let factor = ImageOutput.scale(image.scale, for: face)
    func faces(_ axis: FaceModel.Axis, _ values: [Float]) -> [Image] {
      var codes = LatentCodes(dimensions: center.count)
      for offset in values {
        var code = center
        for j in code.indices { code[j] += offset * axis.scale * axis.direction[j] }
        codes.append(code)
      }
      return face.images(decoding: codes).map { $0.upscaled(by: factor) }
    }
    let images = rows.flatMap { faces($0.axis, offsets) }
    let grid = ImageGrid(
      columns: steps, rowCaptions: rows.map(\.caption),
      columnCaptions: ImageOutput.columnCaptions(
        offsets.map(Self.caption), cellWidth: images[0].width))
    try grid.writePNG(images, to: out)
    print("wrote a \(rows.count)×\(steps) traversal to \(out)")
    let walk = GIFAnimation.thereAndBack(offsets)
    if let gif {
      try OutputFolder.filling(gif) { folder in
        for row in rows {
          try ImageOutput.writeGIF(
            faces(row.axis, walk), to: folder.file("\(row.caption).gif"), options: animation)
        }
      }
      print("wrote \(rows.count) GIFs to \(gif)/*.gif")
    }
    if let mp4 = video.mp4 {
      let frames = rows.flatMap { faces($0.axis, walk) }
      try video.write(frames)
      print("wrote \(frames.count) frames (\(rows.count) walks) to \(mp4)")
    }
  }

  /// The rows: latent dimensions (unit σ of the prior) or stored directions and attributes.
  private func axes(of face: FaceModel) throws -> [(caption: String, axis: FaceModel.Axis)] {
    if let direction {
      return try DirectionChoice(argument: direction).axes(of: face, modelPath: model.path)
    }
    let d = face.vae.latentDimensions
    return try DimensionSelection(argument: dims ?? "top8").dimensions(of: face).map { dimension in
      var unit = [Float](repeating: 0, count: d)
      unit[dimension] = 1
      return ("z\(dimension)", FaceModel.Axis(direction: unit, scale: 1))
    }
  }

  /// `-3`, `-1.5`, `0`, `+1.5`, `+3`.
  static func caption(_ value: Float) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == 0 { return "0" }
    let text =
      rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%g", Double(rounded))
    return rounded > 0 ? "+" + text : text
  }
}
