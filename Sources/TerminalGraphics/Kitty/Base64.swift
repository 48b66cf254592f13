/// Standard base64 (RFC 4648, with `=` padding), as the kitty graphics protocol expects.
enum Base64 {
  /// The 64 digits.
  static let alphabet: [UInt8] = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// `bytes` in base64.
  static func encode(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index + 3 <= bytes.count {
      let group = Int(bytes[index]) << 16 | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
      out.append(alphabet[group >> 18])
      out.append(alphabet[(group >> 12) & 63])
      out.append(alphabet[(group >> 6) & 63])
      out.append(alphabet[group & 63])
      index += 3
    }
    let rest = bytes.count - index
    if rest > 0 {
      let group = Int(bytes[index]) << 16 | (rest == 2 ? Int(bytes[index + 1]) << 8 : 0)
      out.append(alphabet[group >> 18])
      out.append(alphabet[(group >> 12) & 63])
      out.append(rest == 2 ? alphabet[(group >> 6) & 63] : UInt8(ascii: "="))
      out.append(UInt8(ascii: "="))
    }
    return out
  }
}
