import ArgumentParser
import FaceVAE
import FoundationEssentials
import LatentBasics
import ImageIO

/// `latent encode`: the posterior means of image files.
struct EncodeCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "encode",
    abstract: "Print the latent code (posterior mean) of each image.",
    discussion: """
      Each image is resized and cropped to the model's size and scaled to [0, 1], as in \
      training. Prints one line per image: the file, a tab, then the D values separated by \
      spaces; or, with --json, one array of {"file": ..., "mu": [...]} objects.

      Example:
        latent encode --model faces.safetensors me.jpg you.png --json
      """)

  @OptionGroup var model: ModelOption

  @Argument(help: "Image files (PNG or JPEG).")
  var images: [String]

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func validate() throws {
    if images.isEmpty { throw ValidationError("name at least one image file") }
  }

  func run() throws {
    let face = try model.load()
    var codes = [[Float]]()
    for path in images {
      codes.append(try LatentPoint.image(path).code(in: face, modelPath: model.path))
    }
    if json {
      let entries = zip(images, codes).map { EncodedImage(file: $0, mu: $1.map { Double($0) }) }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(entries), as: UTF8.self))
    } else {
      for (path, code) in zip(images, codes) {
        print(path + "\t" + code.map { String(format: "%.6g", Double($0)) }.joined(separator: " "))
      }
    }
  }
}

/// One image's entry in `latent encode --json`.
private struct EncodedImage: Encodable {
  /// The image file, as named on the command line.
  var file: String
  /// Its posterior mean, `[latentDimensions]`.
  var mu: [Double]
}
