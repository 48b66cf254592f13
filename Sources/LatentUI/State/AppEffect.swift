import FaceVAE
import ImageIO

/// Work the update asks the outside world to do; the backend carries it out.
package enum AppEffect: Hashable, Sendable {
  /// Compute faces (latest request per slot wins).
  case decode(DecodeRequest)
  /// Write PNG or GIF files.
  case export(ExportRequest)
  /// Start a background training run on the `--data` images.
  case startTraining
  /// Stop the run before its next step.
  case cancelTraining
  /// Save the newest trained weights (`w`): over the loaded model file when `overwrite` (the
  /// user said `y`), else to a new file beside it.
  case keepWeights(overwrite: Bool)
  /// Decode with the weights the model file was opened with again, dropping the runs' weights
  /// and optimizer state (no run is going).
  case revertWeights
  /// Save `code` (`[D]`) as bookmark `name` in the bookmark file beside the model (never the
  /// model file); the answer is ``AppEvent/bookmarkSaved(name:code:_:)``.
  case saveBookmark(name: String, code: [Float])
  /// Leave the explorer.
  case quit
}

/// Files to write into the export folder, never overwriting.
package enum ExportRequest: Hashable, Sendable {
  /// One face, upscaled by `scale` (nearest neighbour), with its code in a JSON file beside
  /// it (`face_001.json`) when known.
  case face(Image, scale: Int, code: LatentCodeFile? = nil)
  /// Interpolation frames `frame_001.png …` in a new folder, plus a contact sheet, each
  /// frame upscaled by `scale` (nearest neighbour).
  case frames([Image], scale: Int)
  /// A grid as one PNG with row and column captions.
  case grid([Image], columns: Int, rowCaptions: [String], columnCaptions: [String])
  /// An animated GIF with its code files.
  case animation(AnimationExport)
}
