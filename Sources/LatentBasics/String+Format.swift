#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension String {
  /// Numbers formatted as C's `printf` does (`%d`, `%5.2f`, `%g`, `%02d`, …), the one part
  /// of Foundation's `String(format:)` the program uses, without linking Foundation.
  ///
  /// The arguments must be numbers (`Int`, `Double`, …): C strings and `%@` are not supported.
  package init(format: String, _ arguments: CVarArg...) {
    var capacity = 64
    while true {
      var buffer = [CChar](repeating: 0, count: capacity)
      let needed = withVaList(arguments) { list in
        Int(vsnprintf(&buffer, capacity, format, list))
      }
      guard needed >= 0 else {
        self = ""
        return
      }
      if needed < capacity {
        self = String(decoding: buffer.prefix(needed).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return
      }
      capacity = needed + 1
    }
  }

  /// The string cut or padded with spaces on the right to exactly `width` characters.
  package func padded(to width: Int) -> String {
    count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
  }
}

extension StringProtocol {
  /// The text without leading and trailing whitespace.
  package func trimmingWhitespace() -> String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
