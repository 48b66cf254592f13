import FaceVAE
import ImageIO

/// `G` and `V`: an animated GIF or an MP4 video of the selected slider's sweep (Explore), the
/// interpolation (Interpolate) or the cursor's row (Traverse), at the export scale.
extension AppState {
  /// Starts the GIF of the mode shown: the interpolation's frames go to the exporter at once;
  /// a sweep's frames are decoded first (``acceptAnimation(_:)`` then exports them).
  mutating func exportAnimation(_ format: AnimationExport.Format = .gif) -> [AppEffect] {
    switch mode {
    case .interpolate:
      guard !interpolation.frames.isEmpty, let start = interpolation.start,
        let end = interpolation.end
      else {
        say("no frames to export yet")
        return []
      }
      let animation = AnimationExport(
        name: "interpolation", frames: GIFAnimation.thereAndBack(interpolation.frames),
        scale: exportScale,
        codes: [
          ".a": LatentCodeFile(model: model.name, code: start),
          ".b": LatentCodeFile(model: model.name, code: end),
        ], format: format)
      say("writing the interpolation as \(Self.article(format))…")
      return [.export(.animation(animation))]
    case .explore:
      guard sliders.indices.contains(selected) else { return [] }
      let slider = sliders[selected]
      let codes = AnimationExport.sweepValues.map { (try? code(setting: slider, to: $0)) ?? z }
      return requestAnimation(
        name: "sweep_" + AnimationExport.fileNamePart(slider.name), of: slider.name,
        codes: codes, around: z, format: format)
    case .traverse:
      guard traverse.dimensions.indices.contains(traverse.row),
        traverse.center.count == model.latentDimensions
      else {
        say("no row to export yet")
        return []
      }
      let d = traverse.dimensions[traverse.row]
      let codes = AnimationExport.sweepValues.map { value -> [Float] in
        var code = traverse.center
        code[d] = value
        return code
      }
      return requestAnimation(
        name: "traverse_z\(d)", of: "z\(d)", codes: codes, around: traverse.center,
        format: format)
    case .browse, .map: return []
    }
  }

  /// Asks for the frames of a sweep of `sliderName` (`codes`, one per frame) around `center`,
  /// and keeps what to export once they arrive.
  private mutating func requestAnimation(
    name: String, of sliderName: String, codes: [[Float]], around center: [Float],
    format: AnimationExport.Format
  ) -> [AppEffect] {
    var batch = LatentCodes(dimensions: model.latentDimensions)
    for code in codes { batch.append(code) }
    pendingAnimation = AnimationExport(
      name: name, scale: exportScale, codes: ["": LatentCodeFile(model: model.name, code: center)],
      format: format)
    say("making \(Self.article(format)) of \(sliderName) from −3σ to +3σ and back…")
    return [request(.animation, .codes(batch))]
  }

  /// Exports the pending GIF with its decoded `frames` (there and back).
  mutating func acceptAnimation(_ frames: [Image]) -> [AppEffect] {
    guard var animation = pendingAnimation, !frames.isEmpty else { return [] }
    pendingAnimation = nil
    animation.frames = GIFAnimation.thereAndBack(frames)
    return [.export(.animation(animation))]
  }

  /// `a GIF`, `an MP4 video`.
  static func article(_ format: AnimationExport.Format) -> String {
    format == .gif ? "a GIF" : "an MP4 video"
  }
}
