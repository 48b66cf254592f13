internal import CGif
import LatentBasics

// Unsafe pointers: a wrapper of giflib's C API.

/// Thin wrapper over giflib's encoder (`EGif*`), writing into memory. Nothing of giflib
/// leaves this file.
enum GifLib {
  /// Where giflib's output function appends bytes (reached through `GifFileType.UserData`).
  private final class Sink {
    var bytes: [UInt8] = []
  }

  /// A GIF89a file of indexed `frames` (`width × height` indices each) over one global
  /// `palette`, with a graphics control block per frame and, unless `loopCount` is 1, a
  /// NETSCAPE2.0 extension. `loopCount` counts plays (0 = forever); the extension's field counts
  /// repeats after the first play, as browsers and ImageMagick read it.
  static func encode(
    width: Int, height: Int, palette: [RGBColor], frames: [[UInt8]], delayCentiseconds: Int,
    loopCount: Int
  ) -> Result<[UInt8], LatentError> {
    let sink = Sink()
    let context = Unmanaged.passRetained(sink)
    defer { context.release() }
    var error: Int32 = 0
    guard
      let gif = EGifOpen(
        context.toOpaque(),
        { file, data, length in
          guard let file, let user = file.pointee.UserData, let data, length > 0 else { return 0 }
          let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
          sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
          return length
        }, &error)
    else { return .failure(LatentError(.image, describe(error))) }
    let written = write(
      gif, width: width, height: height, palette: palette, frames: frames,
      delayCentiseconds: delayCentiseconds, loopCount: loopCount)
    var closeError: Int32 = 0
    let closed = EGifCloseFile(gif, &closeError)
    if let failure = written { return .failure(failure) }
    guard closed == CGIF_GIF_OK else { return .failure(LatentError(.image, describe(closeError))) }
    return .success(sink.bytes)
  }

  /// Everything between opening and closing; nil on success.
  private static func write(
    _ gif: UnsafeMutablePointer<GifFileType>, width: Int, height: Int, palette: [RGBColor],
    frames: [[UInt8]], delayCentiseconds: Int, loopCount: Int
  ) -> LatentError? {
    func check(_ status: Int32) -> Bool { status == CGIF_GIF_OK }
    func failure() -> LatentError { LatentError(.image, describe(gif.pointee.Error)) }
    // A colour table has a power-of-two size of at least 2 entries.
    var size = 2
    while size < palette.count { size *= 2 }
    var colors = palette.map { GifColorType(Red: $0.red, Green: $0.green, Blue: $0.blue) }
    colors += Array(repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: size - palette.count)
    guard let map = GifMakeMapObject(Int32(size), colors) else {
      return LatentError(.image, "cannot allocate a colour map")
    }
    defer { GifFreeMapObject(map) }
    EGifSetGifVersion(gif, true)
    guard check(EGifPutScreenDesc(gif, Int32(width), Int32(height), 8, 0, map)) else {
      return failure()
    }
    if loopCount != 1 {
      let repeats = max(0, loopCount - 1)
      let application = Array("NETSCAPE2.0".utf8)
      let loop: [UInt8] = [1, UInt8(repeats & 0xFF), UInt8(repeats >> 8)]
      guard check(EGifPutExtensionLeader(gif, CGIF_APPLICATION_EXT_FUNC_CODE)),
        check(EGifPutExtensionBlock(gif, Int32(application.count), application)),
        check(EGifPutExtensionBlock(gif, Int32(loop.count), loop)),
        check(EGifPutExtensionTrailer(gif))
      else { return failure() }
    }
    // Disposal 1 (leave in place), no transparency; delay in centiseconds.
    let control: [UInt8] = [
      0x04, UInt8(delayCentiseconds & 0xFF), UInt8(delayCentiseconds >> 8), 0,
    ]
    for frame in frames {
      precondition(frame.count == width * height)
      guard
        check(EGifPutExtension(gif, CGIF_GRAPHICS_EXT_FUNC_CODE, Int32(control.count), control)),
        check(EGifPutImageDesc(gif, 0, 0, Int32(width), Int32(height), false, nil))
      else { return failure() }
      var pixels = frame
      let status = pixels.withUnsafeMutableBufferPointer { buffer in
        EGifPutLine(gif, buffer.baseAddress, Int32(buffer.count))
      }
      guard check(status) else { return failure() }
    }
    return nil
  }

  /// giflib's message for an error code.
  private static func describe(_ code: Int32) -> String {
    guard let message = GifErrorString(code) else { return "giflib error \(code)" }
    return String(cString: message)
  }
}
