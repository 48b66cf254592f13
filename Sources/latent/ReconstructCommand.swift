import ArgumentParser
import FaceVAE
import LatentBasics
import ImageIO
import Glibc

/// `latent reconstruct`: images beside what the model makes of them.
struct ReconstructCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "reconstruct",
    abstract: "Encode and decode images; write each original beside its reconstruction.",
    discussion: """
      The original is shown as the model sees it (resized and cropped to its size). With an \
      --out ending in .png, writes one sheet with a row per image; otherwise writes \
      recon_001.png, ... into that folder. Prints each image's mean absolute error in 8-bit levels.

      Example:
        latent reconstruct --model faces.safetensors me.jpg you.png --out recon.png
      """)

  @OptionGroup var model: ModelOption

  @Argument(help: "Image files (PNG or JPEG).")
  var images: [String]

  @Option(help: "A folder for one pair per image, or a .png file for one sheet.")
  var out: String

  @OptionGroup var image: ScaleOption

  func validate() throws {
    if images.isEmpty { throw ValidationError("name at least one image file") }
    try ImageOutput.checkFolderOrPNG(out)
  }

  func run() throws {
    let face = try model.load()
    let config = face.config
    let preprocessing = Preprocessing(
      width: config.width, height: config.height, channels: config.channels)
    let factor = ImageOutput.scale(image.scale, for: face)
    var pairs = [(original: Image, reconstruction: Image)]()
    for path in images {
      let read: Image
      read = try Image.read(path: path)
      let seen = Image(
        planar: preprocessing(read), channels: config.channels, height: config.height,
        width: config.width)
      let made = face.images(decoding: LatentCodes(row: face.encode(image: read)))[0]
      let error = zip(seen.pixels, made.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
      print(
        path
          + String(
            format: "\tmean error %.1f/255", Double(error) / Double(max(1, seen.pixels.count))))
      pairs.append((seen.upscaled(by: factor), made.upscaled(by: factor)))
    }
    if ImageOutput.isPNG(out) {
      let captions = ImageOutput.columnCaptions(
        ["original", "recon"], cellWidth: pairs[0].original.width)
      let grid = ImageGrid(columns: 2, columnCaptions: captions)
      try grid.writePNG(pairs.flatMap { [$0.original, $0.reconstruction] }, to: out)
      print("wrote \(pairs.count) pairs to \(out)")
    } else {
      let names = ImageOutput.numberedNames(prefix: "recon_", count: pairs.count)
      try OutputFolder.filling(out) { folder in
        for (pair, name) in zip(pairs, names) {
          try ImageGrid(columns: 2).writePNG(
            [pair.original, pair.reconstruction], to: folder.file(name))
        }
      }
      print("wrote \(pairs.count) pairs to \(out)/recon_*.png")
    }
  }
}
