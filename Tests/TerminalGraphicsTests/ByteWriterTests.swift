import TerminalGraphics
import Testing

@Suite("Byte writer")
struct ByteWriterTests {
  static let numbers = [
    0, 7, 9, 10, 42, 99, 100, 255, 999, 1000, 1001, 9999, 10_000, 65535, 1_234_567, Int.max,
  ]

  @Test func decimalsAreTheNumbersDigits() {
    for value in Self.numbers {
      var writer = ByteWriter(capacity: 0)
      writer.reserve(ByteWriter.maximumDecimalDigits)
      writer.writeDecimal(value)
      #expect(String(decoding: writer.bytes(), as: UTF8.self) == String(value))
      var array: [UInt8] = [UInt8(ascii: "#")]
      array.appendDecimal(value)
      #expect(String(decoding: array, as: UTF8.self) == "#" + String(value))
    }
  }

  @Test func aGrowingWriterKeepsWhatItWrote() {
    var writer = ByteWriter(capacity: 1)
    var expected = ""
    for value in 0..<2000 {
      writer.reserve(ByteWriter.maximumDecimalDigits + 1)
      writer.writeDecimal(value)
      writer.write(UInt8(ascii: ","))
      expected += "\(value),"
    }
    writer.append(Array("end".utf8))
    #expect(String(decoding: writer.bytes(), as: UTF8.self) == expected + "end")
    #expect(writer.count == expected.utf8.count + 3)
  }

  @Test func aWorstCaseWriterFillsTheArrayInPlace() {
    let bytes = ByteWriter.bytes(worstCase: 32) { out in
      out.writeDecimal(1000)
      out.write(UInt8(ascii: ";"))
      for scalar in "é€😀".unicodeScalars { out.writeUTF8(scalar) }
    }
    #expect(String(decoding: bytes, as: UTF8.self) == "1000;é€😀")
  }
}
