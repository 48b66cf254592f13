import Foundation
import TestSupport
import Testing

@Suite("Training steps allocate nothing")
struct AllocationTests {
  /// Builds tools/alloc-count into `folder` with the system C compiler; returns the library's path.
  func counterLibrary(in folder: TemporaryFolder) throws -> String {
    let source = LatentBinary.packageRoot.appendingPathComponent("tools/alloc-count/alloccount.c")
      .path
    let library = folder.file("alloccount.so")
    try ExternalTool.run("cc", ["-shared", "-fPIC", "-O2", "-o", library, source], package: "gcc")
    return library
  }

  /// With every malloc counted (LD_PRELOAD), the steps after the first of
  /// conv64, mlp, vanilla64 (BatchNorm, own heads, input and output mapping) and conv128 training
  /// make no heap allocation at all.
  @Test func conv64AndMLPStepsAfterTheFirst() throws {
    let folder = try TemporaryFolder()
    let library = try counterLibrary(in: folder)
    let result = try LatentProcess.run(
      [
        "bench", "--only", "train", "--allocations", "--threads", "1", "--seconds", "0.3", "--json",
      ],
      environment: ["LD_PRELOAD": library])
    #expect(result.status == 0, "\(result.error)")
    let lines = result.output.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    let training = lines.filter { ($0["name"] as? String)?.hasSuffix(".train") == true }
    #expect(
      Set(training.compactMap { $0["name"] as? String })
        == ["conv64.train", "mlp.train", "vanilla64.train", "conv128.train"])
    for line in training {
      #expect(line["allocations_per_step"] as? Double == 0, "\(line)")
    }
  }
}
