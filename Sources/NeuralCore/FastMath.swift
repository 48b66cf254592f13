/// Elementwise transcendental functions written so that the compiler turns
/// loops over them into SIMD code (libm calls stop vectorisation).
///
/// Accuracy: a few ulp over the whole Float range, checked against libm in tests.
package enum FastMath {
  /// eˣ; 0 below −87.3, clamped to e^88 above 88.
  @inline(__always)
  package static func exp(_ x: Float) -> Float {
    let x = min(max(x, -87.3), 88.0)
    // x = n·ln2 + r with |r| ≤ ln2/2; the rounding trick keeps this branch-free.
    let shifted = x * 1.442_695_04 + 12_582_912.0
    let n = shifted - 12_582_912.0
    let r = (x - n * 0.693_145_751_953_125) - n * 1.428_606_765_330_187e-6
    var p: Float = 1.0 / 5040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    // 2ⁿ from the low bits of the shifted value: its mantissa holds n + 0x400000.
    let exponent = (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23
    return p * Float(bitPattern: exponent)
  }

  /// Natural logarithm for positive, normal x.
  @inline(__always)
  package static func log(_ x: Float) -> Float {
    let bits = x.bitPattern
    // Split x = m · 2ᵉ with m in [√½, √2).
    let offset = bits &- 0x3F35_04F3  // bit pattern of √½
    let e = Float(Int32(bitPattern: offset) >> 23)
    let m = Float(bitPattern: (offset & 0x007F_FFFF) &+ 0x3F35_04F3)
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var p: Float = 1.0 / 9
    p = p * s2 + 1.0 / 7
    p = p * s2 + 1.0 / 5
    p = p * s2 + 1.0 / 3
    p = p * s2 + 1
    return 2 * s * p + e * 0.693_147_18
  }

  /// Logistic sigmoid 1 / (1 + e⁻ˣ).
  @inline(__always)
  package static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

  /// Hyperbolic tangent.
  @inline(__always)
  package static func tanh(_ x: Float) -> Float {
    // tanh x = sign(x) · (1 − 2 / (e^{2|x|} + 1)); close to 0, the cubic series is more accurate.
    let a = abs(x)
    let large = 1 - 2 / (exp(2 * a) + 1)
    let small = a * (1 - a * a * (1.0 / 3 - a * a * (2.0 / 15)))
    let t = a < 0.0625 ? small : large
    return x < 0 ? -t : t
  }

  /// log(1 + eˣ), stable for every x.
  @inline(__always)
  package static func softplus(_ x: Float) -> Float {
    max(x, 0) + log(1 + exp(-abs(x)))
  }
}
