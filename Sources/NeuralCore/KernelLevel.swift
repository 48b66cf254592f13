internal import CKernels
import Glibc
import LatentBasics

/// The instruction-set level that latent's own kernels (the C target CKernels: the one-face
/// decode products, the direct convolution, im2col/col2im and the elementwise loops) run at. Every kernel is compiled for each
/// level; one is chosen once per process, from CPUID or `LATENT_KERNEL_LEVEL`.
package enum KernelLevel: String, CaseIterable, Sendable {
  /// Any x86-64 CPU: SSE2, no FMA.
  case generic
  /// AVX2 and FMA (x86-64-v3: Intel since Haswell, AMD since Excavator).
  case avx2
  /// AVX-512 F, BW, DQ and VL (x86-64-v4: Intel since Skylake-SP, AMD since Zen 4), in 512-bit
  /// registers.
  case avx512

  /// The environment variable that forces a level: `generic`, `avx2` or `avx512`.
  package static let environmentVariable = "LATENT_KERNEL_LEVEL"

  /// Whether a CPU with `features` runs this level's instructions.
  package func runs(on features: CPUFeatures) -> Bool {
    switch self {
    case .generic: true
    case .avx2: features.avx2 && features.fma
    case .avx512: features.hasSkylakeXSubsets && features.avx2 && features.fma
    }
  }

  /// The most capable level a CPU with `features` runs.
  package static func best(for features: CPUFeatures) -> KernelLevel {
    allCases.last { $0.runs(on: features) } ?? .generic
  }

  /// The level for a CPU with `features`: the one `setting` (the environment variable's value,
  /// nil when unset) names, else the best one.
  /// - Throws: a ``LatentError`` of kind `usage` for an unknown name, of kind `unsupported`
  ///   for a level the CPU cannot run.
  package static func chosen(setting: String?, features: CPUFeatures) throws(LatentError)
    -> KernelLevel
  {
    guard let setting, !setting.isEmpty else { return best(for: features) }
    guard let level = KernelLevel(rawValue: setting.lowercased()) else {
      throw LatentError(
        .usage,
        "\(environmentVariable)=\(setting) is not a kernel level (generic, avx2 or avx512)")
    }
    guard level.runs(on: features) else {
      throw LatentError(
        .unsupported,
        "\(environmentVariable)=\(setting) needs instructions this CPU lacks (best here: "
          + "\(best(for: features).rawValue))")
    }
    return level
  }

  /// The environment's setting, nil when unset.
  private static var setting: String? {
    getenv(environmentVariable).map { String(cString: $0) }
  }

  /// The level of this process, chosen on first use: the environment's when it names one
  /// this CPU runs, else the best (``checkSetting()`` reports a setting that is not used).
  package static let current: KernelLevel =
    (try? chosen(setting: setting, features: .current)) ?? best(for: .current)

  /// Checks `LATENT_KERNEL_LEVEL`, for commands to stop on a setting ``current`` ignores.
  package static func checkSetting() throws(LatentError) {
    _ = try chosen(setting: setting, features: .current)
  }

  /// The level as CKernels takes it.
  var c: latent_kernel_level {
    switch self {
    case .generic: LATENT_KERNEL_GENERIC
    case .avx2: LATENT_KERNEL_AVX2
    case .avx512: LATENT_KERNEL_AVX512
    }
  }
}
