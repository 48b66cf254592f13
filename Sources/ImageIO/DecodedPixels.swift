/// 8-bit pixels as a C decoder (libpng, TurboJPEG) hands them over: rows top to bottom,
/// channels interleaved (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA).
struct DecodedPixels {
  var width: Int
  var height: Int
  var channels: Int
  var pixels: [UInt8]
}
