import FaceVAE
import LatentUI
import Testing

/// What a key press can change, to compare presses with each other.
private struct Observed: Hashable {
  var canvas: Canvas
  var effects: [AppEffect]
  var z: [Float]
  var heldAttributes: Set<String>
  var sliderBank: SliderBank
  var selected: Int
  var mode: AppMode
  var showHelp: Bool
  var prompt: Prompt?
  var interpolation: InterpolationState
  var traverseCursor: [Int]
  var browseSelected: Int
  var exportScale: Int
  var message: String?

  init(_ state: AppState, _ effects: [AppEffect] = []) {
    canvas = state.render()
    self.effects = effects
    z = state.z
    heldAttributes = state.heldAttributes
    sliderBank = state.sliderBank
    selected = state.selected
    mode = state.mode
    showHelp = state.showHelp
    prompt = state.prompt
    interpolation = state.interpolation
    traverseCursor = [state.traverse.row, state.traverse.column]
    browseSelected = state.browse.selected
    exportScale = state.exportScale
    message = state.message
  }
}

/// Every key decoded from the terminal, and a sample of characters.
private let allKeys: [Key] =
  [
    .up, .down, .left, .right, .shiftLeft, .shiftRight, .pageUp, .pageDown, .home, .end, .enter,
    .escape, .backspace, .tab, .interrupt,
  ] + (0x20...0x7E).map { .character(Character(Unicode.Scalar(UInt8($0)))) }
  + [.character("é"), .character("σ")]

@Suite("Key table")
struct KeyTableTests {
  /// A state in `context` with every cursor away from its ends, so that each action shows.
  func state(in context: KeyContext) -> AppState {
    let dimensions = 12
    let faces = 40
    let model = ModelSummary(
      name: "keys", latentDimensions: dimensions, imageWidth: 8, imageHeight: 8, channels: 3,
      klPerDimension: (0..<dimensions).map { Float(dimensions - $0) },
      attributes: [.init(name: "smile", direction: [1] + Array(repeating: 0, count: 11))],
      storedCodes: LatentCodes(
        dimensions: dimensions, values: (0..<(faces * dimensions)).map { Float($0 % 7) / 7 }),
      storedLabels: (0..<faces).map { $0 % 3 })
    var state = AppState(model: model, graphicsName: "truecolor", columns: 100, rows: 30)
    state.face = grayFace(90)
    state.z = Array(repeating: 0.5, count: dimensions)
    state.selected = 5
    switch context {
    // Esc in Explore clears the message only.
    case .explore: state.message = "an earlier message"
    case .help: state.showHelp = true
    case .keepQuestion:
      _ = state.update(.weightsPublished(generation: 1, epoch: 1))
      state.prompt = Prompt(purpose: .keepWeights)
    case .interpolate, .prompt:
      _ = state.perform(.openMode(.interpolate), key: .tab)
      state.interpolation.frames = (0..<10).map { grayFace(UInt8($0 * 20)) }
      state.interpolation.position = 4
      if context == .prompt {
        state.prompt = Prompt(purpose: .imageFile(start: false))
        state.prompt?.text = "ab"
      }
    case .traverse:
      _ = state.perform(.openMode(.traverse), key: .tab)
      state.traverse.row = 1
    case .browse:
      _ = state.perform(.openMode(.browse), key: .tab)
      state.browse.selected = 10
    case .map:
      _ = state.perform(.openMode(.map), key: .tab)
    }
    return state
  }

  /// The table's keys of `context` that a wildcard does not stand for.
  func boundKeys(in context: KeyContext) -> [(key: Key, action: KeyAction)] {
    KeyBinding.table.filter { $0.contexts.contains(context) }.flatMap(\.commands).flatMap {
      command in
      command.triggers.compactMap { trigger -> (key: Key, action: KeyAction)? in
        guard case .key(let key) = trigger else { return nil }
        return (key, command.action)
      }
    }
  }

  func wildcards(in context: KeyContext) -> [KeyTrigger] {
    KeyBinding.table.filter { $0.contexts.contains(context) }.flatMap(\.commands)
      .flatMap(\.triggers).filter { $0 == .anyKey || $0 == .anyCharacter }
  }

  @Test(arguments: KeyContext.allCases)
  func noKeyIsBoundTwiceInAContext(_ context: KeyContext) {
    let keys = boundKeys(in: context).map(\.key)
    #expect(Set(keys).count == keys.count, "\(keys.map(\.label))")
    #expect(wildcards(in: context).count <= 1)
  }

  @Test(arguments: KeyContext.allCases)
  func everyKeyInTheTableDoesItsActionAndSomethingVisible(_ context: KeyContext) {
    var presses = boundKeys(in: context)
    for wildcard in wildcards(in: context) {
      let action = KeyBinding.table.flatMap(\.commands).first { $0.triggers.contains(wildcard) }
      // A key the context binds to nothing else.
      let sample: Key = wildcard == .anyCharacter ? .character("x") : .character("j")
      #expect(!presses.contains { $0.key == sample })
      if let action { presses.append((sample, action.action)) }
    }
    for (key, action) in presses {
      let before = state(in: context)
      var pressed = before
      let pressedEffects = pressed.update(.key(key))
      var performed = before
      let performedEffects = performed.perform(action, key: key)
      let pressedResult = Observed(pressed, pressedEffects)
      let sameAsAction = pressedResult == Observed(performed, performedEffects)
      #expect(sameAsAction, "\(key.label) in \(context.title) does not do \(action)")
      // Opening the mode shown changes nothing; every other action shows.
      guard action != .openMode(before.mode) else { continue }
      let changed = pressedResult != Observed(before)
      #expect(changed, "\(key.label) in \(context.title) changed nothing")
    }
  }

  @Test(arguments: KeyContext.allCases)
  func keysOutsideTheTableDoNothing(_ context: KeyContext) {
    let bound = Set(boundKeys(in: context).map(\.key))
    let wild = wildcards(in: context)
    let unbound = allKeys.filter { key in
      !bound.contains(key) && !wild.contains { $0.matches(key) }
    }
    if KeyContext.modes.contains(context) { #expect(!unbound.contains(.escape)) }
    for key in unbound {
      let before = state(in: context)
      var state = before
      let effects = state.update(.key(key))
      let unchanged = Observed(state, effects) == Observed(before)
      #expect(unchanged, "\(key.label) in \(context.title) did something")
    }
  }

  @Test func escapeGoesBackAndNeverQuits() {
    for context in [KeyContext.interpolate, .traverse, .browse] {
      var state = state(in: context)
      #expect(!state.press(.escape).contains(.quit))
      #expect(state.mode == .explore, "Esc in \(context.title)")
    }
    var help = state(in: .help)
    #expect(help.press(.escape).isEmpty && !help.showHelp && help.mode == .explore)
    var prompt = state(in: .prompt)
    #expect(prompt.press(.escape).isEmpty)
    #expect(prompt.prompt == nil && prompt.mode == .interpolate)
    var explore = state(in: .explore)
    #expect(explore.press(.escape).isEmpty && explore.mode == .explore)
  }

  @Test func theHintLineIsTheModesShortList() {
    var state = state(in: .explore)
    let hints = state.render().lines[Layout(state).hintsRow]
    #expect(
      hints.hasPrefix(
        " ↑↓ dim  ←→ ±0.1σ  H/L ±0.5σ  0 reset  R all  r random"
          + "  e export  t train  c cancel"))
    _ = state.perform(.openMode(.browse), key: .tab)
    let browse = state.render().lines[Layout(state).hintsRow]
    #expect(
      browse.hasPrefix(" ↑↓←→ move  PgUp/PgDn page  ⏎ set sliders  a/b ends  e export"))
  }

  @Test(arguments: AppMode.allCases)
  func theOverlayListsTheModesBindingsOnly(_ mode: AppMode) {
    var state = state(in: KeyContext(mode))
    state.showHelp = true
    let text = state.render().text
    for binding in KeyBinding.table where binding.contexts != [.prompt] {
      let shown = binding.contexts.contains(KeyContext(mode)) || binding.contexts.contains(.help)
      #expect(
        text.contains(binding.help) == shown, "\(binding.help) in the \(mode.title) overlay")
    }
    #expect(text.contains("Esc / any other key  close this list"))
  }
}
