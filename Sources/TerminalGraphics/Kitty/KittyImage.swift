import ImageIO

/// Encodes images for the kitty graphics protocol: raw RGB (`f=24`), base64, in chunks of
/// at most 4096 payload bytes, under a fixed image id and placement id so that drawing a
/// new frame replaces the previous one instead of stacking images.
package struct KittyImage: Hashable, Sendable {
  /// Largest base64 payload per escape sequence, as the protocol requires.
  package static let maxChunkBytes = 4096

  /// The image id (`i=`), 1–4294967295; one per view.
  package var imageID: UInt32
  /// The placement id (`p=`); re-placing with the same id moves or replaces the image.
  package var placementID: UInt32

  /// An encoder for the view that owns `imageID`.
  package init(imageID: UInt32 = 1742, placementID: UInt32 = 1) {
    precondition(imageID > 0 && placementID > 0, "kitty ids start at 1")
    self.imageID = imageID
    self.placementID = placementID
  }

  /// The bytes that transmit `image` and display it at the cursor, replacing the previous
  /// frame of this id. `columns` and `rows`, when given, make kitty scale the image to that
  /// many cells. The cursor does not move (`C=1`) and kitty sends no reply (`q=2`).
  package func draw(_ image: Image, columns: Int? = nil, rows: Int? = nil) -> [UInt8] {
    let rgb = image.rgbImage()
    let payload = Base64.encode(rgb.pixels)
    var control = "a=T,f=24,s=\(rgb.width),v=\(rgb.height),i=\(imageID),p=\(placementID),q=2,C=1"
    if let columns { control += ",c=\(columns)" }
    if let rows { control += ",r=\(rows)" }
    var out: [UInt8] = []
    out.reserveCapacity(payload.count + payload.count / Self.maxChunkBytes * 16 + 96)
    var start = 0
    repeat {
      let end = min(start + Self.maxChunkBytes, payload.count)
      let more = end < payload.count
      out.append(contentsOf: [0x1B, UInt8(ascii: "_"), UInt8(ascii: "G")])
      if start == 0 {
        out.append(contentsOf: Array(control.utf8))
        out.append(UInt8(ascii: ","))
      } else {
        out.append(contentsOf: Array("q=2,".utf8))
      }
      out.append(contentsOf: Array((more ? "m=1;" : "m=0;").utf8))
      out.append(contentsOf: payload[start..<end])
      out.append(contentsOf: [0x1B, UInt8(ascii: "\\")])
      start = end
    } while start < payload.count
    return out
  }

  /// The bytes that delete this image and free its data (`a=d,d=I`), for when the view
  /// closes.
  package func delete() -> [UInt8] {
    Array("\u{1B}_Ga=d,d=I,i=\(imageID),q=2\u{1B}\\".utf8)
  }
}
