import LatentBasics

/// The ground truth of one synthetic face: each factor the generator draws, as a named Float.
///
/// Ranges: most factors are in [0, 1]; signed ones (`browAngle`, `mouthCurvature`, `shiftX`,
/// `shiftY`, `tilt`) are in [-1, 1]; `glasses` is 0 or 1. They are what a VAE's latent
/// dimensions can be checked against.
package struct SyntheticFaceFactors: Hashable, Sendable {
  /// Face width: 0 narrow … 1 wide.
  package var faceWidth: Float
  /// Face length: 0 short … 1 long.
  package var faceLength: Float
  /// Outline of the jaw: 0 round … 1 tapered to the chin.
  package var jaw: Float
  /// Skin: 0 light … 1 dark.
  package var skinTone: Float
  /// Hair colour along black (0), brown, auburn, blond, grey (1).
  package var hairColor: Float
  /// Hair: 0 short … 1 to the shoulders.
  package var hairLength: Float
  /// Eyes: 0 small … 1 large.
  package var eyeSize: Float
  /// Distance between the eyes: 0 close … 1 far apart.
  package var eyeSpacing: Float
  /// Brows: −1 worried (inner ends raised) … +1 stern (inner ends lowered).
  package var browAngle: Float
  /// Mouth: −1 frown … 0 straight … +1 smile.
  package var mouthCurvature: Float
  /// Glasses: 0 none, 1 on.
  package var glasses: Float
  /// Background hue around the colour wheel, 0 … 1 (pastel).
  package var backgroundHue: Float
  /// Sideways shift, −1 … 1 (× 8 % of the image's shorter side to the right).
  package var shiftX: Float
  /// Vertical shift, −1 … 1 (× 8 % of the shorter side, down).
  package var shiftY: Float
  /// Head tilt, −1 … 1 (× 12°, clockwise).
  package var tilt: Float

  /// Factor names, in the order of ``values``.
  package static let names = [
    "faceWidth", "faceLength", "jaw", "skinTone", "hairColor", "hairLength", "eyeSize",
    "eyeSpacing", "browAngle", "mouthCurvature", "glasses", "backgroundHue", "shiftX", "shiftY",
    "tilt",
  ]

  /// The factors in the order of ``names``.
  package var values: [Float] {
    [
      faceWidth, faceLength, jaw, skinTone, hairColor, hairLength, eyeSize, eyeSpacing, browAngle,
      mouthCurvature, glasses, backgroundHue, shiftX, shiftY, tilt,
    ]
  }

  /// Factors drawn from `generator`: each uniform over its range, glasses on for 30 % of faces.
  package static func random(using generator: inout SeededGenerator) -> SyntheticFaceFactors {
    SyntheticFaceFactors(
      faceWidth: generator.nextUnit(), faceLength: generator.nextUnit(), jaw: generator.nextUnit(),
      skinTone: generator.nextUnit(), hairColor: generator.nextUnit(),
      hairLength: generator.nextUnit(),
      eyeSize: generator.nextUnit(), eyeSpacing: generator.nextUnit(),
      browAngle: generator.uniform(-1, 1), mouthCurvature: generator.uniform(-1, 1),
      glasses: generator.nextUnit() < 0.3 ? 1 : 0, backgroundHue: generator.nextUnit(),
      shiftX: generator.uniform(-1, 1), shiftY: generator.uniform(-1, 1),
      tilt: generator.uniform(-1, 1))
  }

  /// A plain, centred face: every factor at the middle of its range, no glasses, a slight smile.
  package static let neutral = SyntheticFaceFactors(
    faceWidth: 0.5, faceLength: 0.5, jaw: 0.5, skinTone: 0.3, hairColor: 0.25, hairLength: 0.3,
    eyeSize: 0.5, eyeSpacing: 0.5, browAngle: 0, mouthCurvature: 0.4, glasses: 0,
    backgroundHue: 0.55, shiftX: 0, shiftY: 0, tilt: 0)
}
