import Foundation
import NeuralCore
import ReferenceModels
import Testing

@Suite("Adam as torch.optim.Adam")
struct AdamTests {
  /// One step from PyTorch's defaults moves each weight by lr · sign(g),
  /// since m̂ = g and √v̂ = |g| after bias correction.
  @Test func firstStepMovesByTheLearningRate() {
    let p = Parameter(name: "weight", shape: [3])
    p.assign([1, -2, 0.5])
    p.gradient.update(from: [0.5, -4, 1e-3], count: 3)
    var settings = Adam.Settings()
    settings.learningRate = 0.1
    let adam = Adam(parameters: [p], settings: settings)
    adam.update()
    let expected: [Float] = [0.9, -1.9, 0.4]
    for (a, b) in zip(p.values, expected) { #expect(abs(a - b) < 1e-5) }
  }

  /// Two steps worked out by hand: g₁ = 0.5, g₂ = −1, lr = 0.1, from θ = 1.
  /// m₂ = −0.055, v₂ = 0.00124975, m̂ = −0.055/0.19, v̂ = 0.00124975/0.001999,
  /// θ₂ = 0.9 + 0.1 · 0.289474/0.790688 = 0.936610.
  @Test func secondStepMatchesHandComputation() {
    let p = Parameter(name: "w", shape: [1])
    p.assign([1])
    var settings = Adam.Settings()
    settings.learningRate = 0.1
    let adam = Adam(parameters: [p], settings: settings)
    p.gradient[0] = 0.5
    adam.update()
    p.gradient[0] = -1
    adam.update()
    #expect(abs(p.values[0] - 0.936_610) < 2e-6)
  }

  /// With clipping at norm 1, gradients (3, 4) act as (0.6, 0.8): visible from
  /// the second step, whose size depends on the ratio of old to new gradients.
  @Test func clippingRescalesTheGlobalNorm() {
    func twoSteps(clip: Float?, first: [Float]) -> [Float] {
      let p = Parameter(name: "w", shape: [2])
      var settings = Adam.Settings()
      settings.learningRate = 0.1
      settings.clipNorm = clip
      let adam = Adam(parameters: [p], settings: settings)
      p.gradient.update(from: first, count: 2)
      #expect(adam.gradientNorm() == (first[0] * first[0] + first[1] * first[1]).squareRoot())
      adam.update()
      p.gradient.update(from: [0.6, 0.8], count: 2)
      adam.update()
      return p.values
    }
    let clipped = twoSteps(clip: 1, first: [3, 4])
    let alreadySmall = twoSteps(clip: nil, first: [0.6, 0.8])
    let unclipped = twoSteps(clip: nil, first: [3, 4])
    for (a, b) in zip(clipped, alreadySmall) { #expect(abs(a - b) < 1e-6) }
    #expect(abs(clipped[0] - unclipped[0]) > 1e-3)
  }
}
