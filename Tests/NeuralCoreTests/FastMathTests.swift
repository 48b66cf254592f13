import Foundation
import NeuralCore
import ReferenceModels
import Testing

@Suite("Vectorisable math against libm")
struct FastMathTests {
  private func samples(_ low: Float, _ high: Float, count: Int = 200_001) -> [Float] {
    (0..<count).map { low + (high - low) * Float($0) / Float(count - 1) }
  }

  @Test func exp() {
    var worst: Float = 0
    for x in samples(-87, 88) {
      let expected = Foundation.exp(Double(x))
      worst = max(worst, Float(abs(Double(FastMath.exp(x)) - expected) / expected))
    }
    #expect(worst < 4e-7)
    #expect(FastMath.exp(-1000) < 1e-37)
    #expect(FastMath.exp(1000).isFinite)
  }

  @Test func log() {
    var worst: Float = 0
    for x in samples(1e-30, 10) + samples(1, 2) + [Float.leastNormalMagnitude, 3e38] {
      let expected = Foundation.log(Double(x))
      worst = max(worst, Float(abs(Double(FastMath.log(x)) - expected) / max(1, abs(expected))))
    }
    #expect(worst < 3e-7)
  }
}
