import NeuralCore
import ReferenceModels
import Testing

/// The panel product (one-face decoding) against the product computed in Double.
@Suite("Products of packed panels")
struct PanelProductTests {
  /// C = Wᵀ·B over the panels `panels` of Wᵀ, W row-major `[k, m]`, B `[k, n]`.
  func product(w: [Float], b: [Float], m: Int, k: Int, n: Int, panels: Range<Int>) -> [Float] {
    var packedW = [Float](
      repeating: .nan, count: PanelProduct.panels(rows: m) * PanelProduct.panelRows * k)
    var packedB = [Float](repeating: .nan, count: k * n)
    var c = [Float](repeating: .nan, count: panels.count * PanelProduct.panelRows * n)
    w.withUnsafeBufferPointer {
      PanelProduct.packTransposed($0.baseAddress!, k: k, m: m, into: &packedW)
    }
    b.withUnsafeBufferPointer {
      PanelProduct.packColumns($0.baseAddress!, k: k, n: n, into: &packedB)
    }
    PanelProduct.multiply(packedW, panels: panels, k: k, packedColumns: packedB, n: n, into: &c)
    return c
  }

  /// C against the product in Double; with m not a multiple of 4, the last panel's padding
  /// rows come out 0.
  @Test(arguments: [
    (4, 1, 16), (8, 3, 32), (48, 32, 1024), (64, 17, 48), (2048, 256, 16), (9, 5, 16),
    (75, 6, 32),
  ])
  func matchesTheProductInDouble(m: Int, k: Int, n: Int) {
    let w = randomValues(k * m, seed: 21)
    let b = randomValues(k * n, seed: 22)
    let panels = PanelProduct.panels(rows: m)
    let c = product(w: w, b: b, m: m, k: k, n: n, panels: 0..<panels)
    var expected = [Double](repeating: 0, count: panels * PanelProduct.panelRows * n)
    for r in 0..<m {
      for j in 0..<n {
        var sum = 0.0
        for i in 0..<k { sum += Double(w[i * m + r]) * Double(b[i * n + j]) }
        expected[r * n + j] = sum
      }
    }
    var worst = 0.0
    for (got, want) in zip(c, expected) { worst = max(worst, abs(Double(got) - want)) }
    #expect(worst < 1e-5 * Double(k))
  }

  /// A range of panels gives those rows of the whole product, starting at C's row 0.
  @Test func aRangeOfPanelsGivesItsRows() {
    let (m, k, n) = (32, 9, 32)
    let w = randomValues(k * m, seed: 23)
    let b = randomValues(k * n, seed: 24)
    let whole = product(w: w, b: b, m: m, k: k, n: n, panels: 0..<8)
    let part = product(w: w, b: b, m: m, k: k, n: n, panels: 3..<6)
    #expect(part == Array(whole[(3 * 4 * n)..<(6 * 4 * n)]))
  }

  @Test func acceptsOnlyWholeColumnBlocks() {
    #expect(PanelProduct.accepts(columns: 16) && PanelProduct.accepts(columns: 1024))
    #expect(!PanelProduct.accepts(columns: 15) && !PanelProduct.accepts(columns: 0))
  }
}
