import FaceVAE
import NeuralCore
import Testing

@Suite("latent codes: rows of one matrix")
struct LatentCodesTests {
  @Test func rowsReadAndWriteTheirOwnValues() throws {
    var codes = try #require(LatentCodes(dimensions: 3, values: [1, 2, 3, 4, 5, 6]))
    #expect(codes.count == 2)
    #expect(codes[1] == [4, 5, 6])
    #expect(codes[0, 2] == 3)
    codes[0] = [7, 8, 9]
    #expect(codes.values == [7, 8, 9, 4, 5, 6])
    codes.append([0, 0, 1])
    #expect(codes.count == 3 && codes.last == [0, 0, 1])
    #expect(codes.rows(1..<3).values == [4, 5, 6, 0, 0, 1])
    #expect(LatentCodes(codes, rows: [2, 0]).values == [0, 0, 1, 7, 8, 9])
  }

  @Test func shapesThatDoNotFitAreRefused() {
    #expect(LatentCodes(dimensions: 3, values: [1, 2, 3, 4]) == nil)
    #expect(LatentCodes(dimensions: 0, values: []) == nil)
    #expect(LatentCodes(dimensions: 2, rows: [[1, 2], [3]]) == nil)
    #expect(LatentCodes(dimensions: 2, rows: [[1, 2], [3, 4]])?.values == [1, 2, 3, 4])
  }

  @Test func refillKeepsTheCountAsked() {
    var codes = LatentCodes(dimensions: 2, count: 3)
    var next: Float = 0
    codes.refill(count: 2) {
      next += 1
      return next
    }
    #expect(codes.values == [1, 2, 3, 4])
    codes.refill(count: 3) { 0 }
    #expect(codes.count == 3)
  }
}

@Suite("threading as a value", .serialized)
struct ThreadingValueTests {
  /// Two models with their own threading, decoding at the same time on two threads, give
  /// what each gives alone.
  @Test func twoValuesAtOnceGiveTheResultsOfOneAtATime() async throws {
    let config = try VAEConfig.conv(size: 16, channels: 3, latent: 4)
    let codes = try #require(
      LatentCodes(dimensions: 4, values: (0..<32).map { Float($0 % 7) / 3 - 1 }))
    func decode(workers: Int) throws -> [Float] {
      let model = try VariationalAutoencoder(config: config, seed: 5)
      model.threading = Threading(workers: workers)
      var last: [Float] = []
      for _ in 0..<5 { last = model.decode(codes).values }
      return last
    }
    let alone = (one: try decode(workers: 1), two: try decode(workers: 2))
    async let first = decode(workers: 1)
    async let second = decode(workers: 2)
    let together = (one: try await first, two: try await second)
    #expect(together.one == alone.one)
    #expect(together.two == alone.two)
    #expect(zip(alone.one, alone.two).allSatisfy { abs($0 - $1) < 1e-5 })
  }
}
