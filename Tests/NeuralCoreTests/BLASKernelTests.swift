import NeuralCore
import Testing

/// Feature sets of CPUs this machine may not be.
enum CPUs {
  /// Intel Xeon family 6 model 207 (Emerald Rapids): AVX-512 with BF16, which OpenBLAS
  /// 0.3.21 does not recognise.
  static let xeonModel207 = avx512(.intel, bf16: true)
  /// Intel Skylake-SP: AVX-512 F/BW/VL/DQ without BF16.
  static let skylakeSP = avx512(.intel, bf16: false)
  /// AMD Zen 4: AVX-512 with BF16.
  static let zen4 = avx512(.amd, bf16: true)
  /// AMD Zen 3: AVX2 and FMA.
  static let zen3 = CPUFeatures(vendor: .amd, sse4_2: true, avx: true, avx2: true, fma: true)
  /// Intel Haswell: AVX2 and FMA.
  static let haswell = CPUFeatures(vendor: .intel, sse4_2: true, avx: true, avx2: true, fma: true)
  /// Intel Sandy Bridge: AVX without AVX2.
  static let sandyBridge = CPUFeatures(vendor: .intel, sse4_2: true, avx: true)
  /// Intel Nehalem: SSE4.2 only.
  static let nehalem = CPUFeatures(vendor: .intel, sse4_2: true)
  /// An early x86-64: SSE2/SSE3 only.
  static let sseOnly = CPUFeatures(vendor: .intel)

  static func avx512(_ vendor: CPUFeatures.Vendor, bf16: Bool) -> CPUFeatures {
    CPUFeatures(
      vendor: vendor, sse4_2: true, avx: true, avx2: true, fma: true, avx512f: true, avx512bw: true,
      avx512vl: true, avx512dq: true, avx512bf16: bf16)
  }
}

@Suite("Which OpenBLAS kernel a CPU's features call for")
struct BLASKernelTests {
  @Test(arguments: [
    (CPUs.xeonModel207, "Cooperlake"), (CPUs.skylakeSP, "SkylakeX"), (CPUs.zen4, "Cooperlake"),
    (CPUs.zen3, "Zen"), (CPUs.haswell, "Haswell"), (CPUs.sandyBridge, "Sandybridge"),
    (CPUs.nehalem, "Nehalem"), (CPUs.sseOnly, "Prescott"),
  ])
  func preferredKernel(features: CPUFeatures, expected: String) {
    #expect(BLASKernel.preferred(for: features) == expected)
  }

  /// AVX-512 without all four of F/BW/VL/DQ (Knights Landing: no BW/VL/DQ) is not SkylakeX.
  @Test func avx512WithoutTheSkylakeXSubsetsIsHaswell() {
    var features = CPUs.skylakeSP
    features.avx512bw = false
    #expect(BLASKernel.preferred(for: features) == "Haswell")
  }

  /// `(features, OpenBLAS's own choice, the kernel latent switches to or nil)`.
  @Test(
    arguments: [
      // The issue: OpenBLAS 0.3.21 falls back to Prescott on model 207.
      (CPUs.xeonModel207, "Prescott", "Cooperlake"),
      (CPUs.xeonModel207, "SkylakeX", "Cooperlake"),
      (CPUs.xeonModel207, "Cooperlake", nil),
      // A newer OpenBLAS knows a stronger kernel: kept.
      (CPUs.xeonModel207, "SapphireRapids", nil),
      (CPUs.skylakeSP, "Haswell", "SkylakeX"),
      (CPUs.skylakeSP, "SkylakeX", nil),
      // This machine: OpenBLAS detects Zen 4 as Cooperlake itself.
      (CPUs.zen4, "Cooperlake", nil),
      (CPUs.zen4, "Zen", "Cooperlake"),
      // Same tier: OpenBLAS's AMD detection stands.
      (CPUs.zen3, "Zen", nil),
      (CPUs.zen3, "Haswell", nil),
      (CPUs.zen3, "Prescott", "Zen"),
      (CPUs.haswell, "Sandybridge", "Haswell"),
      (CPUs.nehalem, "Sandybridge", nil),
      (CPUs.sseOnly, "Prescott", nil),
      // Names latent does not know are never second-guessed.
      (CPUs.xeonModel207, "armv8", nil),
      (CPUs.xeonModel207, "Zen5", nil),
    ] as [(CPUFeatures, String, String?)])
  func replacement(features: CPUFeatures, openBLASChoice: String, expected: String?) {
    #expect(BLASKernel.replacement(for: openBLASChoice, on: features) == expected)
  }

  @Test func tiersRankByCapability() {
    let ranked = ["Prescott", "Nehalem", "Haswell", "SkylakeX", "Cooperlake", "SapphireRapids"]
    for (weaker, stronger) in zip(ranked, ranked.dropFirst()) {
      #expect(BLASKernel.isStronger(stronger, than: weaker), "\(stronger) > \(weaker)")
      #expect(!BLASKernel.isStronger(weaker, than: stronger), "\(weaker) < \(stronger)")
    }
    #expect(BLASKernel.tier(of: "Nehalem") == BLASKernel.tier(of: "Sandybridge"))
    #expect(BLASKernel.tier(of: "ZEN") == BLASKernel.tier(of: "haswell"))
    #expect(BLASKernel.tier(of: "armv8") == nil)
  }

  /// `(features, the kernel that failed, the next one tried)`.
  @Test(
    arguments: [
      (CPUs.xeonModel207, "Cooperlake", "SkylakeX"),
      (CPUs.xeonModel207, "SkylakeX", "Haswell"),
      (CPUs.zen4, "SkylakeX", "Zen"),
      (CPUs.zen4, "Zen", "Sandybridge"),
      (CPUs.haswell, "Haswell", "Sandybridge"),
      (CPUs.haswell, "Nehalem", "Prescott"),
      // A kernel forced beyond the CPU steps down to one the CPU runs.
      (CPUs.haswell, "Cooperlake", "Haswell"),
      (CPUs.sseOnly, "Haswell", "Prescott"),
      (CPUs.haswell, "Prescott", nil),
      (CPUs.haswell, "armv8", nil),
    ] as [(CPUFeatures, String, String?)])
  func saferKernel(features: CPUFeatures, failed: String, expected: String?) {
    #expect(BLASKernel.safer(than: failed, on: features) == expected)
  }

  @Test func kernelsBeyondTheCPUDoNotRun() {
    #expect(!BLASKernel.runs("SkylakeX", on: CPUs.haswell))
    #expect(!BLASKernel.runs("Cooperlake", on: CPUs.skylakeSP))
    #expect(BLASKernel.runs("SkylakeX", on: CPUs.zen4))
    #expect(BLASKernel.runs("Zen", on: CPUs.haswell))
    #expect(BLASKernel.runs("armv8", on: CPUs.sseOnly))
  }
}
