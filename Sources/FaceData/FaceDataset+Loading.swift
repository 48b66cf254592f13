import Dispatch
import FoundationEssentials
import ImageIO
import Glibc
import LatentBasics

extension FaceDataset {
  /// File name extensions read as images (any case).
  package static let imageExtensions: Set<String> = ["png", "jpg", "jpeg"]

  /// Loads every PNG and JPEG under `folder` (searched recursively, hidden files skipped),
  /// preprocessed to the model's input, decoding in parallel.
  ///
  /// Labels: when every file is named `<label>_<index>.<ext>`, the integer before the first `_`;
  /// else, when every file sits in a sub-folder, the sub-folder (the first one under `folder`,
  /// one per class, as torchvision's `ImageFolder`), numbered in sorted name order with the
  /// names kept in ``labelNames``; else none. The integer after the `_` is kept as the index.
  /// Files are in sorted path order.
  /// - Parameters:
  ///   - folder: the folder to search.
  ///   - preprocessing: the target size, channels and fit.
  ///   - background: the colour under transparent PNG pixels.
  ///   - limits: bounds on each file's size and declared pixel count.
  /// - Returns: the dataset and the files that failed to decode, each with its reason.
  /// - Throws: ``LatentError`` when the folder is missing or holds no usable image.
  package static func load(
    folder: String, preprocessing: Preprocessing, background: RGBColor = .white,
    limits: ImageLimits = .standard
  ) throws(LatentError) -> FaceFolderLoad {
    let start = DispatchTime.now().uptimeNanoseconds
    let relativePaths = try imageFiles(in: folder)
    if relativePaths.isEmpty {
      throw LatentError(.data, path: folder, "no PNG or JPEG files in the folder")
    }
    let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    let paths = relativePaths.map { root + "/" + $0 }
    let stride = preprocessing.valuesPerImage
    var values = [Float](repeating: 0, count: paths.count * stride)
    let failures = FailureList(count: paths.count)
    values.updateParts(of: stride, threads: WorkerPool.processorCount) { item, destination in
      do throws(LatentError) {
        let image = try Image.read(path: paths[item], background: background, limits: limits)
        preprocessing.apply(image, into: &destination)
      } catch {
        failures.record(item, reason: error.problem)
      }
    }
    let reasons = failures.reasons
    let usable = (0..<paths.count).filter { reasons[$0] == nil }
    let skipped = (0..<paths.count).compactMap { item in
      reasons[item].map { SkippedImage(path: paths[item], reason: $0) }
    }
    if usable.isEmpty {
      throw LatentError(
        .data, path: folder,
        "none of the \(paths.count) image files could be read "
          + "(first: \(skipped.first?.description ?? "?"))")
    }
    var images = [Float]()
    if usable.count == paths.count {
      images = values
    } else {
      images.reserveCapacity(usable.count * stride)
      for item in usable {
        images.append(contentsOf: values[(item * stride)..<((item + 1) * stride)])
      }
    }
    let naming = LabelNaming(relativePaths: usable.map { relativePaths[$0] })
    let dataset = FaceDataset(
      images: images, channels: preprocessing.channels, height: preprocessing.height,
      width: preprocessing.width, labels: naming.labels, indices: naming.indices,
      paths: usable.map { paths[$0] }, labelNames: naming.names)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return FaceFolderLoad(dataset: dataset, skipped: skipped, seconds: seconds)
  }

  /// Loads a face folder at `size × size` (shorter side to `size`, centre crop).
  package static func load(folder: String, size: Int, channels: Int) throws(LatentError)
    -> FaceFolderLoad
  {
    try load(folder: folder, preprocessing: Preprocessing(size: size, channels: channels))
  }

  /// The image files under `folder`, relative to it, sorted.
  static func imageFiles(in folder: String) throws(LatentError) -> [String] {
    var status = stat()
    guard stat(folder, &status) == 0 else {
      throw LatentError(.cannotOpen, path: folder, "no such folder")
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw LatentError(.data, path: folder, "not a folder")
    }
    guard let relatives = try? FileManager.default.subpathsOfDirectory(atPath: folder) else {
      throw LatentError(.cannotOpen, path: folder, "cannot list the folder")
    }
    var files = [String]()
    for relative in relatives {
      let components = relative.split(separator: "/")
      if components.contains(where: { $0.hasPrefix(".") }) { continue }
      guard let name = components.last, let dot = name.lastIndex(of: ".") else { continue }
      if imageExtensions.contains(name[name.index(after: dot)...].lowercased()) {
        files.append(relative)
      }
    }
    return files.sorted()
  }
}
