import ArgumentParser
import FaceVAE
import FoundationEssentials
import LatentBasics
import ImageIO

/// `latent traverse`: what each latent dimension does, as a grid and optional GIFs.
struct TraverseCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "traverse",
    abstract: "Draw a traversal grid: one row per latent dimension, −range σ to +range σ.",
    discussion: """
      Each row moves one dimension from −range to +range (in units of the prior's σ) around \
      the point --around, leaving the others where they are. Rows are captioned z7, columns \
      -3 ... +3. --dims top8 takes the eight dimensions with the most KL (the most active); \
      --dims 3,7,9 takes those. With --gif DIR, DIR/z7.gif and so on go −range → +range → −range.

      Example:
        latent traverse --model faces.safetensors --dims top6 --steps 9 --range 3 \\
          --around '#12' --out traverse.png --gif traverse-gifs
      """)

  @OptionGroup var model: ModelOption

  @Option(help: "topN (most active by KL) or a list such as 3,7,9 (or z3,z7,z9).")
  var dims = "top8"

  @Option(help: "Columns: values from −range to +range.")
  var steps = 9

  @Option(help: "How far each dimension moves, in σ of the prior.")
  var range: Float = 3

  @Option(help: "The point moved around: #ID, seed:S, zero, a code .json file or an image file.")
  var around = "zero"

  @Option(help: "The grid (.png).")
  var out: String

  @Option(help: "Also write one animated GIF per dimension into this folder.")
  var gif: String?

  @OptionGroup var image: ScaleOption

  @OptionGroup var animation: GIFOptions

  func validate() throws {
    _ = try DimensionSelection(argument: dims)
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
    let dimensions = try DimensionSelection(argument: dims).dimensions(of: face)
    let center = try LatentPoint(argument: around, option: "--around").code(
      in: face, modelPath: model.path)
    let factor = ImageOutput.scale(image.scale, for: face)
    func faces(_ dimension: Int, _ values: [Float]) -> [Image] {
      var codes = LatentCodes(dimensions: center.count)
      for offset in values {
        var code = center
        code[dimension] += offset
        codes.append(code)
      }
      return face.images(decoding: codes).map { $0.upscaled(by: factor) }
    }
    let images = dimensions.flatMap { faces($0, offsets) }
    let grid = ImageGrid(
      columns: steps, rowCaptions: dimensions.map { "z\($0)" },
      columnCaptions: ImageOutput.columnCaptions(
        offsets.map(Self.caption), cellWidth: images[0].width))
    try grid.writePNG(images, to: out)
    print("wrote a \(dimensions.count)×\(steps) traversal to \(out)")
    if let gif {
      try ImageOutput.makeFolder(gif)
      for dimension in dimensions {
        let path = ImageOutput.path(in: gif, named: "z\(dimension).gif")
        try ImageOutput.writeGIF(
          faces(dimension, GIFAnimation.thereAndBack(offsets)), to: path, options: animation)
      }
      print("wrote \(dimensions.count) GIFs to \(gif)/z*.gif")
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
