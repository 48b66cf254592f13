import NeuralCore
import Glibc
typealias F = @convention(c) () -> UInt
let count = unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "latent_allocation_count")!, to: F.self)
BLAS.threads = 1
let big = FloatBuffer(capacity: 1 << 20)
let b2 = FloatBuffer(capacity: 1 << 20)
let c = FloatBuffer(capacity: 1 << 20)

for (m, n, k) in [(100, 20, 200), (64, 32, 4096), (100, 20, 560), (50, 20, 200), (100, 40, 200), (100, 16, 200), (100, 20, 100)] {
  for beta: Float in [0, 1] {
    let before = count()
    for _ in 0..<10 { BLAS.gemm(m: m, n: n, k: k, big.pointer, b2.pointer, beta: beta, c.pointer) }
    print("NN", m, n, k, "beta", beta, count() - before)
  }
}
