import FaceData
import FaceVAE
import LatentBasics
import TerminalGraphics

/// What `latent explore` was asked to open, already loaded and checked.
package struct ExplorerOptions {
  /// The model file's path (checkpoints and kept weights go next to it; `w` then `y`
  /// overwrites it).
  package var modelPath: String
  package var model: FaceModel
  /// The `--data` images, if given.
  package var dataset: FaceDataset?
  /// `--data` as typed (for the checkpoint's training record).
  package var dataDescription: String?
  /// `--graphics`.
  package var graphics: GraphicsMode
  /// `--export`.
  package var exportFolder: String
  /// How background runs train.
  package var training: TrainingSettings
  /// Write timing and byte counts here at exit (for benchmarks), if set.
  package var statisticsPath: String?
  /// `--seed`: random faces (`r`) are this seed's prior codes, as `latent sample` draws them.
  package var randomSeed: UInt64 = 1
  /// A line for the status bar at start-up (e.g. that the KL per dimension was computed on
  /// `--data` because the file has none), if any.
  package var startupNote: String?
  /// The model file as it was before it was read: `w` then `y` overwrites it only while no
  /// other process has changed it (else the weights go beside it).
  package var modelDestination: SaveDestination?
  /// A warning for the status bar at start-up (that `--data` does not look like the model's
  /// data), shown instead of the note until the first key or click.
  package var startupWarning: String?
  /// `--code`: the sliders start at this code (`[D]`, σ), read from the named file.
  package var startingCode: (code: [Float], file: String)?

  package init(
    modelPath: String, model: FaceModel, dataset: FaceDataset?, dataDescription: String?,
    graphics: GraphicsMode, exportFolder: String, training: TrainingSettings,
    statisticsPath: String? = nil
  ) {
    self.modelPath = modelPath
    self.model = model
    self.dataset = dataset
    self.dataDescription = dataDescription
    self.graphics = graphics
    self.exportFolder = exportFolder
    self.training = training
    self.statisticsPath = statisticsPath
  }

  /// `NAME.ckpt.safetensors` beside the model.
  package var checkpointPath: String {
    let base =
      modelPath.hasSuffix(".safetensors")
      ? String(modelPath.dropLast(".safetensors".count)) : modelPath
    return base + ".ckpt.safetensors"
  }

  /// The model's short name.
  package var modelName: String { Self.modelName(of: modelPath) }

  /// The short name of the model file at `path`: its file name without `.safetensors`.
  package static func modelName(of path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return file.hasSuffix(".safetensors") ? String(file.dropLast(".safetensors".count)) : file
  }
}
