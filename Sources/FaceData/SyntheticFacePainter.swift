import Glibc

/// Draws one synthetic face: the factors turned into shapes and colours, then evaluated per
/// pixel with analytic (distance-based) anti-aliasing.
///
/// Face units: the image's shorter side spans [-1, 1], x to the right, y down, before the
/// face's shift and tilt are applied.
struct SyntheticFacePainter {
  typealias Point = SIMD2<Float>
  typealias Color = SIMD3<Float>

  // Geometry.
  let centre: Point
  let faceRadii: Point
  let jawTaper: Float
  let eyeY: Float
  let eyeOffset: Float
  let eyeRadii: Point
  let browHalfLength: Float
  let browDirection: Point
  let mouthY: Float
  let mouthHalfWidth: Float
  let mouthBend: Float
  let hairBottom: Float
  let hasGlasses: Bool
  let lensRadius: Float
  let shift: Point
  let cosTilt: Float
  let sinTilt: Float

  // Colours, 0...1.
  let background: Color
  let shirt: Color
  let skin: Color
  let hair: Color
  let brow: Color
  let lips: Color

  init(_ factors: SyntheticFaceFactors) {
    let f = factors
    faceRadii = Point(0.36 + 0.14 * f.faceWidth, 0.50 + 0.12 * f.faceLength)
    centre = Point(0, 0.02)
    jawTaper = 0.1 + 0.35 * f.jaw
    eyeY = centre.y - 0.10 * faceRadii.y
    eyeOffset = (0.13 + 0.09 * f.eyeSpacing) * faceRadii.x / 0.43
    let eyeWidth = 0.055 + 0.045 * f.eyeSize
    eyeRadii = Point(eyeWidth, eyeWidth * 0.68)
    browHalfLength = 0.07 + 0.02 * f.eyeSize
    browDirection = Point(cos(0.35 * f.browAngle), -sin(0.35 * f.browAngle))
    mouthY = centre.y + 0.55 * faceRadii.y
    mouthHalfWidth = 0.11 + 0.05 * f.faceWidth
    mouthBend = 0.075 * f.mouthCurvature
    hairBottom = centre.y - 0.15 + 1.0 * f.hairLength
    hasGlasses = f.glasses >= 0.5
    lensRadius = max(eyeWidth * 1.5, 0.095)
    shift = Point(f.shiftX, f.shiftY) * 0.16
    cosTilt = cos(f.tilt * 0.21)
    sinTilt = sin(f.tilt * 0.21)
    background = Self.hsv(hue: f.backgroundHue, saturation: 0.32, value: 0.93)
    shirt = Self.hsv(hue: f.backgroundHue + 0.45, saturation: 0.5, value: 0.55)
    skin = Self.ramp(
      [Color(255, 226, 200), Color(233, 182, 140), Color(180, 120, 80), Color(100, 62, 42)],
      at: f.skinTone)
    hair = Self.ramp(
      [
        Color(35, 28, 26), Color(95, 60, 36), Color(160, 78, 40), Color(226, 192, 120),
        Color(180, 180, 186),
      ],
      at: f.hairColor)
    brow = hair * 0.55 + Color(40, 30, 25) / 255 * 0.45
    lips = Self.ramp([Color(160, 45, 55), Color(75, 18, 24)], at: f.skinTone)
  }

  /// The colour at face-image point `point` (before shift and tilt), for a pixel of size `pixel`.
  func color(at imagePoint: Point, pixel: Float) -> Color {
    typealias SD = SignedDistance
    let moved = imagePoint - shift
    let p = Point(cosTilt * moved.x + sinTilt * moved.y, -sinTilt * moved.x + cosTilt * moved.y)
    var c = background
    func paint(_ distance: Float, _ color: Color, _ opacity: Float = 1) {
      let cover = SD.coverage(distance, pixel: pixel) * opacity
      if cover > 0 { c += (color - c) * cover }
    }
    let outline = skin * 0.55
    // Shoulders and neck: shifted with the head but not tilted.
    paint(SD.ellipse(moved, centre: Point(0, 1.25), radii: Point(0.8, 0.45)), shirt)
    let neckCentre = Point(0, centre.y + faceRadii.y * 0.8 + 0.15)
    paint(SD.box(moved, centre: neckCentre, half: Point(0.14, 0.22), rounding: 0.03), skin * 0.86)
    // Hair behind the head (long hair falls beside the face).
    let hairCap = SD.ellipse(
      p, centre: Point(0, centre.y - 0.06), radii: faceRadii + Point(0.06, 0.04))
    let hairTop = centre.y - faceRadii.y * 0.5
    let fall = SD.box(
      p, centre: Point(0, (hairTop + hairBottom) / 2),
      half: Point(faceRadii.x + 0.07, max((hairBottom - hairTop) / 2, 0.01)), rounding: 0.07)
    paint(min(hairCap, fall), hair * 0.85)
    // Ears, then the face with its outline.
    if abs(p.y - eyeY - 0.08) < 0.15 && abs(p.x) > faceRadii.x * 0.6 {
      let side: Float = p.x < 0 ? -1 : 1
      let ear = SD.ellipse(
        p, centre: Point(side * faceRadii.x * 0.97, eyeY + 0.08), radii: Point(0.065, 0.1))
      paint(ear, outline)
      paint(ear + 0.012, skin * 0.95)
    }
    let face = faceDistance(p)
    paint(face, outline)
    paint(face + 0.013, skin)
    // Hair on top: inside the cap and above the hairline (lower at the temples, swept fringe).
    let x = p.x / faceRadii.x
    let hairline = centre.y - faceRadii.y * 0.45 + 0.3 * faceRadii.y * x * x + 0.05 * x
    let slope = 0.6 * faceRadii.y * x / faceRadii.x + 0.05 / faceRadii.x
    let aboveHairline = (p.y - hairline) / (1 + slope * slope).squareRoot()
    paint(max(hairCap, aboveHairline), hair)
    if abs(p.y - eyeY) < 0.3 { paintEyes(p, paint: paint) }
    // Nose.
    if abs(p.x) < 0.1 && p.y > eyeY && p.y < eyeY + 0.3 {
      let noseTip = Point(0.03, eyeY + 0.2)
      paint(SD.segment(p, from: Point(0, eyeY + 0.07), to: noseTip, thickness: 0.011), outline)
      paint(
        SD.segment(p, from: noseTip, to: Point(-0.025, eyeY + 0.215), thickness: 0.011), outline)
    }
    // Mouth: a parabola through the corners, centre lowered for a smile, raised for a frown.
    if abs(p.y - mouthY) < 0.2 && abs(p.x) < mouthHalfWidth + 0.1 {
      let u = min(max(p.x / mouthHalfWidth, -1), 1)
      let curveY = mouthY + mouthBend * (0.5 - u * u)
      let derivative = -2 * mouthBend * u / mouthHalfWidth
      let along = SD.length(Point(p.x - u * mouthHalfWidth, (p.y - curveY)))
      let across = abs(p.y - curveY) / (1 + derivative * derivative).squareRoot()
      let distance = (abs(p.x) <= mouthHalfWidth ? across : along) - 0.02
      paint(distance, lips)
    }
    return c
  }

  /// Distance to the face outline: an ellipse whose lower half narrows towards the chin.
  private func faceDistance(_ p: Point) -> Float {
    var q = p - centre
    if q.y > 0 { q.x /= max(1 - jawTaper * q.y / faceRadii.y, 0.3) }
    return SignedDistance.ellipse(q, centre: .zero, radii: faceRadii)
  }

  /// Eyes, brows and glasses.
  private func paintEyes(_ p: Point, paint: (Float, Color, Float) -> Void) {
    typealias SD = SignedDistance
    let dark = Color(30, 26, 28) / 255
    // Each pixel is near at most one eye: draw the one on its side.
    do {
      let side: Float = p.x < 0 ? -1 : 1
      let eye = Point(side * eyeOffset, eyeY)
      let sclera = SD.ellipse(p, centre: eye, radii: eyeRadii)
      paint(sclera - 0.01, dark, 1)
      paint(sclera, Color(250, 250, 248) / 255, 1)
      let iris = max(SD.circle(p, centre: eye, radius: eyeRadii.y * 0.95), sclera)
      paint(iris, Color(85, 60, 40) / 255, 1)
      paint(SD.circle(p, centre: eye, radius: eyeRadii.y * 0.45), dark, 1)
      let glint = eye + Point(-0.3, -0.35) * eyeRadii.y
      paint(SD.circle(p, centre: glint, radius: eyeRadii.y * 0.2), Color(1, 1, 1), 1)
      // Brow: stern (positive slope) lowers the inner end.
      let browCentre = Point(side * eyeOffset, eyeY - eyeRadii.y - 0.075)
      let direction = Point(side * browDirection.x, browDirection.y)
      let inner = browCentre - direction * browHalfLength
      let outer = browCentre + direction * browHalfLength
      paint(SD.segment(p, from: inner, to: outer, thickness: 0.022), brow, 1)
      if hasGlasses {
        let lens = SD.circle(p, centre: eye, radius: lensRadius)
        paint(lens, Color(0.85, 0.93, 1), 0.3)
        paint(abs(lens) - 0.014, dark, 1)
        let temple = Point(side * faceRadii.x * 0.98, eyeY + 0.01)
        paint(
          SD.segment(p, from: eye + Point(side * lensRadius, 0), to: temple, thickness: 0.012),
          dark, 1)
      }
    }
    if hasGlasses {
      let bridge = SD.segment(
        p, from: Point(-eyeOffset + lensRadius, eyeY), to: Point(eyeOffset - lensRadius, eyeY),
        thickness: 0.013)
      paint(bridge, dark, 1)
    }
  }

  /// Colour from hue (0…1, wrapping), saturation and value.
  static func hsv(hue: Float, saturation: Float, value: Float) -> Color {
    let h = (hue - hue.rounded(.down)) * 6
    let k = Color(5, 3, 1) + Color(repeating: h)
    let wrapped = Color(
      k.x.truncatingRemainder(dividingBy: 6), k.y.truncatingRemainder(dividingBy: 6),
      k.z.truncatingRemainder(dividingBy: 6))
    let ramp = pointwiseMin(
      pointwiseMin(wrapped, Color(repeating: 4) - wrapped), Color(repeating: 1))
    return Color(repeating: value) - value * saturation * pointwiseMax(ramp, .zero)
  }

  /// Colour at `t` (0…1) along evenly spaced 8-bit `stops`.
  static func ramp(_ stops: [Color], at t: Float) -> Color {
    let position = min(max(t, 0), 1) * Float(stops.count - 1)
    let index = min(Int(position), stops.count - 2)
    let fraction = position - Float(index)
    return (stops[index] + (stops[index + 1] - stops[index]) * fraction) / 255
  }
}
