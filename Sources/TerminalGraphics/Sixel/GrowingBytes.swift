/// A byte buffer for the sixel writer: the caller reserves room for what it is about to
/// write, and the writes themselves do no capacity or uniqueness checks.
struct GrowingBytes: ~Copyable {
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// Bytes written so far.
  private(set) var count = 0

  /// An empty buffer with room for `capacity` bytes.
  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    storage = .allocate(capacity: self.capacity)
  }

  deinit { storage.deallocate() }

  /// Makes room for at least `extra` more bytes.
  @inline(__always)
  mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(toHold: count + extra) }
  }

  private mutating func grow(toHold needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStorage.update(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }

  /// Writes one byte (room reserved by the caller).
  @inline(__always)
  mutating func write(_ byte: UInt8) {
    storage[count] = byte
    count += 1
  }

  /// Writes `bytes`, reserving room for them.
  mutating func append(_ bytes: [UInt8]) {
    reserve(bytes.count)
    for byte in bytes { write(byte) }
  }

  /// Writes the decimal digits of `value` (≥ 0; room reserved by the caller: 4 bytes up
  /// to 9999, one more for each further digit).
  @inline(__always)
  mutating func writeDecimal(_ value: Int) {
    let zero = UInt8(ascii: "0")
    if value >= 10_000 { writeDecimal(value / 10_000) }
    if value >= 1000 { write(zero &+ UInt8(truncatingIfNeeded: value / 1000 % 10)) }
    if value >= 100 { write(zero &+ UInt8(truncatingIfNeeded: value / 100 % 10)) }
    if value >= 10 { write(zero &+ UInt8(truncatingIfNeeded: value / 10 % 10)) }
    write(zero &+ UInt8(truncatingIfNeeded: value % 10))
  }

  /// Writes `length` copies of the sixel for `value`: as `!n<char>` from four on
  /// (at most 6 bytes, or `length` when shorter).
  @inline(__always)
  mutating func writeRun(of value: UInt8, length: Int) {
    let character = UInt8(ascii: "?") &+ value
    if length >= 4 {
      write(UInt8(ascii: "!"))
      writeDecimal(length)
      write(character)
    } else {
      for _ in 0..<length { write(character) }
    }
  }

  /// The bytes written, as an array.
  func bytes() -> [UInt8] {
    [UInt8](UnsafeBufferPointer(start: storage, count: count))
  }
}
