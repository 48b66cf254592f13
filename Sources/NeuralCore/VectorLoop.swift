/// Loops over Float32 arrays eight lanes at a time.
///
/// `VectorLoop.run(count) { i, lanes in … }` calls the body with `lanes == 8`
/// for every whole vector and once with fewer lanes for the rest; ``load``
/// and ``store`` take the same `lanes`, so one body serves both, and with
/// everything inlined the whole-vector path is straight SIMD code.
package enum VectorLoop {
  package typealias Vector = FastMath.Vector

  /// Calls `body(i, 8)` for each whole vector starting at `i`, then `body(i, n)` for the last n < 8.
  @inlinable @inline(__always)
  package static func run(_ count: Int, _ body: (Int, Int) -> Void) {
    let whole = count & ~7
    var i = 0
    while i < whole {
      body(i, 8)
      i += 8
    }
    if whole < count { body(whole, count - whole) }
  }

  /// `lanes` values from `pointer + index`; missing lanes are `padding`.
  @inlinable @inline(__always)
  package static func load(
    _ pointer: UnsafePointer<Float>, _ index: Int, _ lanes: Int, padding: Float = 0
  ) -> Vector {
    if lanes == 8 { return UnsafeRawPointer(pointer + index).loadUnaligned(as: Vector.self) }
    var v = Vector(repeating: padding)
    for lane in 0..<lanes { v[lane] = pointer[index + lane] }
    return v
  }

  /// Stores the first `lanes` values at `pointer + index`.
  @inlinable @inline(__always)
  package static func store(
    _ value: Vector, _ pointer: UnsafeMutablePointer<Float>, _ index: Int, _ lanes: Int
  ) {
    if lanes == 8 {
      UnsafeMutableRawPointer(pointer + index).storeBytes(of: value, as: Vector.self)
      return
    }
    for lane in 0..<lanes { pointer[index + lane] = value[lane] }
  }

  /// `output[i] = transform(input[i])` over `count` values.
  @inlinable @inline(__always)
  package static func map(
    _ count: Int, _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>,
    _ transform: (Vector) -> Vector
  ) {
    run(count) { i, n in store(transform(load(input, i, n)), output, i, n) }
  }

  /// `output[i] = transform(a[i], b[i])` over `count` values.
  @inlinable @inline(__always)
  package static func map(
    _ count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
    into output: UnsafeMutablePointer<Float>, _ transform: (Vector, Vector) -> Vector
  ) {
    run(count) { i, n in store(transform(load(a, i, n), load(b, i, n)), output, i, n) }
  }

  /// Σ values, accumulated lane-wise in Float and finished in Double.
  @inlinable @inline(__always)
  package static func sum(_ count: Int, _ values: UnsafePointer<Float>) -> Double {
    var total = 0.0
    var start = 0
    while start < count {
      let end = min(start + 4096, count)
      var lanes = Vector()
      run(end - start) { i, n in lanes += load(values, start + i, n) }
      total += Double(lanes.sum())
      start = end
    }
    return total
  }
}
