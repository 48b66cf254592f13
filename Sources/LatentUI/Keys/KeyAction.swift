/// What a key does; ``KeyBinding/table`` says which keys trigger which action where, and
/// ``AppState/perform(_:key:)`` carries it out.
package enum KeyAction: Hashable, Sendable {
  // Every mode.
  case quit
  case openHelp
  /// Leave Interpolate, Traverse or Browse for Explore (in Explore: only the message goes).
  case back
  case openMode(AppMode)
  /// The mode after the one shown (Tab), wrapping around.
  case nextMode
  case export
  /// Export a GIF: the selected slider's sweep, the interpolation or the Traverse row.
  case exportAnimation
  /// Export scale ×1 → ×2 → ×4 → ×8 → ×1.
  case cycleExportScale
  case startTraining
  case cancelTraining
  case keepWeights
  /// Back to the weights the model file was opened with.
  case revertWeights

  // Explore.
  case previousSlider, nextSlider
  /// A screenful of sliders up or down (Explore), a page of faces (Browse).
  case pageUp, pageDown
  case firstSlider, lastSlider
  /// Move the selected slider by ``AppState/fineStep`` or ``AppState/coarseStep`` σ.
  case fineDown, fineUp, coarseDown, coarseUp
  case resetSlider
  case resetAllSliders
  case randomFace
  /// Undo or redo a slider move (``SliderHistory``).
  case undo, redo
  /// Type the selected slider's value at the prompt.
  case typeValue
  /// Set the sliders to the code of an image file typed at the prompt.
  case sliderFromFile
  /// Show the next slider bank (``SliderBank``).
  case nextSliderBank
  /// Hold the chosen attribute, or let it go (``AppState/heldAttributes``).
  case holdAttribute
  /// Save the current code as a bookmark named at the prompt.
  case saveBookmark
  /// Type a calculator expression at the prompt; its result becomes the current face.
  case openCalculator

  // Interpolate.
  case scrubBack, scrubForward
  case togglePlayback
  case toggleSlerp
  case moreFrames, fewerFrames
  /// Interpolation end A / B from the sliders (Interpolate) or the face under the cursor (Browse).
  case setStart, setEnd
  case randomEnd
  /// Interpolation end A / B from an image file typed at the prompt.
  case startFromFile, endFromFile

  // Traverse and Browse.
  case cursorUp, cursorDown, cursorLeft, cursorRight
  /// Set the sliders to the frame, cell or face under the cursor and go to Explore.
  case useSelection

  // Map.
  /// Move the map's cursor five cells.
  case cursorFarUp, cursorFarDown, cursorFarLeft, cursorFarRight
  /// The previous or next direction on the map's x or y axis.
  case previousXAxis, nextXAxis, previousYAxis, nextYAxis
  /// Colour the map's dots by label → each attribute → density.
  case nextColouring
  /// Write the export's frames as an MP4 video (H.264) instead of a GIF.
  case exportVideo

  // The `?` overlay.
  case closeHelp

  // The prompt line.
  case typeCharacter
  case deleteCharacter
  /// Complete the file path typed (Tab), or list the names that fit.
  case completePath
  case submitPrompt
  case cancelPrompt

  // The question `w` asks.
  /// Save the trained weights over the model file.
  case overwriteModel
  /// Save them to a new file beside the model file, never overwriting one.
  case keepBesideModel
}

extension KeyAction {
  /// Whether the action moves the selected slider by a step (a run of these is one undo step).
  var movesSlider: Bool {
    switch self {
    case .fineDown, .fineUp, .coarseDown, .coarseUp: true
    default: false
    }
  }
}
