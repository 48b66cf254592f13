import FaceVAE
import ImageIO

/// Which part of the screen a decode is for; each slot keeps only its newest request.
package enum DecodeSlot: Hashable, Sendable, CaseIterable {
  /// The big face.
  case face
  /// The interpolation strip.
  case strip
  /// The traversal grid.
  case grid
  /// Browse thumbnails.
  case browse
  /// An image file encoded for an interpolation end.
  case encode
  /// The held-out faces' reconstructions under the Explore face.
  case heldOut
  /// Explore's ±2σ previews of the selected slider (decoded last: held keys stay fast).
  case preview
  /// The frames of a GIF being exported (a slider sweep or a Traverse row).
  case animation
}

/// Faces to compute: decode codes, reconstruct dataset items, or encode an image file.
package struct DecodeRequest: Hashable, Sendable {
  /// What to compute.
  package enum Work: Hashable, Sendable {
    /// Decode each code.
    case codes(LatentCodes)
    /// Encode dataset items and decode their means; results carry originals and codes.
    case reconstruct([Int])
    /// Encode the image file at a path (resized to the model's input).
    case encodeFile(String)
  }

  package var slot: DecodeSlot
  /// Increases with each request; results echo it.
  package var serial: Int
  package var work: Work

  package init(slot: DecodeSlot, serial: Int, work: Work) {
    self.slot = slot
    self.serial = serial
    self.work = work
  }
}

/// What a decode produced.
package struct DecodeResult: Hashable, Sendable {
  package var slot: DecodeSlot
  package var serial: Int
  /// Decoded faces, in request order.
  package var images: [Image]
  /// For reconstructions: the original images; for file encodes, the file's image.
  package var originals: [Image]
  /// For reconstructions and file encodes: the posterior means (none for plain decodes).
  package var codes: LatentCodes
  /// Milliseconds spent computing.
  package var milliseconds: Double
  /// Why the work failed, if it did.
  package var error: String?

  package init(
    slot: DecodeSlot, serial: Int, images: [Image], originals: [Image] = [],
    codes: LatentCodes = LatentCodes(dimensions: 0),
    milliseconds: Double, error: String? = nil
  ) {
    self.slot = slot
    self.serial = serial
    self.images = images
    self.originals = originals
    self.codes = codes
    self.milliseconds = milliseconds
    self.error = error
  }

  /// This result followed by `later`'s faces, originals and codes (a request computed in
  /// pieces): the time is the sum, the first error is kept.
  package func appending(_ later: DecodeResult) -> DecodeResult {
    var whole = self
    whole.images += later.images
    whole.originals += later.originals
    if whole.codes.isEmpty {
      whole.codes = later.codes
    } else if later.codes.dimensions == codes.dimensions {
      whole.codes.append(contentsOf: later.codes)
    }
    whole.milliseconds += later.milliseconds
    whole.error = error ?? later.error
    return whole
  }
}
