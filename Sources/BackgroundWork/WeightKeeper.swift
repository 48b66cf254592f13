import FaceData
import FaceVAE
import LatentBasics

/// Saves weights trained in the explorer (`w`) as a model file: to a new file beside the
/// loaded one (`NAME.1.safetensors`, `NAME.2…`, never overwriting), or over the loaded file
/// when the user confirmed it. The saved file keeps the loaded file's weight precision (F16
/// stays F16) and tells the truth about its training: the data and settings of the runs,
/// their epochs appended to the record, and KL and stored codes recomputed on the data (or
/// dropped without it, rather than kept from the old weights).
package struct WeightKeeper {
  /// The loaded model file's path.
  package var modelPath: String
  /// The model as loaded (its record, attributes and precision carry over).
  package var model: FaceModel
  /// The images the runs trained on (`--data`), as typed and as loaded.
  package var dataDescription: String?
  package var dataset: FaceDataset?
  /// How the runs trained.
  package var settings: TrainingSettings
  /// Images of `dataset` the runs held out (``RetrainingPlan/heldOutItems``), not trained on.
  package var heldOutImages = 0
  /// Those images' folder and file names (``FaceDataset/recordNames``), kept in the record.
  package var heldOutFiles: [String] = []

  /// ``heldOutFiles`` as the record keeps them (none: `nil`).
  private var recordedHeldOutFiles: [String]? { heldOutFiles.isEmpty ? nil : heldOutFiles }
  /// The model file as this process last saw it: an overwrite goes beside it instead when
  /// another process has changed it since (default: as it is when the keeper is made).
  package var modelDestination: SaveDestination

  package init(
    modelPath: String, model: FaceModel, dataDescription: String?, dataset: FaceDataset?,
    settings: TrainingSettings
  ) {
    self.modelPath = modelPath
    self.model = model
    self.dataDescription = dataDescription
    self.dataset = dataset
    self.settings = settings
    modelDestination = SaveDestination(modelPath)
  }

  /// The first of `NAME.1.safetensors`, `NAME.2.safetensors`, … beside the model that does
  /// not exist yet.
  package func freePathBeside() -> String { POSIXFile.freePathBeside(modelPath) }

  /// Writes `snapshot`'s weights (atomically) over the model file when `overwrite`, else to
  /// ``freePathBeside()``; returns the path written, and when an overwrite went beside the
  /// model because another process had changed it, says so.
  package func keep(_ snapshot: WeightSnapshot, overwrite: Bool) -> Result<String, LatentError> {
    let path = overwrite ? modelDestination.path : freePathBeside()
    do throws(LatentError) {
      let vae = try model.vae.copy()
      guard vae.loadWeights(snapshot.values) else {
        throw LatentError(.model, path: path, "the trained weights do not fit the model")
      }
      let kept = FaceModel(vae: vae, training: record(of: snapshot), attributes: model.attributes)
      kept.storesHalfPrecision = model.storesHalfPrecision
      if let dataset { kept.storeStatistics(of: dataset, batchSize: settings.batchSize) }
      guard overwrite else {
        try kept.save(to: path)
        return .success(path)
      }
      let written = try kept.save(to: modelDestination)
      guard written != modelPath else { return .success(written) }
      return .success(
        "\(written) (\(modelPath) changed since it was opened: another process saved it?)")
    } catch {
      return .failure(LatentError(error.kind, "cannot keep the weights: \(error.description)"))
    }
  }

  /// The loaded model's training record with the runs' data, settings and epochs added.
  func record(of snapshot: WeightSnapshot) -> TrainingRecord {
    let source = dataDescription ?? "explorer"
    guard var record = model.training else {
      var fresh = TrainingRecord(
        data: source, images: (dataset?.count ?? 0) - heldOutImages,
        validationImages: heldOutImages, settings: settings, epochs: snapshot.epochs)
      fresh.heldOutFiles = recordedHeldOutFiles
      return fresh
    }
    if record.data != source { record.data += ", then " + source }
    record.images = dataset.map { $0.count - heldOutImages } ?? record.images
    record.validationImages = heldOutImages
    record.heldOutFiles = recordedHeldOutFiles
    record.settings = settings
    record.epochs += snapshot.epochs
    return record
  }
}
