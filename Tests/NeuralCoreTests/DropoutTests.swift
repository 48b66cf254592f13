import NeuralCore
import Testing

@Suite("Dropout: PyTorch's training mask and scale, identity in evaluation")
struct DropoutTests {
  private let shape = Shape(channels: 4, height: 50, width: 50)
  private let batch = 10

  @Test func keepsAboutOneMinusPAndScalesThem() throws {
    let layer = Dropout(probability: 0.3, seed: 7)
    layer.setTraining(true)
    let ones = [Float](repeating: 1, count: batch * shape.count)
    let upstream = (0..<ones.count).map { Float($0 % 7) }
    let pass = try LayerPass(layer, input: ones, shape: shape, batch: batch, upstream: upstream)
    let kept = pass.output.filter { $0 != 0 }
    // 100,000 draws: the kept fraction's standard deviation is about 0.0015.
    #expect(abs(Double(kept.count) / Double(ones.count) - 0.7) < 0.01)
    #expect(kept.allSatisfy { $0 == 1 / Float(0.7) })
    // Backward passes the gradient exactly where forward kept the value, scaled alike.
    for i in ones.indices {
      #expect(pass.inputGradient[i] == pass.output[i] * upstream[i])
    }
  }

  @Test func masksDifferBetweenStepsAndRepeatForTheSameSeedOnAnyThreads() throws {
    let x = [Float](repeating: 1, count: batch * shape.count)
    let g = x
    let one = Dropout(probability: 0.5, seed: 3)
    let two = Dropout(probability: 0.5, seed: 3)
    one.setTraining(true)
    two.setTraining(true)
    let first = try LayerPass(one, input: x, shape: shape, batch: batch, upstream: g)
    let same = try LayerPass(
      two, input: x, shape: shape, batch: batch, upstream: g, threading: Threading(workers: 2))
    #expect(first.output == same.output)
    let second = try LayerPass(one, input: x, shape: shape, batch: batch, upstream: g)
    #expect(second.output != first.output)
  }

  @Test func probabilityOneZeroesEverything() throws {
    let layer = Dropout(probability: 1, seed: 1)
    layer.setTraining(true)
    let pass = try LayerPass(
      layer, input: [1, -2, 3, 4], shape: .vector(4), batch: 1, upstream: [1, 1, 1, 1])
    #expect(pass.output == [0, 0, 0, 0])
    #expect(pass.inputGradient == [0, 0, 0, 0])
  }

  @Test func evaluationHandsItsInputThrough() {
    let layer = Dropout(probability: 0.5, seed: 1)
    var x: [Float] = [1, 2, 3]
    var g: [Float] = [4, 5, 6]
    x.withUnsafeMutableBufferPointer { xp in
      #expect(
        layer.forward(xp.baseAddress!, shape: .vector(3), batch: 1, threading: .single)
          == xp.baseAddress!)
      g.withUnsafeMutableBufferPointer { gp in
        #expect(layer.backward(gp.baseAddress!, needsInputGradient: true) == gp.baseAddress!)
      }
    }
    #expect(layer.description == "Dropout(p=0.5, inplace=False)")
  }
}
