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
      ANSI viewer (less -R, cat) shows. sixel and kitty bytes go straight to standard output; \
      without --columns they draw the image at its own pixel size. The terminal is only \
      asked (palette size, cell size) when standard output is one.

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

  @Option(
    help: "Width in terminal columns (default: 32, or the image's own size for sixel and kitty).")
  var columns: Int?

  func validate() throws {
    guard (image == nil) != (model.path == nil) else {
      throw ValidationError("name an image file or --model, not both or neither")
    }
    if let columns, !(2...1000).contains(columns) {
      throw ValidationError("--columns must be 2...1000")
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
    if renderer.mode.drawsPixels && columns == nil {
      rendered = renderer.renderUnscaled(picture)
    } else {
      let columns = columns ?? 32
      // Rows enough for the image's shape; the renderer keeps the aspect ratio within them.
      let rows = max(
        1,
        columns * picture.height * renderer.cellSize.width
          / max(1, picture.width * renderer.cellSize.height) + 1)
      rendered = renderer.render(picture, columns: columns, rows: rows)
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
