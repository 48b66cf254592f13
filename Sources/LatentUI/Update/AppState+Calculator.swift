import FaceVAE
import LatentBasics

/// The calculator (`:`), bookmarks (`m`) and direction banks recomputed for new weights.
extension AppState {
  /// Evaluates `text` (``LatentExpression``) and makes the result the current face, or says
  /// at which column and why it cannot.
  mutating func calculate(_ text: String) -> [AppEffect] {
    let code: [Float]
    do {
      code = try LatentExpression(parsing: text).code { name throws(LatentError) in
        try self.code(of: name)
      }
    } catch {
      say("\(text): \(error.description)", .warning)
      return []
    }
    guard code.allSatisfy(\.isFinite) else {
      say("\(text): the result is not finite", .warning)
      return []
    }
    return jump(to: code, from: text)
  }

  /// The code a name in an expression stands for, `[D]`.
  /// - Throws: a ``LatentError`` when the model or the bookmarks lack it, or it is a file.
  func code(of name: LatentExpression.Name) throws(LatentError) -> [Float] {
    let d = model.latentDimensions
    switch name {
    case .attribute(let attributeName):
      guard let attribute = model.attribute(named: attributeName) else {
        let known = model.attributes.map(\.name)
        throw LatentError(
          .usage,
          "no attribute '\(attributeName)'"
            + (known.isEmpty ? " (the model has none)" : " (\(known.joined(separator: ", ")))"))
      }
      return attribute.direction.map { $0 * attribute.spread }
    case .point(.storedFace(let row)):
      guard row < model.storedFaces else {
        throw LatentError(
          .usage, "there is no #\(row): the model stores \(model.storedFaces) faces")
      }
      return model.storedCodes[row]
    case .point(.seed(let seed)):
      return FaceModel.priorCode(dimensions: d, seed: seed, index: 0)
    case .point(.zero):
      return [Float](repeating: 0, count: d)
    case .point(.bookmark(let bookmark)):
      guard let code = bookmarks[bookmark] else {
        let known = bookmarks.keys.sorted().map { "@" + $0 }
        throw LatentError(
          .usage,
          "no bookmark '\(bookmark)'"
            + (known.isEmpty
              ? " (press m to bookmark a face)" : " (\(known.joined(separator: ", ")))"))
      }
      return code
    case .point(.direction(let bank, let index)):
      guard let axis = model.axis(bank: bank, index: index) else {
        let count = model.banks[bank]?.count ?? 0
        throw LatentError(
          .usage,
          count == 0
            ? "no directions '\(bank)' (\(model.banks.keys.sorted().joined(separator: ", ")))"
            : "there is no \(bank):\(index) (\(bank):0 to \(bank):\(count - 1))")
      }
      return axis.direction.map { $0 * axis.scale }
    case .point(.codeFile), .point(.image):
      throw LatentError(
        .usage, "files are not read here (encode one with f in Interpolate, or on the command line)"
      )
    }
  }

  /// Asks to save the current code as bookmark `name`.
  mutating func saveBookmark(named name: String) -> [AppEffect] {
    let trimmed = name.hasPrefix("@") ? String(name.dropFirst()) : name
    guard Bookmarks.isValidName(trimmed) else {
      say("'\(name)' is not a bookmark name (letters, digits, _ and -)", .warning)
      return []
    }
    guard bookmarks[trimmed] == nil else {
      say("there is already a bookmark @\(trimmed): choose another name", .warning)
      return []
    }
    say("saving @\(trimmed)…")
    return [.saveBookmark(name: trimmed, code: z)]
  }

  /// Takes the outcome of a bookmark save.
  mutating func bookmarkSaved(
    _ name: String, _ code: [Float], _ result: Result<String, LatentError>
  )
    -> [AppEffect]
  {
    switch result {
    case .success(let path):
      bookmarks[name] = code
      say("bookmarked @\(name) in \(path)", .good)
    case .failure(let failure):
      say(failure.description, .warning)
    }
    return []
  }

  /// Takes direction banks computed for the weights of `generation` (SeFa changes with the
  /// decoder); the sliders shown are rebuilt, the code stays.
  mutating func directionsComputed(_ generation: Int, _ banks: [String: DirectionBank])
    -> [AppEffect]
  {
    guard generation == weightsGeneration else { return [] }
    model.banks = banks
    let chosen = selected
    let firstShown = scroll
    sliders = model.sliders(of: model.hasSliders(sliderBank) ? sliderBank : .dimensions)
    if !model.hasSliders(sliderBank) { sliderBank = .dimensions }
    select(chosen)
    scroll = min(firstShown, scroll)
    clampScroll()
    if mode == .map { _ = enterMap() }
    return previewEffects()
  }
}
