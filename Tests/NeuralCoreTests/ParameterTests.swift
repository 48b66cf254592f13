import NeuralCore
import Testing

@Suite("Parameter values")
struct ParameterTests {
  /// `assign` copies contiguous storage in one piece and other collections element by
  /// element: an array, a slice that starts past index 0, a repeated value and a lazy map all
  /// land in order, a zero-size tensor takes an empty array, and each write moves `version`
  /// on (layers rebuild derived copies by it).
  @Test func assignTakesEveryKindOfCollection() {
    let p = Parameter(name: "weight", shape: [2, 3])
    let start = p.version
    p.assign([1, 2, 3, 4, 5, 6] as [Float])
    #expect(p.values == [1, 2, 3, 4, 5, 6])
    let longer: [Float] = [9, 8, 7, 6, 5, 4, 3, 2]
    p.assign(longer[2..<8])
    #expect(p.values == [7, 6, 5, 4, 3, 2])
    p.assign(repeatElement(0.5, count: 6))
    #expect(p.values == [Float](repeating: 0.5, count: 6))
    p.assign((0..<6).lazy.map { Float($0) * -1 })
    #expect(p.values == [0, -1, -2, -3, -4, -5])
    #expect(p.version == start + 4)
    let empty = Parameter(name: "empty", shape: [0])
    empty.assign([Float]())
    #expect(empty.values.isEmpty)
  }
}
