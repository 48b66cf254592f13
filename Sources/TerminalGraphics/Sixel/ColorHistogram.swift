import ImageIO

// Unsafe pointers: a measured per-pixel kernel of the sixel encoder (hash table in raw memory).

/// The distinct sixel-grid colours of an image, how often each occurs, and which one
/// each pixel has.
struct ColorHistogram {
  /// Distinct colours, in order of first appearance (row-major).
  var colors: [PercentColor]
  /// How many pixels have each colour of ``colors``.
  var counts: [Int]
  /// For each pixel (row-major), its index in ``colors``.
  var pixelColorIndex: [Int32]

  /// Each 8-bit channel value's percentage, 0–100.
  private static let percentOfByte: [Int32] = (0..<256).map {
    Int32(PercentColor.percent(ofByte: $0))
  }

  /// The histogram of `image` after rounding every channel to a percentage.
  init(of image: Image) {
    let pixelCount = image.width * image.height
    let channels = image.channels
    var pixelColorIndex = [Int32](repeating: 0, count: pixelCount)
    // Packed colour (7 bits a channel) and pixel count of each distinct colour so far.
    let limit = min(pixelCount, 101 * 101 * 101)
    let packed = UnsafeMutablePointer<Int32>.allocate(capacity: limit)
    let tally = UnsafeMutablePointer<Int32>.allocate(capacity: limit)
    defer {
      packed.deallocate()
      tally.deallocate()
    }
    var table = ColorIndexTable()
    defer { table.deallocate() }
    var distinct = 0
    var previousKey: Int32 = -1
    var previousIndex: Int32 = 0
    Self.percentOfByte.withUnsafeBufferPointer { percent in
      image.pixels.withUnsafeBufferPointer { source in
        pixelColorIndex.withUnsafeMutableBufferPointer { indices in
          for pixel in 0..<pixelCount {
            let offset = pixel * channels
            let red = percent[Int(source[offset])]
            let key =
              channels == 3
              ? (red << 14) | (percent[Int(source[offset + 1])] << 7)
                | percent[Int(source[offset + 2])]
              : (red << 14) | (red << 7) | red
            // Neighbouring pixels often share a colour: then the table is not asked.
            if key == previousKey {
              tally[Int(previousIndex)] += 1
              indices[pixel] = previousIndex
              continue
            }
            let index = table.index(of: key, inserting: Int32(distinct))
            previousKey = key
            previousIndex = index
            if index == distinct {
              packed[distinct] = key
              tally[distinct] = 0
              distinct += 1
              if distinct * 2 > table.capacity { table.grow(keys: packed, count: distinct) }
            }
            tally[Int(index)] += 1
            indices[pixel] = index
          }
        }
      }
    }
    colors = (0..<distinct).map { PercentColor(packed: Int(packed[$0])) }
    counts = (0..<distinct).map { Int(tally[$0]) }
    self.pixelColorIndex = pixelColorIndex
  }
}

/// Open addressing from a packed colour to its index among the distinct colours, kept at
/// most half full; it starts small, so its size follows the colours, not the pixels.
private struct ColorIndexTable {
  /// Slot `i` is `slots[2i]`, the packed colour + 1 (0 when empty), and `slots[2i + 1]`,
  /// its index: side by side, so a lookup touches one cache line.
  private var slots: UnsafeMutablePointer<Int32>
  private(set) var capacity: Int
  /// 32 − log2(capacity): a Fibonacci hash keeps the product's top bits, which depend on
  /// every channel (the low bits would depend on blue alone).
  private let shift: UInt32

  init(capacity: Int = 1 << 10) {
    self.capacity = capacity
    shift = UInt32(32 - capacity.trailingZeroBitCount)
    slots = .allocate(capacity: 2 * capacity)
    slots.initialize(repeating: 0, count: 2 * capacity)
  }

  func deallocate() {
    slots.deallocate()
  }

  /// The index stored for `key`, or `next` after storing it when `key` is new.
  @inline(__always)
  func index(of key: Int32, inserting next: Int32) -> Int32 {
    let stored = key &+ 1
    let mask = capacity - 1
    var slot = Int((UInt32(bitPattern: stored) &* 0x9E37_79B1) >> shift)
    while true {
      let found = slots[2 &* slot]
      if found == stored { return slots[2 &* slot &+ 1] }
      if found == 0 {
        slots[2 &* slot] = stored
        slots[2 &* slot &+ 1] = next
        return next
      }
      slot = (slot &+ 1) & mask
    }
  }

  /// Doubles the table and re-inserts the first `count` keys (key `i` has index `i`).
  mutating func grow(keys packed: UnsafeMutablePointer<Int32>, count: Int) {
    deallocate()
    self = ColorIndexTable(capacity: capacity * 2)
    for index in 0..<count { _ = self.index(of: packed[index], inserting: Int32(index)) }
  }
}
