internal import CNcursesw
import LatentUI

/// How each ``TextStyle`` looks: an attribute and a colour pair (pairs only with colour).
enum StylePalette {
  /// Attributes and pair number for one style.
  struct Look {
    var attributes: attr_t
    var pair: Int16
  }

  /// Pair numbers: 1 accent (cyan), 2 warning (red), 3 good (green), 4 selected (yellow),
  /// 5 under a face, 6–11 the map's colours.
  static func install() {
    init_pair(1, Int16(COLOR_CYAN), -1)
    init_pair(2, Int16(COLOR_RED), -1)
    init_pair(3, Int16(COLOR_GREEN), -1)
    init_pair(4, Int16(COLOR_YELLOW), -1)
    init_pair(5, Int16(COLOR_WHITE), -1)
    for (k, color) in mapColors.enumerated() { init_pair(Int16(6 + k), Int16(color), -1) }
  }

  /// The curses colours of the map's styles, in pair order from 6.
  private static let mapColors = [
    COLOR_RED, COLOR_GREEN, COLOR_YELLOW, COLOR_BLUE, COLOR_MAGENTA, COLOR_CYAN,
  ]

  /// The look of the spaces ncurses keeps under a face: not its blank (a colour pair, or
  /// dim without colours), so that it never clears across a face with an erase-line.
  static var underImage: Look {
    has_colors() ? Look(attributes: CNCW_A_NORMAL, pair: 5) : Look(attributes: CNCW_A_DIM, pair: 0)
  }

  static func look(_ style: TextStyle) -> Look {
    let colors = has_colors()
    switch style {
    case .normal: return Look(attributes: CNCW_A_NORMAL, pair: 0)
    case .dim: return Look(attributes: CNCW_A_DIM, pair: 0)
    case .bold: return Look(attributes: CNCW_A_BOLD, pair: 0)
    case .selected:
      return colors
        ? Look(attributes: CNCW_A_BOLD, pair: 4) : Look(attributes: CNCW_A_REVERSE, pair: 0)
    case .accent: return Look(attributes: CNCW_A_NORMAL, pair: colors ? 1 : 0)
    case .warning:
      return colors
        ? Look(attributes: CNCW_A_BOLD, pair: 2) : Look(attributes: CNCW_A_BOLD, pair: 0)
    case .good: return Look(attributes: CNCW_A_NORMAL, pair: colors ? 3 : 0)
    case .red: return mapLook(0, colors)
    case .green: return mapLook(1, colors)
    case .yellow: return mapLook(2, colors)
    case .blue: return mapLook(3, colors)
    case .magenta: return mapLook(4, colors)
    case .cyan: return mapLook(5, colors)
    }
  }

  /// Map colour `index` (0 red … 5 cyan) as pair `6 + index`; plain without colours.
  private static func mapLook(_ index: Int, _ colors: Bool) -> Look {
    Look(attributes: CNCW_A_NORMAL, pair: colors ? Int16(6 + index) : 0)
  }
}
