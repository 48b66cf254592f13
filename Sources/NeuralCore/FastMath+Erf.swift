extension FastMath {
  /// The error function erf x, lane by lane: its Maclaurin series to x¹³ for |x| < 0.5
  /// (relative error below 10⁻⁷), else Abramowitz and Stegun's 7.1.26
  /// (`1 − t·P(t)·e^{−x²}`, `t = 1/(1 + 0.3275911|x|)`, absolute error below 1.5·10⁻⁷).
  @inlinable @inline(__always)
  package static func erf(_ x: Vector) -> Vector {
    let a = abs(x)
    let x2 = x * x
    var series = Vector(repeating: 1.0 / 9360)
    series = multiplyAdd(series, -x2, 1.0 / 1320)
    series = multiplyAdd(series, -x2, 1.0 / 216)
    series = multiplyAdd(series, -x2, 1.0 / 42)
    series = multiplyAdd(series, -x2, 1.0 / 10)
    series = multiplyAdd(series, -x2, 1.0 / 3)
    series = multiplyAdd(series, -x2, 1)
    let small = 1.128_379_17 * x * series
    let t = 1 / multiplyAdd(a, Vector(repeating: 0.327_591_1), 1)
    var p = Vector(repeating: 1.061_405_429)
    p = multiplyAdd(p, t, -1.453_152_027)
    p = multiplyAdd(p, t, 1.421_413_741)
    p = multiplyAdd(p, t, -0.284_496_736)
    p = multiplyAdd(p, t, 0.254_829_592)
    let large = 1 - t * p * exp(-x2)
    let signed = large.replacing(with: -large, where: x .< 0)
    return signed.replacing(with: small, where: a .< 0.5)
  }

  /// erf x for one value.
  @inlinable package static func erf(_ x: Float) -> Float { erf(Vector(repeating: x))[0] }
}
