import LatentBasics
import SafeTensors

/// The safetensors container: length field, header JSON, each entry's dtype, shape and
/// offsets, coverage of the data buffer, and the conversion of F32/F16/BF16/I64 to `Float`.
/// Whatever parses must survive a round trip: writing it and parsing the bytes again gives the
/// same bytes when written once more.
enum FuzzTarget {
  static func run(_ bytes: [UInt8]) {
    guard let file = try? SafeTensorsFile.parse(bytes: bytes, source: "fuzz.safetensors"),
      let written = try? file.serialized()
    else { return }
    do {
      let again = try SafeTensorsFile.parse(bytes: written, source: "written.safetensors")
      guard try again.serialized() == written else {
        fatalError("a written file reads back as other content")
      }
    } catch {
      fatalError("a written file does not read back: \(error)")
    }
  }

  static func writeSeeds(into folder: String) throws(LatentError) {
    let files = [
      "empty": SafeTensorsFile(),
      "metadata-only": SafeTensorsFile(metadata: ["format": "pt", "name": "é \" \\ \n"]),
      "mixed": SafeTensorsFile(
        tensors: [
          "weight": StoredTensor(shape: [2, 3], values: [1, -2, 0.5, .infinity, -0.0, 3e-8]),
          "half": StoredTensor(shape: [3], values: [1, 65504, -6e-8], dtype: .float16),
          "count": StoredTensor(shape: [], integers: [42]),
          "none": StoredTensor(shape: [0, 4], values: []),
        ],
        metadata: ["latent.format": "2"]),
    ]
    for (name, file) in files {
      try writeSeed(file.serialized(), named: name + ".safetensors", into: folder)
    }
  }
}
