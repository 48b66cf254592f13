import LatentBasics
import NeuralCore
import ReferenceModels
import Testing

/// Which kernel level a CPU's features call for, and that every level this CPU runs gives
/// the generic level's results.
///
/// The AVX2 and AVX-512 levels sum each value in the same order with fused multiply-adds, so
/// they agree bit for bit; generic x86-64 rounds each product before adding it, so it may
/// differ from them by the rounding of n steps, at most 2nε·Σ|aᵢbᵢ| for a value summing n
/// products (ε = 2⁻²⁴).
@Suite("Kernel levels")
struct KernelLevelTests {
  @Test(arguments: [
    (CPUs.xeonModel207, KernelLevel.avx512), (CPUs.skylakeSP, .avx512), (CPUs.zen4, .avx512),
    (CPUs.zen3, .avx2), (CPUs.haswell, .avx2), (CPUs.sandyBridge, .generic),
    (CPUs.nehalem, .generic), (CPUs.sseOnly, .generic),
  ])
  func bestLevel(features: CPUFeatures, expected: KernelLevel) {
    #expect(KernelLevel.best(for: features) == expected)
  }

  /// AVX-512 F alone (Knights Landing: no BW, DQ, VL) or AVX2 without FMA is not enough.
  @Test func partialInstructionSetsStepDown() {
    var features = CPUs.haswell
    features.avx512f = true
    #expect(KernelLevel.best(for: features) == .avx2)
    features.fma = false
    #expect(KernelLevel.best(for: features) == .generic)
  }

  @Test func settingForcesARunnableLevel() throws {
    #expect(try KernelLevel.chosen(setting: nil, features: CPUs.zen4) == .avx512)
    #expect(try KernelLevel.chosen(setting: "", features: CPUs.zen4) == .avx512)
    #expect(try KernelLevel.chosen(setting: "generic", features: CPUs.zen4) == .generic)
    #expect(try KernelLevel.chosen(setting: "AVX2", features: CPUs.zen4) == .avx2)
    #expect(try KernelLevel.chosen(setting: "avx2", features: CPUs.haswell) == .avx2)
  }

  @Test func settingRefusesUnknownNamesAndMissingInstructions() {
    do {
      _ = try KernelLevel.chosen(setting: "avx512", features: CPUs.haswell)
      Issue.record("avx512 accepted on a CPU without AVX-512")
    } catch {
      #expect(error.kind == .unsupported)
      #expect(error.description.contains("LATENT_KERNEL_LEVEL=avx512"))
    }
    do {
      _ = try KernelLevel.chosen(setting: "sse9", features: CPUs.zen4)
      Issue.record("an unknown level accepted")
    } catch {
      #expect(error.kind == .usage)
    }
  }

  /// The levels this machine runs, beyond generic.
  static let fasterLevels = KernelLevel.allCases.filter { $0 != .generic && $0.runs(on: .current) }

  /// `got` against the generic level's `reference`: equal within 2nε·`magnitude` (Σ|aᵢbᵢ|)
  /// per value, and the fused levels equal to each other (compared by the caller).
  func expectClose(_ got: [Float], _ reference: [Float], magnitudes: [Double], terms: Int) {
    #expect(got.count == reference.count)
    var failures = 0
    for (index, (value, want)) in zip(got, reference).enumerated() {
      let bound = 2 * Double(terms) * 0x1p-24 * magnitudes[index] + 1e-30
      if !(abs(Double(value) - Double(want)) <= bound) { failures += 1 }
    }
    #expect(failures == 0)
  }

  /// Panel products: an odd number of 16-column strips and of panels (AVX-512's 2 × 2 blocks
  /// have tails in both), ranges starting at an odd panel, k from 1 up.
  @Test(arguments: [
    (4, 1, 16, 0..<1), (75, 7, 48, 0..<19), (75, 33, 48, 3..<18), (40, 64, 64, 1..<10),
    (9, 5, 16, 0..<3), (130, 100, 80, 0..<33),
  ])
  func panelProductAgreesAcrossLevels(m: Int, k: Int, n: Int, panels: Range<Int>) {
    let w = randomValues(k * m, seed: 61)
    let b = randomValues(k * n, seed: 62)
    var packedW = [Float](repeating: .nan, count: PanelProduct.panels(rows: m) * 4 * k)
    var packedB = [Float](repeating: .nan, count: k * n)
    PanelProduct.packTransposed(w, k: k, m: m, into: &packedW)
    PanelProduct.packColumns(b, k: k, n: n, into: &packedB)
    func product(_ level: KernelLevel) -> [Float] {
      var c = [Float](repeating: .nan, count: panels.count * 4 * n)
      PanelProduct.multiply(
        packedW, panels: panels, k: k, packedColumns: packedB, n: n, into: &c, level: level)
      return c
    }
    var magnitudes = [Double](repeating: 0, count: panels.count * 4 * n)
    for row in 0..<(panels.count * 4) {
      let r = panels.lowerBound * 4 + row
      for j in 0..<n where r < m {
        for i in 0..<k {
          magnitudes[row * n + j] += abs(Double(w[i * m + r]) * Double(b[i * n + j]))
        }
      }
    }
    let generic = product(.generic)
    #expect(!generic.contains { $0.isNaN })
    let fused = Self.fasterLevels.map(product)
    for c in fused { expectClose(c, generic, magnitudes: magnitudes, terms: k) }
    if fused.count == 2 { #expect(fused[0] == fused[1]) }
  }

  /// Narrow products: 1–9 columns (whole and partial 4-column blocks), 1–3 panels.
  @Test(arguments: [(24, 1, 1), (50, 7, 2), (72, 33, 3), (30, 64, 4), (48, 5, 5), (71, 19, 9)])
  func narrowProductAgreesAcrossLevels(m: Int, k: Int, n: Int) {
    let w = randomValues(k * m, seed: 63)
    let x = randomValues(k * n, seed: 64)
    let panels = NarrowProduct.panels(rows: m)
    var packedW = [Float](repeating: .nan, count: panels * NarrowProduct.panelRows * k)
    var padded = [Float](repeating: .nan, count: k * NarrowProduct.paddedColumns(n))
    NarrowProduct.packTransposed(w, k: k, m: m, into: &packedW)
    NarrowProduct.padColumns(x, k: k, n: n, into: &padded)
    func product(_ level: KernelLevel) -> [Float] {
      var c = [Float](repeating: .nan, count: panels * NarrowProduct.panelRows * n)
      NarrowProduct.multiply(
        packedW, panels: 0..<panels, k: k, paddedColumns: padded, n: n, into: &c, level: level)
      return c
    }
    var magnitudes = [Double](repeating: 0, count: panels * NarrowProduct.panelRows * n)
    for r in 0..<m {
      for j in 0..<n {
        for i in 0..<k { magnitudes[r * n + j] += abs(Double(w[i * m + r]) * Double(x[i * n + j])) }
      }
    }
    let generic = product(.generic)
    #expect(!generic.contains { $0.isNaN })
    let fused = Self.fasterLevels.map(product)
    for c in fused { expectClose(c, generic, magnitudes: magnitudes, terms: k) }
    if fused.count == 2 { #expect(fused[0] == fused[1]) }
  }

  /// Direct convolutions: rows narrower than 16 pixels, between 16 and 32 (a tile for AVX-512
  /// only), not a multiple of either, 1–8 output channels, a band of rows, with and without bias.
  @Test(arguments: [
    (3, 3, 3, 1, 10, 64, 0..<10, true), (5, 1, 3, 0, 9, 11, 2..<5, true),
    (4, 3, 5, 2, 7, 37, 0..<7, false), (6, 8, 1, 0, 4, 20, 1..<4, true),
    (2, 5, 3, 2, 3, 47, 0..<5, true), (7, 2, 2, 1, 6, 33, 3..<7, false),
  ])
  func slidingConvolutionAgreesAcrossLevels(
    inputChannels: Int, outputChannels: Int, kernel: Int, padding: Int, height: Int, width: Int,
    rows: Range<Int>, bias: Bool
  ) {
    let g = ConvolutionGeometry(
      channels: inputChannels, height: height, width: width, kernel: Size2D(kernel),
      stride: Size2D(1), padding: Size2D(padding))
    let image = randomValues(inputChannels * height * width, seed: 65)
    let weight = randomValues(outputChannels * inputChannels * kernel * kernel, seed: 66)
    let biases = bias ? randomValues(outputChannels, seed: 67) : []
    let (oh, ow) = (g.outputHeight, g.outputWidth)
    precondition(rows.upperBound <= oh, "the case's rows lie outside its output")
    func convolution(_ level: KernelLevel) -> [Float] {
      var y = [Float](repeating: 0, count: outputChannels * oh * ow)
      var scratch = [Float](
        repeating: .nan, count: SlidingConvolution.scratchCount(g, rows: rows.count))
      biases.withUnsafeBufferPointer { b in
        SlidingConvolution.forward(
          image, geometry: g, weight: weight, bias: bias ? b.baseAddress : nil,
          outputChannels: outputChannels, rows: rows, scratch: &scratch, into: &y, level: level)
      }
      return y
    }
    var magnitudes = [Double](repeating: 0, count: outputChannels * oh * ow)
    for o in 0..<outputChannels {
      for r in rows {
        for x in 0..<ow {
          var sum = bias ? abs(Double(biases[o])) : 0
          for c in 0..<inputChannels {
            for ki in 0..<kernel {
              for kj in 0..<kernel {
                let (sr, sc) = (r + ki - padding, x + kj - padding)
                guard sr >= 0, sr < height, sc >= 0, sc < width else { continue }
                sum += abs(
                  Double(weight[((o * inputChannels + c) * kernel + ki) * kernel + kj])
                    * Double(image[(c * height + sr) * width + sc]))
              }
            }
          }
          magnitudes[(o * oh + r) * ow + x] = sum
        }
      }
    }
    let generic = convolution(.generic)
    #expect(!generic.contains { $0.isNaN })
    // Rows outside `rows` stay untouched; inside them, values are sums of products.
    let outside = (0..<outputChannels).flatMap { o in
      (0..<oh).filter { !rows.contains($0) }.flatMap { r in (0..<ow).map { (o * oh + r) * ow + $0 }
      }
    }
    #expect(outside.allSatisfy { generic[$0] == 0 })
    let terms = inputChannels * kernel * kernel + 1
    let fused = Self.fasterLevels.map(convolution)
    for y in fused { expectClose(y, generic, magnitudes: magnitudes, terms: terms) }
    if fused.count == 2 { #expect(fused[0] == fused[1]) }
  }
}
