internal import CCPUFeatures

/// The instruction sets of a CPU that decide which OpenBLAS kernel suits it, as CPUID
/// reports them (an AVX or AVX-512 set counts only when the operating system saves its
/// registers).
package struct CPUFeatures: Sendable, Equatable {
  /// Who made the CPU; AMD (and Hygon's Zen) CPUs prefer OpenBLAS's `Zen` kernel to `Haswell`.
  package enum Vendor: Sendable, Equatable {
    case intel, amd, other
  }

  package var vendor: Vendor
  /// The CPU's brand string, e.g. `AMD EPYC 9R14 96-Core Processor`; empty when unknown.
  package var modelName: String
  package var sse4_2: Bool
  package var avx: Bool
  package var avx2: Bool
  package var fma: Bool
  package var avx512f: Bool
  package var avx512bw: Bool
  package var avx512vl: Bool
  package var avx512dq: Bool
  package var avx512bf16: Bool

  package init(
    vendor: Vendor, modelName: String = "", sse4_2: Bool = false, avx: Bool = false,
    avx2: Bool = false, fma: Bool = false, avx512f: Bool = false, avx512bw: Bool = false,
    avx512vl: Bool = false, avx512dq: Bool = false, avx512bf16: Bool = false
  ) {
    self.vendor = vendor
    self.modelName = modelName
    self.sse4_2 = sse4_2
    self.avx = avx
    self.avx2 = avx2
    self.fma = fma
    self.avx512f = avx512f
    self.avx512bw = avx512bw
    self.avx512vl = avx512vl
    self.avx512dq = avx512dq
    self.avx512bf16 = avx512bf16
  }

  /// The four AVX-512 subsets OpenBLAS's SkylakeX kernels use.
  package var hasSkylakeXSubsets: Bool { avx512f && avx512bw && avx512vl && avx512dq }

  /// This machine's CPU, read once.
  package static let current: CPUFeatures = {
    var raw = latent_cpu_features()
    latent_cpu_read_features(&raw)
    let vendor = string(raw.vendor)
    return CPUFeatures(
      vendor: vendor == "GenuineIntel"
        ? .intel : vendor == "AuthenticAMD" || vendor == "HygonGenuine" ? .amd : .other,
      modelName: string(raw.model_name).split(separator: " ").joined(separator: " "),
      sse4_2: raw.sse4_2 != 0, avx: raw.avx != 0, avx2: raw.avx2 != 0, fma: raw.fma != 0,
      avx512f: raw.avx512f != 0, avx512bw: raw.avx512bw != 0, avx512vl: raw.avx512vl != 0,
      avx512dq: raw.avx512dq != 0, avx512bf16: raw.avx512_bf16 != 0)
  }()

  /// A NUL-terminated C character array as a String.
  private static func string<Characters>(_ characters: Characters) -> String {
    withUnsafeBytes(of: characters) { bytes in
      String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
  }
}
