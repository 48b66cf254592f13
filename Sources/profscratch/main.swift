import NeuralCore
import Glibc
func cpuTime(_ body: () -> Void) -> Double { var a = timespec(); var b = timespec(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a); body(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b); return Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) / 1e9 }
import FaceVAE
BLAS.threads = Int(CommandLine.arguments.dropFirst().first ?? "1") ?? 1
BatchChunks.cacheValues = Int(CommandLine.arguments[2])!
BatchChunks.minimumColumns = Int(CommandLine.arguments[3])!
let config = try VAEConfig.conv(size: 64, channels: 3, latent: 32)
let model = try VariationalAutoencoder(config: config, seed: 1)
let batch = 64
var g = SeededGenerator(seed: 1)
@MainActor func timeLayers(_ seq: Sequential, _ input: UnsafeMutablePointer<Float>, label: String, round: Int) -> UnsafeMutablePointer<Float> {
  var x = input
  var shape = seq.inputShape
  var outs: [UnsafeMutablePointer<Float>] = []
  for (i, layer) in seq.layers.enumerated() {
    var y = x
    let t = cpuTime { y = layer.forward(x, shape: shape, batch: batch) }
    if round == 3 { print(label, i, "fwd", String(format: "%.2f ms", t*1000), layer.description) }
    x = y; shape = seq.shapes[i]; outs.append(y)
  }
  var dy = FloatBuffer(capacity: batch * shape.count)
  for i in 0..<(batch*shape.count) { dy.pointer[i] = g.uniform(-1,1) }
  var grad = dy.pointer
  for i in seq.layers.indices.reversed() {
    var r: UnsafeMutablePointer<Float>? = nil
    let t = cpuTime { r = seq.layers[i].backward(grad, needsInputGradient: i > 0) }
    if round == 3 { print(label, i, "bwd", String(format: "%.2f ms", t*1000), seq.layers[i].description) }
    if let r { grad = r }
  }
  return x
}
let imgs = FloatBuffer(capacity: batch * 12288)
for i in 0..<(batch*12288) { imgs.pointer[i] = g.nextUnit() }
var totals = [String: Double]()
for round in 0..<4 {
  if round == 1 { print("----") }
  _ = timeLayers(model.encoder, imgs.pointer, label: "enc", round: round)
  let z = FloatBuffer(capacity: batch * 32)
  for i in 0..<(batch*32) { z.pointer[i] = g.normal() }
  _ = timeLayers(model.decoder, z.pointer, label: "dec", round: round)
}
