import ArgumentParser
import FaceVAE
import FoundationEssentials
import LatentBasics
import ImageIO

/// `latent interpolate`: a walk from one face to another through latent space.
struct InterpolateCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "interpolate",
    abstract: "Walk from one face to another: numbered frames, a contact sheet, a GIF.",
    discussion: """
      --from and --to each name an image file (encoded to its posterior mean after the \
      model's preprocessing), a stored training face (#12 = row 12 of codes.mu), a prior \
      sample (seed:7), the origin (zero), a bookmark (@mine, `latent bookmark`), one σ along a \
      stored direction (sefa:3) or a code file the explorer wrote beside an exported \
      face (face_001.json). Frames go from t = 0 to t = 1, linearly or, with \
      --slerp, along the great circle (which keeps the norm of equal-norm codes).

      Example:
        latent interpolate --model faces.safetensors --from '#3' --to seed:7 --frames 16 \\
          --slerp --out morph --gif morph.gif --bounce --sheet morph.png
      """)

  @OptionGroup var model: ModelOption

  @Option(help: "Start: IMAGE, CODE.json, #ID, seed:S, @bookmark, sefa:K, pca:K or zero.")
  var from: String

  @Option(help: "End: IMAGE, CODE.json, #ID, seed:S, @bookmark, sefa:K, pca:K or zero.")
  var to: String

  @Option(help: "Frames, both ends included.")
  var frames = 9

  @Flag(help: "Spherical interpolation (slerp) instead of linear.")
  var slerp = false

  @Option(help: "Folder for frame_001.png, frame_002.png, ...")
  var out: String

  @Option(help: "Also write the frames as an animated GIF here.")
  var gif: String?

  @Flag(help: "Make the GIF and the MP4 go there and back (A → B → A).")
  var bounce = false

  @Option(help: "Also write a contact sheet of all frames here (.png).")
  var sheet: String?

  @OptionGroup var image: ScaleOption

  @OptionGroup var animation: GIFOptions

  @OptionGroup var video: VideoOptions

  func validate() throws {
    guard (2...1000).contains(frames) else {
      throw ValidationError("--frames must be 2...1000, not \(frames)")
    }
    _ = try LatentPoint(argument: from, option: "--from")
    _ = try LatentPoint(argument: to, option: "--to")
    try ImageOutput.checkFolder(out, option: "--out")
  }

  func run() throws {
    let face = try model.load()
    let start = try LatentPoint(argument: from, option: "--from").code(
      in: face, modelPath: model.path)
    let end = try LatentPoint(argument: to, option: "--to").code(in: face, modelPath: model.path)
    let codes = LatentPath.frames(from: start, to: end, count: frames, spherical: slerp)
    let factor = ImageOutput.scale(image.scale, for: face)
    let images = face.images(decoding: codes).map { $0.upscaled(by: factor) }
    try ImageOutput.writeNumbered(images, folder: out, prefix: "frame_")
    print("wrote \(frames) frames to \(out)/frame_*.png")
    if let sheet {
      let captions = (0..<frames).map { String(format: "%.2f", Double($0) / Double(frames - 1)) }
      let perRow = min(frames, 10)
      let fitting = ImageOutput.columnCaptions(captions, cellWidth: images[0].width)
      let grid = ImageGrid(columns: perRow, columnCaptions: frames <= 10 ? fitting : nil)
      try grid.writePNG(images, to: sheet)
      print("wrote the contact sheet to \(sheet)")
    }
    let played = bounce ? GIFAnimation.thereAndBack(images) : images
    if let gif {
      try ImageOutput.writeGIF(played, to: gif, options: animation)
      print("wrote the animation to \(gif)")
    }
    if let mp4 = video.mp4 {
      try video.write(played)
      print("wrote \(played.count) frames to \(mp4)")
    }
  }
}
