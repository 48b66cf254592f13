import FaceVAE
import ImageIO

/// The explorer as data: everything the screen shows, changed only by ``update(_:)``.
package struct AppState: Sendable {
  /// The model being explored.
  package var model: ModelSummary
  /// The graphics mode's name for the status line (`truecolor`, `sixel`, …).
  package var graphicsName: String
  /// Height of a cell over its width, in pixels (2 for most fonts); shapes the viewport.
  package var cellAspect: Double
  /// Whether `--data` was given (training and dataset browsing need it).
  package var hasData: Bool
  /// Dataset images available to Browse (0 without `--data`).
  package var datasetCount: Int
  /// Each dataset image's label (empty without `--data`, nil for an unlabelled image).
  package var datasetLabels: [Int?]
  /// The name of each dataset label (label `i` is `datasetLabelNames[i]`; empty when the labels
  /// are bare numbers).
  package var datasetLabelNames: [String] = []

  /// Terminal size in cells.
  package var columns: Int
  package var rows: Int

  package var mode: AppMode = .explore
  /// Explore sliders of ``sliderBank``: dimensions sorted by KL then attributes, a bank's
  /// directions, or the attributes.
  package var sliders: [Slider]
  /// The slider bank shown.
  package var sliderBank = SliderBank.dimensions
  /// The chosen slider.
  package var selected = 0
  /// First slider row shown.
  package var scroll = 0
  /// The code being explored (`[D]`), in σ units of the prior.
  package var z: [Float]
  /// Attributes held by name: an attribute slider's edit leaves their signed distances as
  /// they are (it moves orthogonal to their normals).
  package var heldAttributes: Set<String> = []
  /// The slider being dragged with the mouse.
  package var dragging: Int?
  /// Slider moves to undo and redo.
  package var history = SliderHistory()

  /// The model's bookmarks by name (`[D]` each), as the calculator's `@name` reads them.
  package var bookmarks: [String: [Float]] = [:]

  /// The face for the current code, once decoded.
  package var face: Image?
  /// The code of ``face`` (`[D]`, σ), when known.
  package var shownFaceCode: [Float]?
  /// The code of each face request not yet answered, by serial.
  package var requestedFaceCodes: [Int: [Float]] = [:]
  /// The ±2σ previews of the selected slider.
  package var preview = SliderPreview()
  /// Serial of the newest request of any slot.
  package var requestSerial = 0
  /// The newest request per slot, and the newest result taken per slot.
  package var requestedSerials: [DecodeSlot: Int] = [:]
  package var acceptedSerials: [DecodeSlot: Int] = [:]
  /// Which interpolation end a file being encoded is for (true = A).
  package var fileEndIsStart = true
  /// The file being encoded to set the sliders to (Explore's `f`); nil when it is for an
  /// interpolation end.
  package var fileForSliders: String?
  /// The home folder, for `~` in typed paths (nil: `~` stays as typed).
  package var homeFolder: String?
  /// A line of text being typed (a file path), with what it is for.
  package var prompt: Prompt?
  /// Milliseconds the last face took to decode.
  package var decodeMilliseconds: Double?

  package var interpolation = InterpolationState()
  package var traverse = TraverseState()
  package var browse = BrowseState()
  package var map = MapState()

  /// The background run, as last reported.
  package var training = TrainingStatus()
  /// Held-out faces and their reconstructions, shown in Explore once a run has started.
  package var heldOut = HeldOutStrip()
  /// Generation of the weights the faces are decoded with (0 = loaded model).
  package var weightsGeneration = 0
  /// Whether kept weights (`w`) are being saved in the background (a second `w` waits).
  package var savingWeights = false
  package var weightsEpoch: Int

  /// Export scale for the current face (nearest neighbour).
  package var exportScale = 4
  /// The GIF whose frames are being decoded (`G` in Explore or Traverse), if any.
  package var pendingAnimation: AnimationExport?
  /// The help overlay is open.
  package var showHelp = false
  /// A one-line message on the status line: what the last key, click or finished piece of
  /// work said. The next key or click clears it (``clearMessage()``), and a message that is not
  /// a warning also goes after ``messageLifetimeTicks`` ticks.
  package var message: String?
  package var messageStyle: TextStyle = .normal
  /// Ticks since ``message`` was said.
  package var messageAge = 0
  /// Ticks a message other than a warning stays on the status line: 5 s at the backend's
  /// 100 ms ticks.
  package static let messageLifetimeTicks = 50
  /// Random faces (`r`) are the prior codes of this seed (`latent explore --seed`), as
  /// `latent sample --seed` draws them.
  package var randomSeed: UInt64 = 1
  /// Random faces drawn so far: the next `r` shows prior code `randomCount` of the seed.
  package var randomCount = 0

  /// A state for `model` on a `columns × rows` terminal.
  package init(
    model: ModelSummary, graphicsName: String, columns: Int, rows: Int, cellAspect: Double = 2,
    hasData: Bool = false, datasetCount: Int = 0, datasetLabels: [Int?] = []
  ) {
    self.model = model
    self.graphicsName = graphicsName
    self.columns = columns
    self.rows = rows
    self.cellAspect = cellAspect
    self.hasData = hasData
    self.datasetCount = datasetCount
    self.datasetLabels = datasetLabels
    self.weightsEpoch = model.epochs
    z = Array(repeating: 0, count: model.latentDimensions)
    sliders = model.sliders(of: .dimensions)
  }

  /// The value of `slider` in σ: the dimension's value, the code's signed distance from the
  /// attribute's boundary in its spread, or the code along the direction in its σ.
  package func value(of slider: Slider) -> Float {
    switch slider.target {
    case .dimension(let d): return d < z.count ? z[d] : 0
    case .attribute(let name):
      guard let attribute = model.attribute(named: name), attribute.direction.count == z.count
      else { return 0 }
      return (dot(attribute.direction, z) + attribute.offset) / attribute.spread
    case .direction(let bank, let index):
      guard let axis = model.axis(bank: bank, index: index), axis.direction.count == z.count
      else { return 0 }
      return dot(axis.direction, z) / axis.scale
    }
  }

  /// The slider values now, as the undo history keeps them.
  package var sliderSnapshot: SliderHistory.Snapshot {
    SliderHistory.Snapshot(z: z)
  }

  /// Whether Explore shows the held-out strip: with held-out images, once a run has started.
  package var showsHeldOutStrip: Bool {
    !heldOut.items.isEmpty && (training.phase != .idle || training.run > 0)
  }

  /// `a·b` of two codes of one length, accumulated in Double.
  func dot(_ a: [Float], _ b: [Float]) -> Float {
    var sum = 0.0
    for i in a.indices { sum += Double(a[i]) * Double(b[i]) }
    return Float(sum)
  }

  /// Browse items: dataset images with `--data`, else the stored faces.
  package var browseCount: Int { datasetCount > 0 ? datasetCount : model.storedFaces }
}
