/// Where the phases of one image row lie in a scratch row, for im2col and col2im.
///
/// Phase `q` of a row holds its input columns `q, q + s, q + 2s, …` (s the column stride) from
/// `margin` on, with zeros on both sides; the column row of kernel column `kj` is then
/// `ow` consecutive values of one phase, starting at ``start(_:)``.
struct RowPhases {
  /// Column stride.
  let stride: Int
  /// Values in an image row.
  let width: Int
  /// Kernel columns.
  let kernel: Int
  /// Zero columns on each side.
  let padding: Int
  /// Zeros before the first value of a phase.
  let margin: Int
  /// Floats from one phase to the next (the last value of a phase is followed by zeros).
  let phaseLength: Int

  /// The phases of `g`'s rows: its column stride, kernel columns and column padding.
  init(_ g: ConvolutionGeometry) {
    stride = g.stride.width
    width = g.width
    kernel = g.kernel.width
    padding = g.padding.width
    // Kernel column kj reads phase (kj − p) mod s from step (kj − p) div s, a step
    // between −⌈p/s⌉ and (k − 1 − p)/s; from there a row reads ow values.
    let lowest = (padding + stride - 1) / stride
    let highest = max(0, kernel - 1 - padding) / stride
    let longest = (width + stride - 1) / stride
    margin = lowest
    phaseLength = margin + max(longest, g.outputWidth + highest)
  }

  /// Floats of scratch for all phases.
  var capacity: Int { stride * phaseLength }

  /// Index in the scratch of the value that output column 0 of kernel column `kj` reads.
  func start(_ kj: Int) -> Int {
    let shift = kj - padding
    let phase = ((shift % stride) + stride) % stride
    let step = (shift - phase) / stride
    return phase * phaseLength + margin + step
  }

  /// Calls `body` with scratch for the phases (``capacity`` floats, uninitialised) and
  /// ``start(_:)`` of every kernel column, both on the stack for the usual sizes.
  @inline(__always)
  func withScratch(
    _ body: (_ phases: UnsafeMutablePointer<Float>, _ starts: UnsafePointer<Int>) -> Void
  ) {
    withUnsafeTemporaryAllocation(of: Float.self, capacity: capacity) { phases in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: kernel) { starts in
        guard let phases = phases.baseAddress, let startPointer = starts.baseAddress else {
          return
        }
        for kj in 0..<kernel { startPointer[kj] = start(kj) }
        body(phases, startPointer)
      }
    }
  }

  /// Writes the phases of `line` (`width` values) into `phases`; the zeros around them
  /// are left as they are.
  @inline(__always)
  func split(_ line: UnsafePointer<Float>, into phases: UnsafeMutablePointer<Float>) {
    let even = phases + margin
    switch stride {
    case 1:
      RowPhases.copy(width, from: line, to: even)
    case 2:
      let odd = even + phaseLength
      var j = 0
      while 2 * j + 16 <= width {
        let pair = UnsafeRawPointer(line + 2 * j).loadUnaligned(as: SIMD16<Float>.self)
        UnsafeMutableRawPointer(even + j).storeBytes(of: pair.evenHalf, as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(odd + j).storeBytes(of: pair.oddHalf, as: SIMD8<Float>.self)
        j += 8
      }
      while 2 * j + 1 < width {
        even[j] = line[2 * j]
        odd[j] = line[2 * j + 1]
        j += 1
      }
      if 2 * j < width { even[j] = line[2 * j] }
    default:
      for x in 0..<width { phases[(x % stride) * phaseLength + margin + x / stride] = line[x] }
    }
  }

  /// Interleaves the phases back into `line` (`width` values, overwritten), plus `bias`:
  /// with `bias` 0, the adjoint of ``split(_:into:)``.
  @inline(__always)
  func store(
    _ phases: UnsafePointer<Float>, into line: UnsafeMutablePointer<Float>, adding bias: Float
  ) {
    let even = phases + margin
    switch stride {
    case 1:
      VectorLoop.map(width, even, into: line) { $0 + bias }
    case 2:
      let odd = even + phaseLength
      var j = 0
      while 2 * j + 16 <= width {
        var pair = SIMD16<Float>()
        pair.evenHalf = UnsafeRawPointer(even + j).loadUnaligned(as: SIMD8<Float>.self)
        pair.oddHalf = UnsafeRawPointer(odd + j).loadUnaligned(as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(line + 2 * j).storeBytes(of: pair + bias, as: SIMD16<Float>.self)
        j += 8
      }
      while 2 * j + 1 < width {
        line[2 * j] = even[j] + bias
        line[2 * j + 1] = odd[j] + bias
        j += 1
      }
      if 2 * j < width { line[2 * j] = even[j] + bias }
    default:
      for x in 0..<width {
        line[x] = phases[(x % stride) * phaseLength + margin + x / stride] + bias
      }
    }
  }

  /// `target[0..<count] = source[0..<count]`, inline: column rows are 4–32 values, and
  /// VectorLoop.map's lane-by-lane tail for fewer than 8 made conv64 training 2–6% slower
  /// (two alternating A/B runs).
  @inline(__always)
  static func copy(
    _ count: Int, from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>
  ) {
    var x = 0
    while x + 8 <= count {
      UnsafeMutableRawPointer(target + x).storeBytes(
        of: UnsafeRawPointer(source + x).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self
      )
      x += 8
    }
    while x < count {
      target[x] = source[x]
      x += 1
    }
  }

  /// `target[0..<count] += source[0..<count]`, inline.
  @inline(__always)
  static func add(
    _ count: Int, from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>
  ) {
    var x = 0
    while x + 8 <= count {
      let t = UnsafeMutableRawPointer(target + x)
      let sum =
        t.loadUnaligned(as: SIMD8<Float>.self)
        + UnsafeRawPointer(source + x).loadUnaligned(as: SIMD8<Float>.self)
      t.storeBytes(of: sum, as: SIMD8<Float>.self)
      x += 8
    }
    while x < count {
      target[x] += source[x]
      x += 1
    }
  }
}
