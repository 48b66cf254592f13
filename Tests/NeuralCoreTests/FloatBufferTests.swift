import NeuralCore
import Testing

@Suite("FloatBuffer")
struct FloatBufferTests {
  /// Every size, small and large (malloc's large blocks start 16 bytes past a page), starts on
  /// a cache line, filled with zeros, and a larger reserve moves to a new aligned block.
  @Test func storageStartsOnACacheLineFilledWithZeros() {
    for count in [0, 1, 15, 1000, 300_000] {
      let buffer = FloatBuffer(capacity: count)
      #expect(Int(bitPattern: buffer.pointer) % FloatBuffer.alignment == 0, "\(count)")
      #expect((0..<max(count, 1)).allSatisfy { buffer.pointer[$0] == 0 })
      let grown = buffer.reserve(count + 70_001)
      #expect(Int(bitPattern: grown) % FloatBuffer.alignment == 0, "\(count)")
      #expect(buffer.capacity == count + 70_001)
    }
  }
}
