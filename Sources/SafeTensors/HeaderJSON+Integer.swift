extension HeaderJSON {
  /// What a JSON value is when read as a non-negative integer.
  package enum IntegerReading: Equatable, Sendable {
    /// A non-negative integer that fits in `Int`.
    case value(Int)
    /// A number written with a minus sign (other than `-0`).
    case negative
    /// An integer too large for `Int`.
    case tooLarge
    /// Not a number, or a number with a fraction or exponent part.
    case notAnInteger
  }

  /// Reads the value as a non-negative integer without ever rounding.
  ///
  /// Only plain digit strings count: `3.0` and `3e0` are not integers here,
  /// as they are not for serde_json's `usize` in the reference reader.
  package var nonNegativeInteger: IntegerReading {
    guard case .number(let text) = self else { return .notAnInteger }
    var digits = Substring(text)
    var isNegative = false
    if digits.first == "-" {
      isNegative = true
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else {
      return .notAnInteger
    }
    if isNegative {
      return digits.allSatisfy({ $0 == "0" }) ? .value(0) : .negative
    }
    var result = 0
    for digit in digits.utf8 {
      let (shifted, overflowTimes) = result.multipliedReportingOverflow(by: 10)
      let (sum, overflowPlus) = shifted.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
      if overflowTimes || overflowPlus { return .tooLarge }
      result = sum
    }
    return .value(result)
  }
}
