import Foundation
import TestSupport
import Testing

/// The executable keeps every mitigation a program that parses untrusted files should have.
@Suite("the executable")
struct ExecutableTests {
  /// Position-independent (ELF type ET_DYN), so that ASLR moves its own code too; a `-no-pie`
  /// link gives ET_EXEC (2).
  @Test func isPositionIndependent() throws {
    let handle = try #require(FileHandle(forReadingAtPath: try LatentBinary.located()))
    defer { try? handle.close() }
    let header = [UInt8](try #require(try handle.read(upToCount: 18)))
    try #require(header.count == 18 && header.starts(with: [0x7F, 0x45, 0x4C, 0x46]), "not ELF")
    #expect(header[5] == 1, "little-endian ELF expected")
    let type = UInt16(header[16]) | UInt16(header[17]) << 8
    #expect(type == 3, "e_type \(type): 3 (ET_DYN) is a PIE, 2 (ET_EXEC) is not")
  }
}
