// Unsafe pointers: the program's byte writer: raw memory so that per-byte writes check nothing.

/// Bytes written into memory that the caller makes room for first, so that the writes
/// themselves do no capacity or uniqueness checks (the per-frame terminal output, sixel).
///
/// It lives with the terminal output that is its only user: in another module its per-byte
/// writes were calls, not inlined, and drawing half blocks took twice as long.
///
/// ``init(capacity:)`` makes a buffer that grows on ``reserve(_:)``;
/// ``bytes(worstCase:_:)`` writes straight into a new array sized for the worst case.
/// ``write(_:)`` and the writers built on it check nothing: reserve first.
///
/// ```swift
/// var out = ByteWriter(capacity: 64)
/// out.reserve(ByteWriter.maximumDecimalDigits + 1)
/// out.writeDecimal(65535)
/// out.write(UInt8(ascii: ";"))
/// ```
package struct ByteWriter: ~Copyable {
  /// The most digits ``writeDecimal(_:)`` writes (`Int.max` has 19).
  package static let maximumDecimalDigits = 19

  @usableFromInline var storage: UnsafeMutablePointer<UInt8>
  @usableFromInline var capacity: Int
  /// Whether `storage` is this writer's to grow and free (else an array's, being filled).
  private let ownsStorage: Bool
  /// Bytes written so far.
  @usableFromInline package internal(set) var count = 0

  /// An empty writer with room for `capacity` bytes, growing on ``reserve(_:)``.
  package init(capacity: Int) {
    self.capacity = max(capacity, 64)
    storage = .allocate(capacity: self.capacity)
    ownsStorage = true
  }

  private init(filling buffer: UnsafeMutableBufferPointer<UInt8>) {
    storage = buffer.baseAddress ?? .allocate(capacity: 0)
    capacity = buffer.count
    ownsStorage = buffer.baseAddress == nil
  }

  deinit { if ownsStorage { storage.deallocate() } }

  /// The bytes that `body` writes, written in place into an array of `capacity` bytes:
  /// no copy, no checks per byte; `body` must write at most `capacity` bytes.
  package static func bytes(worstCase capacity: Int, _ body: (inout ByteWriter) -> Void)
    -> [UInt8]
  {
    [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initializedCount in
      var writer = ByteWriter(filling: buffer)
      body(&writer)
      precondition(writer.count <= capacity, "wrote past the worst case")
      initializedCount = writer.count
    }
  }

  /// Makes room for at least `extra` more bytes (a writer from ``bytes(worstCase:_:)``
  /// has all the room it will get).
  @inlinable @inline(__always)
  package mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(toHold: count + extra) }
  }

  @usableFromInline mutating func grow(toHold needed: Int) {
    precondition(ownsStorage, "a worst-case writer cannot grow")
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStorage.update(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }

  /// Writes one byte (room reserved by the caller).
  @inlinable @inline(__always)
  package mutating func write(_ byte: UInt8) {
    storage[count] = byte
    count += 1
  }

  /// Writes `bytes`, reserving room for them.
  @inlinable
  package mutating func append(_ bytes: [UInt8]) {
    reserve(bytes.count)
    for byte in bytes { write(byte) }
  }

  /// Writes the decimal digits of `value` ≥ 0, without leading zeros (room for its
  /// digits reserved by the caller: 3 up to 999, 5 up to 65535, at most
  /// ``maximumDecimalDigits``).
  @inlinable @inline(__always)
  package mutating func writeDecimal(_ value: Int) {
    ByteWriter.forEachDecimalDigit(of: value) { write($0) }
  }

  /// Calls `emit` with the ASCII decimal digits of `value` ≥ 0, most significant first.
  ///
  /// Not recursive, so that it inlines into the per-cell writers with `emit` specialised:
  /// numbers below 1000 (colour components, most cursor positions) take one branch.
  @inlinable @inline(__always)
  static func forEachDecimalDigit(of value: Int, _ emit: (UInt8) -> Void) {
    precondition(value >= 0, "a negative decimal")
    let zero = UInt8(ascii: "0")
    if value < 10 {
      emit(zero &+ UInt8(truncatingIfNeeded: value))
    } else if value < 100 {
      emit(zero &+ UInt8(truncatingIfNeeded: value / 10))
      emit(zero &+ UInt8(truncatingIfNeeded: value % 10))
    } else if value < 1000 {
      emit(zero &+ UInt8(truncatingIfNeeded: value / 100))
      emit(zero &+ UInt8(truncatingIfNeeded: value / 10 % 10))
      emit(zero &+ UInt8(truncatingIfNeeded: value % 10))
    } else {
      // The largest power of ten not above `value`, then one digit per power.
      var divisor = 1000
      while divisor <= value / 10 { divisor *= 10 }
      var rest = value
      while divisor > 0 {
        emit(zero &+ UInt8(truncatingIfNeeded: rest / divisor))
        rest %= divisor
        divisor /= 10
      }
    }
  }

  /// Writes the UTF-8 encoding of `scalar` (1 to 4 bytes, room reserved by the caller).
  @inlinable @inline(__always)
  package mutating func writeUTF8(_ scalar: Unicode.Scalar) {
    let value = scalar.value
    switch value {
    case 0..<0x80:
      write(UInt8(value))
    case 0x80..<0x800:
      write(UInt8(0xC0 | (value >> 6)))
      write(UInt8(0x80 | (value & 0x3F)))
    case 0x800..<0x10000:
      write(UInt8(0xE0 | (value >> 12)))
      write(UInt8(0x80 | ((value >> 6) & 0x3F)))
      write(UInt8(0x80 | (value & 0x3F)))
    default:
      write(UInt8(0xF0 | (value >> 18)))
      write(UInt8(0x80 | ((value >> 12) & 0x3F)))
      write(UInt8(0x80 | ((value >> 6) & 0x3F)))
      write(UInt8(0x80 | (value & 0x3F)))
    }
  }

  /// The bytes written, as an array.
  package func bytes() -> [UInt8] {
    [UInt8](UnsafeBufferPointer(start: storage, count: count))
  }
}

extension [UInt8] {
  /// Appends the decimal digits of `value` ≥ 0 (as ``ByteWriter/writeDecimal(_:)``), for
  /// the places that build short sequences in an array.
  @inline(__always)
  package mutating func appendDecimal(_ value: Int) {
    ByteWriter.forEachDecimalDigit(of: value) { append($0) }
  }
}
