import ArgumentParser
import FaceVAE
import FoundationEssentials
import ImageIO
import TerminalGraphics
import Glibc
import LatentBasics

/// `latent show`: one image or one sampled face, drawn in the terminal.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Draw an image, or a face sampled from a model, in the terminal and exit.",
    discussion: """
      --graphics auto asks the terminal what it can show (kitty, sixel, then half blocks); \
      when standard output is not a terminal, auto draws truecolour half blocks, which any \
      ANSI viewer (less -R, cat) shows. Without --columns the image fills the terminal (less \
      a row for the prompt) in every mode, or an 80×24 terminal's when standard output is \
      not one; --native-size draws sixel and kitty at the image's own pixel size. The \
      terminal is only asked (palette size, cell size) when standard output is one.

      Examples:
        latent show me.png --columns 30
        latent show --model faces.safetensors --seed 7 --graphics sixel
      """)

  @Argument(help: "An image file (PNG or JPEG); omit it to sample from --model.")
  var image: String?

  @OptionGroup var model: OptionalModelOption

  @OptionGroup var seed: SeedOption

  @Option(help: "Standard deviation of the sampled code.")
  var temperature: Float = 1

  @OptionGroup var graphics: GraphicsOption

  @Option(help: "Width in terminal columns (default: fit the terminal's columns and rows).")
  var columns: Int?

  @Flag(help: "sixel and kitty: the image at its own pixel size, not scaled.")
  var nativeSize = false

  func validate() throws {
    guard (image == nil) != (model.path == nil) else {
      throw ValidationError("name an image file or --model, not both or neither")
    }
    if let columns, !(2...1000).contains(columns) {
      throw ValidationError("--columns must be 2...1000")
    }
    if nativeSize, columns != nil {
      throw ValidationError("--native-size and --columns: give one of them")
    }
    guard temperature.isFinite, temperature >= 0 else {
      throw ValidationError("--temperature must be a finite number ≥ 0")
    }
  }

  func run() throws {
    let picture = try loadPicture()
    let renderer: FaceRenderer
    if isatty(STDOUT_FILENO) == 0 {
      // Bytes for a file or a pipe: no terminal to ask, so the full sixel palette and
      // the standard cell size; auto means half blocks, which any ANSI viewer shows.
      renderer = FaceRenderer(mode: graphics.mode == .auto ? .truecolor : graphics.mode)
    } else {
      let capabilities = TerminalProbe.probeControllingTerminal(
        environment: ProcessInfo.processInfo.environment)
      renderer = FaceRenderer(capabilities: capabilities, override: graphics.mode)
    }
    let rendered: RenderedFace
    if renderer.mode.drawsPixels && nativeSize {
      rendered = renderer.renderUnscaled(picture)
    } else {
      let size = ShowSize.cells(
        imageWidth: picture.width, imageHeight: picture.height, columns: columns,
        terminal: TerminalProbe.windowCells(fileDescriptor: STDOUT_FILENO),
        cell: renderer.cellSize)
      rendered = renderer.render(picture, columns: size.columns, rows: size.rows)
    }
    let bytes: [UInt8]
    switch rendered {
    case .cells(let grid): bytes = grid.ansiBytes()  // each line ends in a newline
    case .pixels(let data, _, _): bytes = data + Array("\n".utf8)
    }
    StandardStream.output(bytes)
  }

  /// The image file, or a face decoded from a prior sample.
  private func loadPicture() throws -> Image {
    if let image {
      return try Image.read(path: image)
    }
    guard let path = model.path else { throw LatentError(.usage, "name an image file or --model") }
    let face = try FaceModel.load(from: path)
    return face.images(
      decoding: face.priorCodes(count: 1, seed: seed.value, temperature: temperature))[0]
  }
}
