import SafeTensors
import Testing

/// Files assembled byte by byte from literal JSON, so that the reader is
/// checked against the format itself and not against our own writer.
@Suite("Reading hand-built files")
struct HandBuiltFileTests {
  /// A header with every readable dtype, a scalar, an empty tensor and metadata.
  /// Its length (not a multiple of 8) leaves the data unaligned on purpose.
  static let header = """
    {"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},\
    "h":{"dtype":"F16","shape":[3],"data_offsets":[16,22]},\
    "b":{"dtype":"BF16","shape":[2],"data_offsets":[22,26]},\
    "n":{"dtype":"I64","shape":[],"data_offsets":[26,34]},\
    "e":{"dtype":"F32","shape":[0,3],"data_offsets":[34,34]},\
    "u8":{"dtype":"U8","shape":[2],"data_offsets":[34,36]},\
    "i8":{"dtype":"I8","shape":[2],"data_offsets":[36,38]},\
    "i16":{"dtype":"I16","shape":[1],"data_offsets":[38,40]},\
    "u16":{"dtype":"U16","shape":[1],"data_offsets":[40,42]},\
    "i32":{"dtype":"I32","shape":[1],"data_offsets":[42,46]},\
    "u32":{"dtype":"U32","shape":[1],"data_offsets":[46,50]},\
    "u64":{"dtype":"U64","shape":[1],"data_offsets":[50,58]},\
    "d":{"dtype":"F64","shape":[2],"data_offsets":[58,74]},\
    "__metadata__":{"format":"pt","latent.config":"{\\"latent\\": 32}"}}
    """

  static let data: [UInt8] =
    [
      0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0, 0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x40,
      0x40,
    ]  // w: 1, -2.5, 0.5, 3
    + [0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B]  // h: 1, -2, 65504
    + [0x80, 0x3F, 0x40, 0xC0]  // b: 1, -3
    + [0xF9, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]  // n: -7
    + [0x00, 0xFF]  // u8: 0, 255
    + [0x80, 0x7F]  // i8: -128, 127
    + [0xFE, 0xFF]  // i16: -2
    + [0xFF, 0xFF]  // u16: 65535
    + [0x60, 0x79, 0xFE, 0xFF]  // i32: -100000
    + [0x00, 0x28, 0x6B, 0xEE]  // u32: 4000000000
    + [0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00]  // u64: 2^40
    + [
      0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8,
      0x3F,
    ]  // d: 0.1, 1.5

  @Test func everyDTypeDecodesToTheValuesWrittenByHand() throws {
    let file = try SafeTensorsFile.parse(
      bytes: TestFileBytes.make(header: Self.header, data: Self.data), source: "hand")
    #expect(file["w"] == StoredTensor(shape: [2, 2], values: [1, -2.5, 0.5, 3], dtype: .float32))
    #expect(file["h"] == StoredTensor(shape: [3], values: [1, -2, 65504], dtype: .float16))
    #expect(file["b"] == StoredTensor(shape: [2], values: [1, -3], dtype: .bfloat16))
    #expect(file["n"] == StoredTensor(shape: [], values: [-7], dtype: .int64))
    #expect(file["e"] == StoredTensor(shape: [0, 3], values: [], dtype: .float32))
    #expect(file["u8"] == StoredTensor(shape: [2], values: [0, 255], dtype: .uint8))
    #expect(file["i8"] == StoredTensor(shape: [2], values: [-128, 127], dtype: .int8))
    #expect(file["i16"] == StoredTensor(shape: [1], values: [-2], dtype: .int16))
    #expect(file["u16"] == StoredTensor(shape: [1], values: [65535], dtype: .uint16))
    #expect(file["i32"] == StoredTensor(shape: [1], values: [-100_000], dtype: .int32))
    #expect(file["u32"] == StoredTensor(shape: [1], values: [4_000_000_000], dtype: .uint32))
    #expect(file["u64"] == StoredTensor(shape: [1], values: [1_099_511_627_776], dtype: .uint64))
    #expect(file["d"] == StoredTensor(shape: [2], values: [Float(0.1), 1.5], dtype: .float64))
    #expect(file.tensors.count == 13)
    #expect(file.metadata == ["format": "pt", "latent.config": "{\"latent\": 32}"])
    #expect(file.source == "hand")
  }

  @Test func namesAreSortedByTheirBytes() throws {
    let file = try SafeTensorsFile.parse(
      bytes: TestFileBytes.make(header: Self.header, data: Self.data), source: "hand")
    #expect(
      file.names == ["b", "d", "e", "h", "i16", "i32", "i8", "n", "u16", "u32", "u64", "u8", "w"])
  }

  @Test func headerMayEndWithSpacePaddingAndUseWhitespace() throws {
    let header = "{ \"x\" : {\"shape\": [1], \"data_offsets\": [0, 4], \"dtype\": \"F32\"} }      "
    let file = try SafeTensorsFile.parse(
      bytes: TestFileBytes.make(header: header, data: [0x00, 0x00, 0x80, 0xBF]), source: "padded")
    #expect(file["x"]?.values == [-1])
    #expect(file.metadata.isEmpty)
  }

  @Test func anEmptyObjectIsAFileWithoutTensors() throws {
    let file = try SafeTensorsFile.parse(bytes: TestFileBytes.make(header: "{}"), source: "empty")
    #expect(file.tensors.isEmpty)
  }

  @Test func nullMetadataReadsAsEmpty() throws {
    let file = try SafeTensorsFile.parse(
      bytes: TestFileBytes.make(header: "{\"__metadata__\":null}"), source: "m")
    #expect(file.metadata.isEmpty)
  }

  @Test func tensorsMayBeListedInAnyOrderAndShareABoundaryWithEmptyOnes() throws {
    let header = """
      {"second":{"dtype":"U8","shape":[1],"data_offsets":[1,2]},\
      "empty":{"dtype":"F32","shape":[0],"data_offsets":[1,1]},\
      "first":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}
      """
    let file = try SafeTensorsFile.parse(
      bytes: TestFileBytes.make(header: header, data: [7, 9]), source: "order")
    #expect(file["first"]?.values == [7])
    #expect(file["second"]?.values == [9])
    #expect(file["empty"]?.values == [])
  }

  @Test func unicodeNamesAndEscapesAreDecoded() throws {
    let header = #"{"caf\u00e9.\ud83d\ude00":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#
    let file = try SafeTensorsFile.parse(
      bytes: TestFileBytes.make(header: header, data: [3]), source: "u")
    #expect(file["café.😀"]?.values == [3])
  }
}
