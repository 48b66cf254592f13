import LatentBasics
import SafeTensors
import Testing

/// Writing then reading, and the writer's exact bytes.
@Suite("Writing and reading back")
struct RoundTripTests {
  static let specialFloats: [Float] = [
    0, -0.0, 1, -1, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    .leastNormalMagnitude, .greatestFiniteMagnitude, 1.0 / 3.0, Float(bitPattern: 0x0012_3456), .pi,
  ]

  @Test func float32IsBitExact() throws {
    var file = SafeTensorsFile()
    file["specials"] = StoredTensor(shape: [Self.specialFloats.count], values: Self.specialFloats)
    file["nan"] = StoredTensor(shape: [], values: [.nan])
    let back = try SafeTensorsFile.parse(bytes: try file.serialized(), source: "rt")
    let values = try back.tensor(named: "specials").values
    #expect(values.map(\.bitPattern) == Self.specialFloats.map(\.bitPattern))
    #expect(try back.tensor(named: "nan").values.first?.isNaN == true)
    #expect(back["specials"]?.dtype == .float32)
  }

  @Test func float16StoresTheRoundedValues() throws {
    let values: [Float] = [
      1, 65504, 65520, 0.1, Float(sign: .plus, exponent: -24, significand: 1), -0.0,
    ]
    let file = SafeTensorsFile(tensors: [
      "h": StoredTensor(shape: [2, 3], values: values, dtype: .float16)
    ])
    let bytes = try file.serialized()
    // The data buffer is the last 12 bytes: six little-endian halves worked out by hand.
    #expect(
      Array(bytes.suffix(12)) == [
        0x00, 0x3C, 0xFF, 0x7B, 0x00, 0x7C, 0x66, 0x2E, 0x01, 0x00, 0x00, 0x80,
      ])
    let back = try SafeTensorsFile.parse(bytes: bytes, source: "f16")
    #expect(back["h"]?.dtype == .float16)
    #expect(back["h"]?.shape == [2, 3])
    #expect(
      back["h"]?.values.map(\.bitPattern)
        == [1, 65504, .infinity, 0.0999755859375, 5.9604644775390625e-8, -0.0].map { (v: Float) in
          v.bitPattern
        })
  }

  @Test func integerLabelsAreStoredAsInt64() throws {
    let file = SafeTensorsFile(tensors: [
      "codes.label": StoredTensor(shape: [3], integers: [0, -7, 141])
    ])
    let bytes = try file.serialized()
    #expect(
      Array(bytes.suffix(24)) == [
        0, 0, 0, 0, 0, 0, 0, 0, 0xF9, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 141, 0, 0, 0, 0, 0,
        0, 0,
      ])
    let back = try SafeTensorsFile.parse(bytes: bytes, source: "labels")
    #expect(back["codes.label"] == StoredTensor(shape: [3], values: [0, -7, 141], dtype: .int64))
  }

  @Test func writerOutputMatchesTheFormatByteForByte() throws {
    let file = SafeTensorsFile(
      tensors: ["a": StoredTensor(shape: [1], values: [1])], metadata: ["k": "v"])
    // 79 bytes of sorted, compact JSON plus one space makes 80, a multiple of 8.
    let header =
      #"{"__metadata__":{"k":"v"},"a":{"data_offsets":[0,4],"dtype":"F32","shape":[1]}} "#
    let expected = [80, 0, 0, 0, 0, 0, 0, 0] + Array(header.utf8) + [0x00, 0x00, 0x80, 0x3F]
    #expect(try file.serialized() == expected)
  }

  @Test func dataStartsOnAnEightByteBoundaryAndTensorsFollowInNameOrder() throws {
    for nameLength in 1...9 {
      let name = String(repeating: "n", count: nameLength)
      let file = SafeTensorsFile(tensors: [
        name: StoredTensor(shape: [1], values: [2]),
        "0first": StoredTensor(shape: [1], values: [3], dtype: .float16),
      ])
      let bytes = try file.serialized()
      let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
      #expect((8 + headerLength) % 8 == 0)
      #expect(bytes.count == 8 + headerLength + 6)
      // "0first" sorts first, so its half (3.0 = 0x4200) comes before the float 2.0.
      #expect(Array(bytes.suffix(6)) == [0x00, 0x42, 0x00, 0x00, 0x00, 0x40])
      #expect(bytes[8 + headerLength - 1] == UInt8(ascii: " ") || headerLength % 8 == 0)
    }
  }

  @Test func scalarsEmptyTensorsMetadataAndOddNamesRoundTrip() throws {
    let file = SafeTensorsFile(
      tensors: [
        "scalar": StoredTensor(shape: [], values: [42]),
        "empty": StoredTensor(shape: [0, 5], values: []),
        "quote\"back\\slash\nnewline é": StoredTensor(shape: [2], values: [1, 2]),
        "stats.kl_per_dim": StoredTensor(shape: [4], values: [0.5, 0, 3, 1e-9]),
      ],
      metadata: [
        "latent.format": "1",
        "latent.config": #"{"latent": 32, "size": [64, 64], "name": "faces \"64\""}"#,
        "control": "\u{01}\t\u{1F}",
      ],
      source: "original")
    let back = try SafeTensorsFile.parse(bytes: try file.serialized(), source: "original")
    #expect(back == file)
  }

  @Test func serializationIsDeterministic() throws {
    var tensors: [String: StoredTensor] = [:]
    for index in 0..<50 { tensors["t\(index)"] = StoredTensor(shape: [1], values: [Float(index)]) }
    let metadata = Dictionary(uniqueKeysWithValues: (0..<20).map { ("k\($0)", "v\($0)") })
    let first = try SafeTensorsFile(tensors: tensors, metadata: metadata).serialized()
    let second = try SafeTensorsFile(tensors: tensors, metadata: metadata).serialized()
    #expect(first == second)
  }

  @Test func unwritableTensorsAreRefusedWithTheirName() {
    let cases: [(SafeTensorsFile, String)] = [
      (
        SafeTensorsFile(tensors: ["x": StoredTensor(shape: [1], values: [1], dtype: .bfloat16)]),
        "cannot write dtype BF16"
      ),
      (
        SafeTensorsFile(tensors: ["x": StoredTensor(shape: [1], values: [1.5], dtype: .int64)]),
        "1.5 cannot be stored as I64"
      ),
      (
        SafeTensorsFile(tensors: ["x": StoredTensor(shape: [1], values: [.nan], dtype: .int64)]),
        "cannot be stored as I64"
      ),
      (
        SafeTensorsFile(tensors: ["__metadata__": StoredTensor(shape: [1], values: [1])]),
        "reserved"
      ),
    ]
    for (file, keyword) in cases {
      #expect {
        _ = try file.serialized()
      } throws: { error in
        let message = (error as? LatentError)?.description ?? ""
        return message.contains(keyword) && message.hasPrefix("<memory>: tensor '")
      }
    }
    var mismatched = SafeTensorsFile()
    mismatched["x"] = StoredTensor(shape: [2], values: [1, 2])
    mismatched.tensors["x"]?.values.append(3)
    #expect(
      throws: LatentError(
        .container, path: "<memory>", "tensor 'x': shape [2] does not match its 3 values")
    ) {
      _ = try mismatched.serialized()
    }
  }
}
