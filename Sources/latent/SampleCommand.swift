import ArgumentParser
import FaceVAE
import FoundationEssentials
import ImageIO

/// `latent sample`: faces decoded from random codes of the prior.
struct SampleCommand: ParsableCommand, ComputingCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample",
    abstract: "Decode random codes z ~ N(0, T²·I) into faces.",
    discussion: """
      With an --out ending in .png, writes one grid of all the faces; otherwise writes \
      sample_001.png, sample_002.png, ... into that folder. The same --seed gives the same faces.

      Example:
        latent sample --model faces.safetensors -n 16 --seed 7 --out samples.png
      """)

  @OptionGroup var model: ModelOption

  @Option(name: .customShort("n"), help: "How many faces.")
  var count = 16

  @Option(help: "A folder for numbered PNG files, or a .png file for one grid.")
  var out: String

  @OptionGroup var seed: SeedOption

  @Option(help: "Standard deviation of the codes (1 = the prior; lower gives blander faces).")
  var temperature: Float = 1

  @Option(help: "Faces per row of the grid (default: about square).")
  var columns: Int?

  @OptionGroup var image: ScaleOption

  func validate() throws {
    guard (1...4096).contains(count) else {
      throw ValidationError("-n must be 1...4096, not \(count)")
    }
    guard temperature.isFinite, temperature >= 0, temperature <= 100 else {
      throw ValidationError("--temperature must be 0...100, not \(temperature)")
    }
    if let columns, columns < 1 { throw ValidationError("--columns must be at least 1") }
    try ImageOutput.checkFolderOrPNG(out)
  }

  func run() throws {
    let face = try model.load()
    let factor = ImageOutput.scale(image.scale, for: face)
    let codes = face.priorCodes(count: count, seed: seed.value, temperature: temperature)
    let images = face.images(decoding: codes).map { $0.upscaled(by: factor) }
    if ImageOutput.isPNG(out) {
      let perRow = columns ?? Int(Double(count).squareRoot().rounded(.up))
      try ImageGrid(columns: min(perRow, count)).writePNG(images, to: out)
      print("wrote \(count) samples to \(out)")
    } else {
      try ImageOutput.writeNumbered(images, folder: out, prefix: "sample_")
      print("wrote \(count) samples to \(out)/sample_*.png")
    }
  }
}
