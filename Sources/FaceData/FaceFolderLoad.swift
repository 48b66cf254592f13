/// The result of loading a face folder: the dataset, the files skipped and why, and timing.
package struct FaceFolderLoad: Sendable {
  /// The usable images.
  package var dataset: FaceDataset
  /// Files that failed to decode, in path order.
  package var skipped: [SkippedImage]
  /// Wall-clock seconds spent listing, decoding and preprocessing.
  package var seconds: Double

  /// One line for the user: how many images, from where, and how many were skipped.
  package var summary: String {
    let shape = "\(dataset.channels)×\(dataset.height)×\(dataset.width)"
    let skippedText = skipped.isEmpty ? "" : ", skipped \(skipped.count) unreadable file(s)"
    return "loaded \(dataset.count) images (\(shape))\(skippedText) in "
      + "\(Double(Int(seconds * 1000)) / 1000) s"
  }
}
