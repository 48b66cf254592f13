import FaceData
import FaceVAE
import ImageIO

/// Loads a model file, turning its error into a one-line command failure.
func loadModel(_ path: String) throws -> FaceModel {
  do {
    return try FaceModel.load(from: path)
  } catch {
    throw CommandFailure(error.description)
  }
}

/// Saves a model file atomically, turning its error into a one-line command failure.
func saveModel(_ model: FaceModel, to path: String, halfPrecision: Bool? = nil) throws {
  do {
    try model.save(to: path, halfPrecision: halfPrecision)
  } catch {
    throw CommandFailure(error.description)
  }
}

/// Loads `--data` (a folder or `synthetic[:COUNT[:SEED]]`) at the model's size.
func loadFaces(_ argument: String, preprocessing: Preprocessing) throws -> FaceFolderLoad {
  do {
    return try FaceDataSource(argument: argument).load(preprocessing: preprocessing)
  } catch {
    throw CommandFailure(error.description)
  }
}

/// Writes a contact sheet as PNG, turning its error into a one-line command failure.
func writeGrid(_ grid: ImageGrid, _ images: [Image], to path: String) throws {
  do {
    try grid.writePNG(images, to: path)
  } catch {
    throw CommandFailure(error.description)
  }
}
