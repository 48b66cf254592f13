import LatentBasics
import SafeTensors
import Testing

/// Thousands of seeded random corruptions of a valid file: parsing must succeed
/// or throw, never trap, hang or blow up memory.
@Suite("Robustness against corrupted files")
struct MutationRobustnessTests {
  /// A valid file with several dtypes, a scalar, an empty tensor and metadata.
  static func validFile() throws -> [UInt8] {
    try SafeTensorsFile(
      tensors: [
        "encoder.0.weight": StoredTensor(
          shape: [2, 1, 2, 2], values: (0..<8).map { Float($0) - 3.5 }),
        "encoder.0.bias": StoredTensor(shape: [2], values: [0.25, -0.25], dtype: .float16),
        "codes.label": StoredTensor(shape: [3], integers: [0, 1, 2]),
        "num_batches_tracked": StoredTensor(shape: [], integers: [12]),
        "empty": StoredTensor(shape: [0], values: []),
      ],
      metadata: ["latent.format": "1", "latent.config": #"{"latent": 4}"#]
    ).serialized()
  }

  /// Applies one random corruption to `bytes`.
  static func mutate(_ bytes: inout [UInt8], headerEnd: Int, using generator: inout SeededGenerator)
  {
    guard !bytes.isEmpty else {
      bytes = [UInt8.random(in: 0...255, using: &generator)]
      return
    }
    switch Int.random(in: 0..<7, using: &generator) {
    case 0:  // overwrite a byte anywhere
      bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
        in: 0...255, using: &generator)
    case 1:  // truncate
      bytes.removeLast(Int.random(in: 0...bytes.count, using: &generator))
    case 2:  // splice a copy of one range into another place
      let start = Int.random(in: 0..<bytes.count, using: &generator)
      let end = min(bytes.count, start + Int.random(in: 1...32, using: &generator))
      let chunk = Array(bytes[start..<end])
      bytes.insert(contentsOf: chunk, at: Int.random(in: 0...bytes.count, using: &generator))
    case 3:  // change a digit in the header (a shape, an offset, a length)
      let digits = bytes.indices.filter {
        $0 >= 8 && $0 < min(headerEnd, bytes.count) && (48...57).contains(bytes[$0])
      }
      if let index = digits.randomElement(using: &generator) {
        bytes[index] = UInt8.random(in: 48...57, using: &generator)
      }
    case 4:  // delete a range
      let start = Int.random(in: 0..<bytes.count, using: &generator)
      bytes.removeSubrange(
        start..<min(bytes.count, start + Int.random(in: 1...8, using: &generator)))
    case 5:  // change the header length field
      if bytes.count >= 8 {
        bytes[Int.random(in: 0..<8, using: &generator)] = UInt8.random(
          in: 0...255, using: &generator)
      }
    default:  // insert JSON punctuation into the header
      let punctuation = Array("{}[]\",:-.e\\ ".utf8)
      let lowest = min(8, bytes.count)
      let highest = max(lowest, min(headerEnd, bytes.count))
      if let mark = punctuation.randomElement(using: &generator) {
        bytes.insert(mark, at: Int.random(in: lowest...highest, using: &generator))
      }
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func corruptedFilesAreParsedOrRejectedButNeverTrap() throws {
    let original = try Self.validFile()
    let headerEnd = 8 + original[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
    var generator = SeededGenerator(seed: 2026)
    var accepted = 0
    var rejected = 0
    for _ in 0..<4000 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        Self.mutate(&bytes, headerEnd: headerEnd, using: &generator)
      }
      do {
        let file = try SafeTensorsFile.parse(bytes: bytes, source: "mutant")
        accepted += 1
        for tensor in file.tensors.values {
          #expect(tensor.values.count == tensor.shape.reduce(1, *))
        }
      } catch {
        rejected += 1
        #expect(error.description.hasPrefix("mutant: "))
        #expect(!error.description.contains("\n"))
      }
    }
    #expect(accepted + rejected == 4000)
    #expect(rejected > 1000, "most corruptions must be caught")
    #expect(accepted > 0, "some corruptions (a changed value byte) leave a valid file")
  }
}
