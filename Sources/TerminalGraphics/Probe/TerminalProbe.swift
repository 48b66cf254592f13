#if canImport(Glibc)
  import Glibc
#endif

/// Finds out what a terminal can show by sending one burst of queries and reading the
/// replies until the DA1 reply (always last) or a deadline.
///
/// The burst: XTSMGRAPHICS colour registers, the kitty graphics query, the cell size in
/// pixels (`CSI 16 t`) and DA1 as the sentinel. Terminals answer in order, so once DA1's
/// reply is in, no stray reply is left in the input. A terminal that answers nothing
/// (a pipe, a dumb terminal) costs at most the timeout.
package enum TerminalProbe {
  /// The id of the kitty graphics query.
  package static let kittyQueryID = 31

  /// The queries, DA1 last.
  package static let queries: [UInt8] = Array(
    ("\u{1B}[?1;1;0S"
      + "\u{1B}_Gi=\(kittyQueryID),s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\"
      + "\u{1B}[16t"
      + "\u{1B}[c").utf8)

  /// The longest the probe waits for DA1's reply. Only a terminal that never answers DA1
  /// costs this (nearly every terminal answers it, and the probe stops at the answer); kitty
  /// on a busy machine was seen answering after more than 200 ms.
  package static let defaultTimeoutMilliseconds = 1000

  /// Probes the terminal on `fileDescriptor` (open for reading and writing).
  ///
  /// No queries are sent when the descriptor is not a terminal, when `TERM` is dumb, or
  /// inside tmux (which would show the kitty query as the pane title); the environment
  /// alone decides then. Terminal settings are restored before returning.
  package static func probe(
    fileDescriptor: Int32, environment: [String: String],
    timeoutMilliseconds: Int = defaultTimeoutMilliseconds
  ) -> TerminalCapabilities {
    let device = TerminalDevice(fileDescriptor: fileDescriptor)
    guard device.isTerminal else {
      return TerminalCapabilities(
        replies: TerminalReplies(), environment: environment, windowCellSize: nil)
    }
    let windowCellSize = device.windowSize().flatMap {
      CellPixelSize(
        columns: $0.columns, rows: $0.rows, pixelWidth: $0.pixelWidth, pixelHeight: $0.pixelHeight)
    }
    var capabilities = TerminalCapabilities(
      replies: TerminalReplies(), environment: environment, windowCellSize: windowCellSize)
    guard !capabilities.isDumb, !capabilities.insideTmux else { return capabilities }
    capabilities.replies = exchange(on: device, timeoutMilliseconds: timeoutMilliseconds)
    return capabilities
  }

  /// The size in cells of the terminal on `fileDescriptor` (TIOCGWINSZ), or nil when it is
  /// not a terminal or reports no size.
  package static func windowCells(fileDescriptor: Int32) -> (columns: Int, rows: Int)? {
    let device = TerminalDevice(fileDescriptor: fileDescriptor)
    guard device.isTerminal, let size = device.windowSize(), size.columns > 0, size.rows > 0
    else { return nil }
    return (size.columns, size.rows)
  }

  /// Probes the controlling terminal (`/dev/tty`), or the environment alone without one.
  package static func probeControllingTerminal(
    environment: [String: String], timeoutMilliseconds: Int = defaultTimeoutMilliseconds
  ) -> TerminalCapabilities {
    let descriptor = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard descriptor >= 0 else {
      return TerminalCapabilities(
        replies: TerminalReplies(), environment: environment, windowCellSize: nil)
    }
    defer { close(descriptor) }
    return probe(
      fileDescriptor: descriptor, environment: environment, timeoutMilliseconds: timeoutMilliseconds
    )
  }

  /// Sends the queries in raw mode and reads until DA1's reply or the deadline.
  static func exchange(on device: TerminalDevice, timeoutMilliseconds: Int) -> TerminalReplies {
    guard let saved = device.enterRawMode() else { return TerminalReplies() }
    var replies = TerminalReplies()
    defer {
      // Without DA1's reply, part of an answer may still be on its way: what has come is
      // dropped rather than left for the shell to echo.
      if !replies.isComplete { device.discardPendingInput() }
      device.restore(saved)
    }
    guard device.writeAll(queries) else { return TerminalReplies() }
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(timeoutMilliseconds))
    var received: [UInt8] = []
    while !replies.isComplete {
      let left = clock.now.duration(to: deadline)
      let leftMilliseconds = Int(
        left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
      guard leftMilliseconds > 0, let chunk = device.read(waitingAtMost: leftMilliseconds) else {
        break
      }
      received.append(contentsOf: chunk)
      replies = TerminalReplies.parse(received)
    }
    return replies
  }
}
