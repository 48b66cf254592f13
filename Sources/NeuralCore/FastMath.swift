/// Elementwise transcendental functions on 8-lane vectors, written with
/// SIMD types so that they compile to SIMD instructions on any x86-64
/// (libm calls, and loops the compiler cannot prove alias-free, stay scalar).
///
/// Accuracy: a few ulp over the whole Float range, checked against libm in tests. The
/// activations' and losses' own copies of these polynomials (sigmoid, tanh, erf too) are in
/// CKernels, compiled per kernel level; these serve the Swift loops that stay generic (the
/// latent sample, the KL term per dimension) and single values.
package enum FastMath {
  /// Eight Float32 lanes.
  package typealias Vector = SIMD8<Float>

  /// eˣ; 0 below −87.3, clamped to e^88 above 88.
  @inlinable @inline(__always)
  package static func exp(_ x: Vector) -> Vector {
    let low = Vector(repeating: -87.3)
    let high = Vector(repeating: 88)
    let x = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
    // x = n·ln2 + r with |r| ≤ ln2/2; adding 1.5·2²³ rounds n into the low mantissa bits.
    let shifted = x * 1.442_695_04 + 12_582_912.0
    let n = shifted - 12_582_912.0
    let r = (x - n * 0.693_145_751_953_125) - n * 1.428_606_765_330_187e-6
    var p = Vector(repeating: 1.0 / 5040)
    p = multiplyAdd(p, r, 1.0 / 720)
    p = multiplyAdd(p, r, 1.0 / 120)
    p = multiplyAdd(p, r, 1.0 / 24)
    p = multiplyAdd(p, r, 1.0 / 6)
    p = multiplyAdd(p, r, 0.5)
    p = multiplyAdd(p, r, 1)
    p = multiplyAdd(p, r, 1)
    let bits = unsafeBitCast(shifted, to: SIMD8<UInt32>.self)
    let scale = unsafeBitCast((bits &- 0x4B40_0000 &+ 127) &<< 23, to: Vector.self)
    return p * scale
  }

  /// Natural logarithm for positive, normal x.
  @inlinable @inline(__always)
  package static func log(_ x: Vector) -> Vector {
    // Split x = m · 2ᵉ with m in [√½, √2), then log m = 2·atanh((m − 1)/(m + 1)).
    let offset = unsafeBitCast(x, to: SIMD8<Int32>.self) &- 0x3F35_04F3
    // e as Float: the bits of 1.5·2²³ plus e are the Float 1.5·2²³ + e for |e| < 2²²
    // (the generic SIMD integer-to-float initialiser converts lane by lane).
    let e = unsafeBitCast((offset &>> 23) &+ 0x4B40_0000, to: Vector.self) - 12_582_912
    let m = unsafeBitCast((offset & 0x007F_FFFF) &+ 0x3F35_04F3, to: Vector.self)
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var p = Vector(repeating: 1.0 / 9)
    p = multiplyAdd(p, s2, 1.0 / 7)
    p = multiplyAdd(p, s2, 1.0 / 5)
    p = multiplyAdd(p, s2, 1.0 / 3)
    p = multiplyAdd(p, s2, 1)
    return 2 * s * p + e * 0.693_147_18
  }

  /// `a·b + c`: one rounding (an FMA instruction) where the build targets a CPU with FMA
  /// (LATENT_FUSED_MULTIPLY_ADD), else a product and a sum (a generic x86-64 build would
  /// call libm's fmaf lane by lane).
  @inlinable @inline(__always)
  package static func multiplyAdd(_ a: Vector, _ b: Vector, _ c: Vector) -> Vector {
    #if LATENT_FUSED_MULTIPLY_ADD
      c.addingProduct(a, b)
    #else
      a * b + c
    #endif
  }

  /// `a·b + c` for the same `c` in every lane.
  @inlinable @inline(__always)
  package static func multiplyAdd(_ a: Vector, _ b: Vector, _ c: Float) -> Vector {
    multiplyAdd(a, b, Vector(repeating: c))
  }

  /// |x| lane by lane.
  @inlinable @inline(__always)
  package static func abs(_ x: Vector) -> Vector {
    unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: Vector.self)
  }

  /// eˣ for one value (through a vector: for the few places outside hot loops).
  @inlinable package static func exp(_ x: Float) -> Float { exp(Vector(repeating: x))[0] }
  /// log x for one positive, normal value.
  @inlinable package static func log(_ x: Float) -> Float { log(Vector(repeating: x))[0] }
}
