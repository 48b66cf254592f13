import Foundation
import TestSupport
import Testing

@Suite("latent bench, run as a user would")
struct BenchCommandTests {
  /// The first line names the OpenBLAS kernel and that the user's OPENBLAS_CORETYPE chose it
  /// (a lower-case name is OpenBLAS's to read; it reports its own spelling).
  @Test(arguments: [("Prescott", "Prescott"), ("nehalem", "Nehalem")])
  func reportsTheKernelTheUserSet(setting: String, reported: String) throws {
    let result = try LatentProcess.run(
      ["bench", "--json", "--threads", "1", "--only", "none", "--seconds", "0.1"],
      environment: ["OPENBLAS_CORETYPE": setting])
    #expect(result.status == 0, "\(result.error)")
    let lines = result.output.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    let machine = try #require(lines.first)
    #expect(machine["name"] as? String == "machine")
    #expect(machine["blas_kernel"] as? String == reported)
    #expect(machine["blas_kernel_chosen_by"] as? String == "user")
    #expect((machine["blas"] as? String)?.contains(reported) == true, "\(machine)")
    #expect(lines.dropFirst().first?["name"] as? String == "sgemm512")
  }

  /// `--only` picks drawing measurements by their own names too: `graphics.sixel` reports
  /// the sixel ones and no other (it once matched none, as only `graphics` was looked at).
  @Test func onlyPicksDrawingMeasurementsByName() throws {
    let result = try LatentProcess.run(
      ["bench", "--json", "--threads", "1", "--only", "graphics.sixel", "--seconds", "0.1"])
    #expect(result.status == 0, "\(result.error)")
    let names = result.output.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["name"]
        as? String
    }
    let measured = names.filter { $0 != "machine" && $0 != "sgemm512" }
    #expect(!measured.isEmpty, "\(names)")
    #expect(measured.allSatisfy { $0.hasPrefix("graphics.sixel") }, "\(measured)")
  }

  /// A decode reports the GFLOP/s of its median: 2 × the decoder's multiply–adds for one face.
  /// For the mlp (20 latents → 200 → 20 × 28 pixels) that is 2 × (20·200 + 200·560) = 232,000
  /// FLOPs, counted by hand here; the share of sgemm is that rate over the same run's sgemm.
  @Test func decodeReportsItsFlopRate() throws {
    let result = try LatentProcess.run(
      ["bench", "--json", "--threads", "1", "--only", "mlp.decode", "--seconds", "0.2"])
    #expect(result.status == 0, "\(result.error)")
    let rows = result.output.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    let sgemm = try #require(
      rows.first { $0["name"] as? String == "sgemm512" }?["gflops"] as? Double)
    let decode = try #require(rows.first { $0["name"] as? String == "mlp.decode" })
    let median = try #require(decode["median_ms"] as? Double)
    let gflops = try #require(decode["gflops"] as? Double)
    let share = try #require(decode["share_of_sgemm"] as? Double)
    // The printed values are rounded (the median to 0.0001 ms): a few percent of slack.
    let flops = gflops * 1e9 * median / 1000
    #expect(abs(flops - 232_000) < 0.05 * 232_000, "\(decode)")
    #expect(abs(share - gflops / sgemm) < 0.01 * share + 1e-4, "\(decode), sgemm \(sgemm)")
  }
}
