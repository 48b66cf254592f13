internal import CNcursesw
import LatentBasics
import LatentUI
import Synchronization
import Glibc

/// The ncurses calls the explorer makes, as thin Swift wrappers; nothing else in the
/// package touches ncurses.
enum Curses {
  /// Bytes of faces written straight to the terminal so far (ncurses' own output not counted).
  static var bytesWritten: Int { writtenBytes.load(ordering: .relaxed) }

  /// Starts curses on the terminal: raw keys, no echo, keypad, mouse with drag reports,
  /// hidden cursor, colours when the terminal has them.
  static func start() {
    setlocale(LC_ALL, "")
    set_escdelay(25)
    _ = initscr()
    let screen = cncw_stdscr()
    raw()
    noecho()
    nonl()
    keypad(screen, true)
    nodelay(screen, true)
    curs_set(0)
    if has_colors() {
      start_color()
      use_default_colors()
      StylePalette.install()
    }
    mouseinterval(0)
    mousemask(CNCW_ALL_MOUSE_EVENTS | CNCW_REPORT_MOUSE_POSITION, nil)
    // Button-event tracking: motion reports while a button is held (for drags).
    write(Array("\u{1B}[?1002h".utf8))
  }

  /// Ends curses and puts the terminal back (mouse off, cursor on).
  static func stop() {
    write(Array("\u{1B}[?1002l\u{1B}[?1000l\u{1B}[?1006l".utf8))
    mousemask(0, nil)
    curs_set(1)
    endwin()
  }

  /// The screen size in cells.
  static var size: (columns: Int, rows: Int) {
    let screen = cncw_stdscr()
    return (Int(getmaxx(screen)), Int(getmaxy(screen)))
  }

  /// Whether the terminal shows colours.
  static var hasColors: Bool { has_colors() }

  /// The next waiting input item, or nil when none is waiting.
  static func readInput() -> RawInput? {
    var value: UInt32 = 0
    let status = cncw_get_key(&value)
    if status == ERR { return nil }
    if status == KEY_CODE_YES {
      if Int32(value) == KEY_MOUSE {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return .keyCode(KeyCodes.mouse) }
        return .mouse(buttons: UInt(event.bstate), column: Int(event.x), row: Int(event.y))
      }
      return .keyCode(Int32(value))
    }
    return .character(value)
  }

  /// Copies `canvas`'s text into ncurses' screen and refreshes (ncurses sends only changes).
  static func paint(_ canvas: Canvas, repaintAll: Bool) {
    let screen = cncw_stdscr()
    if repaintAll { clearok(screen, true) }
    let rows = min(canvas.rows, Int(getmaxy(screen)))
    let columns = min(canvas.columns, Int(getmaxx(screen)))
    for row in 0..<rows {
      for column in 0..<columns {
        // The bottom-right cell would scroll some terminals; leave it.
        if row == rows - 1 && column == columns - 1 { continue }
        let cell = canvas[column: column, row: row]
        let look = StylePalette.look(cell.style)
        _ = cncw_put_scalar(Int32(row), Int32(column), cell.glyph.value, look.attributes, look.pair)
      }
    }
    // Cells under faces hold a space ncurses does not count as blank (see StylePalette).
    let hidden = StylePalette.underImage
    for image in canvas.images {
      let rect = image.rect
      for row in max(0, rect.row)..<min(rows, rect.row + rect.rows) {
        for column in max(0, rect.column)..<min(columns, rect.column + rect.columns) {
          if row == rows - 1 && column == columns - 1 { continue }
          _ = cncw_put_scalar(Int32(row), Int32(column), 0x20, hidden.attributes, hidden.pair)
        }
      }
    }
    wnoutrefresh(screen)
    doupdate()
  }

  /// Writes bytes straight to the terminal (after a refresh, so ncurses' output is out).
  static func write(_ bytes: [UInt8]) {
    fflush(nil)
    POSIXFile.writeAll(bytes, to: STDOUT_FILENO)
    writtenBytes.add(bytes.count, ordering: .relaxed)
  }
}

/// Bytes written to the terminal (see ``Curses/bytesWritten``).
private let writtenBytes = Atomic<Int>(0)
