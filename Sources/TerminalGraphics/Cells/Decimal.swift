/// Appends the decimal digits of a non-negative `value` as ASCII.
@inline(__always)
func appendDecimal(_ value: Int, to out: inout [UInt8]) {
  precondition(value >= 0)
  let zero = UInt8(ascii: "0")
  if value < 10 {
    out.append(zero &+ UInt8(value))
  } else if value < 100 {
    out.append(zero &+ UInt8(value / 10))
    out.append(zero &+ UInt8(value % 10))
  } else if value < 1000 {
    out.append(zero &+ UInt8(value / 100))
    out.append(zero &+ UInt8((value / 10) % 10))
    out.append(zero &+ UInt8(value % 10))
  } else {
    appendDecimal(value / 1000, to: &out)
    let rest = value % 1000
    out.append(zero &+ UInt8(rest / 100))
    out.append(zero &+ UInt8((rest / 10) % 10))
    out.append(zero &+ UInt8(rest % 10))
  }
}
