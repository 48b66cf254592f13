import FaceVAE
import LatentUI
import Testing

/// A 3-dimensional model with a PCA bank of its stored codes, a hand-made SeFa bank and two
/// attributes with boundaries (`smile`: offset −1, spread 2, 92 % accurate; `age` along z1+z2).
func bankModel() throws -> ModelSummary {
  let codes = LatentCodes(
    dimensions: 3, values: [2, 0, 0, -2, 0, 0, 0, 1, 0, 0, -1, 0, 1, 0, 0.5, -1, 0, -0.5])!
  var sefa = LatentCodes(dimensions: 3)
  sefa.append([0, 0, 1])
  sefa.append([0, 1, 0])
  return ModelSummary(
    name: "banks", latentDimensions: 3, imageWidth: 8, imageHeight: 8, channels: 3,
    attributes: [
      .init(name: "age", direction: [0, 1, 1], spread: 0.5),
      .init(name: "smile", direction: [1, 0, 0], offset: -1, spread: 2, accuracy: 0.92),
    ],
    storedCodes: codes,
    banks: [
      "pca": try DirectionBank.principal(of: codes, count: 3),
      "sefa": DirectionBank(directions: sefa, scales: [0.5, 1], eigenvalues: [12.5, 3]),
    ])
}

/// Types `text` into the prompt and presses Enter.
func type(_ text: String, into state: inout AppState) -> [AppEffect] {
  text.flatMap { state.press(.character($0)) } + state.press(.enter)
}

@Suite("Slider banks: dimensions, PCA, SeFa, attributes")
struct SliderBankTests {
  func state() throws -> AppState {
    AppState(model: try bankModel(), graphicsName: "truecolor", columns: 100, rows: 30)
  }

  @Test func dCyclesTheBanksAndSkipsEmptyOnes() throws {
    var state = try state()
    #expect(state.sliders.map(\.name) == ["z0", "z1", "z2", "age", "smile"])
    _ = state.press(.character("d"))
    #expect(state.sliderBank == .pca && state.sliders.map(\.name) == ["pca0", "pca1", "pca2"])
    _ = state.press(.character("d"))
    #expect(state.sliderBank == .sefa && state.sliders.map(\.name) == ["sefa0", "sefa1"])
    _ = state.press(.character("d"))
    #expect(state.sliders.map(\.name) == ["age", "smile"])
    _ = state.press(.character("d"))
    #expect(state.sliderBank == .dimensions)

    var bare = AppState(
      model: wideModel(dimensions: 3), graphicsName: "truecolor", columns: 100, rows: 30)
    _ = bare.press(.character("d"))
    #expect(bare.sliderBank == .dimensions)
    #expect(bare.message == "sliders: dimensions (none for PCA, SeFa, attributes)")
  }

  @Test func aPCASliderMovesTheCodeAlongItsDirectionInItsSigma() throws {
    var state = try state()
    let pca = state.model.banks["pca"]!
    _ = state.press(.character("d"), .character("L"))
    let expected = pca.directions[0].map { $0 * 0.5 * pca.scales[0] }
    for i in 0..<3 { #expect(abs(state.z[i] - expected[i]) < 1e-5) }
    #expect(abs(state.value(of: state.sliders[0]) - 0.5) < 1e-5)
    // The other directions are orthogonal: their sliders stay at 0.
    #expect(abs(state.value(of: state.sliders[1])) < 1e-5)
  }

  @Test func aSeFaSliderShowsItsEigenvalue() throws {
    var state = try state()
    _ = state.press(.character("d"), .character("d"), .character("L"))
    #expect(state.z == [0, 0, 0.25])
    let text = state.render().lines.joined(separator: "\n")
    #expect(text.contains("λ12.5") && text.contains("λ3.00"))
    #expect(text.contains("SeFa"))
  }

  @Test func anAttributeSliderSetsTheSignedDistanceInItsSpread() throws {
    var state = try state()
    _ = state.press(.character("d"), .character("d"), .character("d"), .down)
    // At z = 0, smile's signed distance is the offset, −1, half its spread.
    #expect(state.value(of: state.sliders[1]) == -0.5)
    _ = state.press(.character("="))
    _ = type("2", into: &state)
    let boundary = state.model.attribute(named: "smile")!.boundary
    #expect(abs(boundary.signedDistance(of: state.z) - 4) < 1e-5)
    #expect(state.render().lines.joined().contains("92%"))
  }

  @Test func holdingAnAttributeKeepsItsValueWhileAnotherMoves() throws {
    var state = try state()
    // Smile's normal, tilted so that it is not orthogonal to age's (z1 + z2).
    state.model.attributes[1].direction = [0.6, 0.8, 0]
    _ = state.press(.character("d"), .character("d"), .character("d"), .character(" "))
    #expect(state.heldAttributes == ["age"])
    #expect(state.render().lines.joined().contains("held"))
    let ageBefore = state.value(of: state.sliders[0])
    _ = state.press(.down, .character("L"), .character("L"))
    #expect(abs(state.value(of: state.sliders[0]) - ageBefore) < 1e-4)
    #expect(state.z != [0, 0, 0])
    // Without the hold, the same move changes age.
    state.heldAttributes = []
    _ = state.press(.character("L"))
    #expect(abs(state.value(of: state.sliders[0]) - ageBefore) > 0.1)
  }

  @Test func onlyAnAttributeCanBeHeld() throws {
    var state = try state()
    _ = state.press(.character(" "))
    #expect(state.heldAttributes.isEmpty && state.message?.hasPrefix("only an attribute") == true)
  }

  @Test func banksComputedForNewWeightsReplaceTheOldOnesOnlyForTheirGeneration() throws {
    var state = try state()
    _ = state.press(.character("d"), .character("d"))
    var banks = state.model.banks
    var sefa = LatentCodes(dimensions: 3)
    sefa.append([1, 0, 0])
    banks["sefa"] = DirectionBank(directions: sefa, scales: [1], eigenvalues: [7])
    _ = state.update(.directionsComputed(generation: 3, banks: banks))
    #expect(state.sliders.count == 2)
    _ = state.update(.weightsPublished(generation: 3, epoch: 1))
    _ = state.update(.directionsComputed(generation: 3, banks: banks))
    #expect(state.sliderBank == .sefa && state.sliders.map(\.name) == ["sefa0"])
    #expect(state.render().lines.joined().contains("λ7.00"))
  }
}
