import FaceVAE
import LatentBasics
import NeuralCore
import TestSupport
import Testing

/// PCA and SeFa directions checked against computations written out here: a covariance summed
/// directly, `M·v = λ·v`, orthonormality, and power iteration with deflation (eigenvectors are
/// compared up to sign).
@Suite("direction banks: PCA and SeFa")
struct DirectionBankTests {
  /// `count` codes of `d` values: independent normals scaled per dimension, then mixed by a
  /// fixed rotation-like matrix, so the principal directions are not the axes.
  func anisotropicCodes(count: Int, d: Int, seed: UInt64) -> LatentCodes {
    var generator = SeededGenerator(seed: seed)
    var codes = LatentCodes(dimensions: d)
    for _ in 0..<count {
      let raw = (0..<d).map { generator.normal() * Float(d - $0) }
      var code = [Float](repeating: 0.5, count: d)
      for i in 0..<d {
        for j in 0..<d {
          let mixing = Float((i * 7 + j * 3) % 5 - 2)
          code[i] += raw[j] * mixing
        }
      }
      codes.append(code)
    }
    return codes
  }

  /// `M·v`, `M` `[n, n]`.
  func multiply(_ m: [Double], _ v: [Double]) -> [Double] {
    let n = v.count
    return (0..<n).map { i in (0..<n).reduce(0.0) { $0 + m[i * n + $1] * v[$1] } }
  }

  func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

  /// The top `k` eigenpairs of the symmetric positive semi-definite `m` by power iteration,
  /// deflating each found pair.
  func powerIteration(_ m: [Double], n: Int, k: Int) -> [(value: Double, vector: [Double])] {
    var matrix = m
    var pairs: [(value: Double, vector: [Double])] = []
    for pair in 0..<k {
      var v = (0..<n).map { Double(($0 * 31 + pair * 17) % 11) - 4.5 }
      for _ in 0..<5000 {
        let next = multiply(matrix, v)
        let length = dot(next, next).squareRoot()
        v = next.map { $0 / length }
      }
      let value = dot(v, multiply(matrix, v))
      pairs.append((value, v))
      for i in 0..<n { for j in 0..<n { matrix[i * n + j] -= value * v[i] * v[j] } }
    }
    return pairs
  }

  /// Checks that the bank's rows are orthonormal eigenvectors of `m` with its eigenvalues,
  /// largest first, and agree with power iteration up to sign.
  func expectEigenvectors(
    _ bank: DirectionBank, of m: [Double], n: Int, tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let eigenvalues = try #require(bank.eigenvalues)
    let rows = bank.directions.map { $0.map(Double.init) }
    for (k, row) in rows.enumerated() {
      let product = multiply(m, row)
      let lambda = Double(eigenvalues[k])
      let residual = zip(product, row).map { $0 - lambda * $1 }
      #expect(
        dot(residual, residual).squareRoot() <= tolerance * max(1, lambda),
        sourceLocation: sourceLocation)
      for (l, other) in rows.enumerated() {
        #expect(abs(dot(row, other) - (k == l ? 1 : 0)) < 1e-5, sourceLocation: sourceLocation)
      }
      if k > 0 { #expect(eigenvalues[k] <= eigenvalues[k - 1], sourceLocation: sourceLocation) }
    }
    for (k, pair) in powerIteration(m, n: n, k: 3).enumerated() {
      #expect(
        abs(pair.value - Double(eigenvalues[k])) <= 1e-4 * pair.value,
        sourceLocation: sourceLocation)
      #expect(abs(abs(dot(pair.vector, rows[k])) - 1) < 1e-4, sourceLocation: sourceLocation)
    }
  }

  @Test func principalDirectionsAreTheCovariancesEigenvectors() throws {
    let d = 6
    let codes = anisotropicCodes(count: 400, d: d, seed: 3)
    let bank = try DirectionBank.principal(of: codes, count: d)
    // The covariance, summed directly from the definition.
    var mean = [Double](repeating: 0, count: d)
    for code in codes { for j in 0..<d { mean[j] += Double(code[j]) / Double(codes.count) } }
    var covariance = [Double](repeating: 0, count: d * d)
    for code in codes {
      for i in 0..<d {
        for j in 0..<d {
          covariance[i * d + j] +=
            (Double(code[i]) - mean[i]) * (Double(code[j]) - mean[j])
            / Double(codes.count - 1)
        }
      }
    }
    try expectEigenvectors(bank, of: covariance, n: d, tolerance: 1e-4)
    // Each scale is the codes' standard deviation along its direction.
    for k in 0..<d {
      let row = bank.directions[k].map(Double.init)
      let projections = codes.map { code in dot(code.map(Double.init), row) }
      let centre = projections.reduce(0, +) / Double(codes.count)
      let variance =
        projections.reduce(0) { $0 + ($1 - centre) * ($1 - centre) } / Double(codes.count - 1)
      #expect(
        abs(Double(bank.scales[k]) - variance.squareRoot()) <= 1e-4 * max(1, variance.squareRoot()))
    }
  }

  @Test func sefaDirectionsAreEigenvectorsOfTheNormalisedWeight() throws {
    let d = 5
    let outputs = 40
    var generator = SeededGenerator(seed: 9)
    // PyTorch's layout, [out, D]; rows of very different lengths, which the normalisation evens.
    var weight: [Float] = []
    for index in 0..<(outputs * d) {
      let rowLength = Float(1 + (index / d) % 7)
      let shared: Float = index % d == 1 ? 0.8 : 0
      weight.append(generator.normal() * rowLength + shared)
    }
    let codes = anisotropicCodes(count: 50, d: d, seed: 1)
    let bank = try DirectionBank.semanticFactorization(
      weight: weight, latentDimensions: d, count: d, codes: codes)
    // A = weightᵀ ([D, out]) with unit columns; M = A·Aᵀ.
    var a = [Double](repeating: 0, count: d * outputs)
    for o in 0..<outputs {
      let column = (0..<d).map { Double(weight[o * d + $0]) }
      let length = dot(column, column).squareRoot()
      for i in 0..<d { a[i * outputs + o] = column[i] / length }
    }
    var m = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
      for j in 0..<d {
        m[i * d + j] = (0..<outputs).reduce(0.0) { $0 + a[i * outputs + $1] * a[j * outputs + $1] }
      }
    }
    try expectEigenvectors(bank, of: m, n: d, tolerance: 1e-4)
    // The eigenvalues of A·Aᵀ sum to its trace, the number of unit columns.
    #expect(abs(bank.eigenvalues!.reduce(0, +) - Float(outputs)) < 1e-3)
    #expect(bank.scales[0] == DirectionBank.spread(of: codes, along: bank.directions[0]))
  }

  @Test func sefaNeedsADecoderStartingWithLinear() throws {
    let linear = try TinyModel.untrained(
      try VAEConfig.mlp(width: 4, height: 4, hidden: 8, latent: 3), seed: 1)
    let bank = try linear.computeDirections(.sefa, count: 2)
    #expect(bank.count == 2 && bank.scales == [1, 1])  // no stored codes: the prior's σ
    let convolutional = VAEConfig(
      name: "deconv", channels: 1, height: 4, width: 4, latentDimensions: 3,
      encoder: [.flatten, .linear(inFeatures: 16, outFeatures: 8)],
      decoder: [
        .unflatten(Shape(channels: 3, height: 1, width: 1)),
        .convTranspose2d(inChannels: 3, outChannels: 1, kernel: 4),
      ])
    let model = try TinyModel.untrained(convolutional, seed: 1)
    #expect {
      try model.computeDirections(.sefa, count: 2)
    } throws: { error in
      let problem = (error as? LatentError)?.problem ?? ""
      return problem.contains("first layer is Linear") && problem.contains("--method pca")
    }
    #expect(throws: LatentError.self) { try model.computeDirections(.pca, count: 2) }
  }

  @Test func jacobiSolvesAKnownMatrix() {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2 (up to sign).
    let eigen = SymmetricEigen(symmetric: [2, 1, 1, 2], size: 2)
    #expect(abs(eigen.values[0] - 3) < 1e-12 && abs(eigen.values[1] - 1) < 1e-12)
    #expect(abs(abs(eigen.vector(0)[0]) - 0.5.squareRoot()) < 1e-12)
    #expect(abs(eigen.vector(1)[0] + eigen.vector(1)[1]) < 1e-12)
  }
}
