import FaceVAE
import LatentBasics

/// Everything that can happen to the explorer: input, time, and the results of effects.
package enum AppEvent: Sendable {
  case key(Key)
  case mouse(MouseEvent)
  /// The terminal is now `columns × rows` cells.
  case resize(columns: Int, rows: Int)
  /// Time passed (drives playback and picks up training status).
  case tick
  /// Faces decoded for a request.
  case decoded(DecodeResult)
  /// The background run published weights of this generation (already loaded by the decoder).
  case weightsPublished(generation: Int, epoch: Int)
  /// The background run's status changed.
  case trainingStatus(TrainingStatus)
  /// An export finished: the path written, or the error in one line.
  case exported(Result<String, LatentError>)
  /// Bookmark `name` was saved with `code`: the bookmark file's path, or the error in one line.
  case bookmarkSaved(name: String, code: [Float], Result<String, LatentError>)
  /// Direction banks recomputed for the weights of `generation` (after a hot-swap).
  case directionsComputed(generation: Int, banks: [String: DirectionBank])
  /// A checkpoint was kept as the model file (`w`), or why not.
  case weightsKept(Result<String, LatentError>)
}
