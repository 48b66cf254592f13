import FoundationEssentials
import LatentBasics

/// A CSV table of per-file facts (such as `frl_faces_color_128_metadata.csv`: `file`, `label`,
/// `index`, `expression`, `age`, `gender`, ...), looked up by file name.
///
/// The first row names the columns; one column holds file names (`file` by default). Fields may
/// be quoted (`"a, b"`, with `""` for a quote).
package struct FaceMetadata: Sendable {
  /// Column names, from the header row.
  package let columns: [String]
  /// Data rows, each with one field per column.
  package let rows: [[String]]
  /// Row number of each file name.
  private let rowOfFile: [String: Int]

  /// Parses CSV `text`; `fileColumn` names the column of file names.
  /// - Parameter path: named in errors.
  package init(csv text: String, fileColumn: String = "file", path: String = "<csv>")
    throws(LatentError)
  {
    let records = Self.parse(text)
    guard let header = records.first, !header.isEmpty else {
      throw LatentError(.data, path: path, "empty CSV file")
    }
    guard let fileIndex = header.firstIndex(of: fileColumn) else {
      throw LatentError(.data, path: path, "no column named \"\(fileColumn)\"")
    }
    var rows = [[String]]()
    var rowOfFile = [String: Int]()
    for (number, record) in records.dropFirst().enumerated() {
      if record == [""] { continue }
      guard record.count == header.count else {
        throw LatentError(
          .data, path: path,
          "line \(number + 2) has \(record.count) fields, the header \(header.count)")
      }
      rowOfFile[record[fileIndex]] = rows.count
      rows.append(record)
    }
    self.columns = header
    self.rows = rows
    self.rowOfFile = rowOfFile
  }

  /// Reads the CSV file at `path`.
  package static func read(path: String, fileColumn: String = "file") throws(LatentError)
    -> FaceMetadata
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LatentError(.cannotOpen, path: path, "cannot read the file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw LatentError(.data, path: path, "not UTF-8 text")
    }
    return try FaceMetadata(csv: text, fileColumn: fileColumn, path: path)
  }

  /// The value in `column` for the file named like the last component of `path`, or nil when the
  /// file or the column is not in the table.
  package func value(_ column: String, forFile path: String) -> String? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let row = rowOfFile[name], let index = columns.firstIndex(of: column) else { return nil }
    return rows[row][index]
  }

  /// Splits CSV text into records of fields.
  private static func parse(_ text: String) -> [[String]] {
    var records = [[String]]()
    var record = [String]()
    var field = ""
    var quoted = false
    var characters = text.makeIterator()
    var pending: Character? = nil
    while let character = pending ?? characters.next() {
      pending = nil
      if quoted {
        if character == "\"" {
          let following = characters.next()
          if following == "\"" { field.append("\"") } else { quoted = false; pending = following }
        } else {
          field.append(character)
        }
        continue
      }
      switch character {
      case "\"": quoted = true
      case ",":
        record.append(field)
        field = ""
      case "\n", "\r\n", "\r":
        record.append(field)
        records.append(record)
        record = []
        field = ""
      default: field.append(character)
      }
    }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}
