/// OpenBLAS's CPU kernels by the names `OPENBLAS_CORETYPE` takes and `openblas_get_corename()`
/// reports, ranked by capability, and which one a CPU's features call for.
///
/// The policy is pure (features and names in, a name out), so it is tested on feature sets
/// of CPUs this machine is not; ``BLASKernelSelection`` applies it to the loaded library.
package enum BLASKernel {
  /// Capability tiers, weakest first; kernels in one tier use the same instruction sets.
  package enum Tier: Int, Comparable, Sendable {
    /// SSE2/SSE3: Prescott, Core2, Penryn, Atom, Opteron, Barcelona, ….
    case prescott
    /// SSE4.2 and AVX: Nehalem, Sandybridge, and AMD's Bulldozer family.
    case sandybridge
    /// AVX2 and FMA: Haswell, Zen.
    case haswell
    /// AVX-512 F/BW/VL/DQ.
    case skylakeX
    /// AVX-512 with BF16.
    case cooperlake
    /// AVX-512 FP16 and AMX (OpenBLAS 0.3.22 and later).
    case sapphireRapids

    package static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// The tier of an OpenBLAS core name (any case); nil for names latent does not know
  /// (other architectures, kernels newer than this table), which it never second-guesses.
  package static func tier(of coreName: String) -> Tier? {
    switch coreName.lowercased() {
    case "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2", "penryn",
      "dunnington", "athlon", "opteron", "opteron_sse3", "barcelona", "nano", "bobcat":
      .prescott
    case "nehalem", "sandybridge", "bulldozer", "piledriver", "steamroller", "excavator":
      .sandybridge
    case "haswell", "zen": .haswell
    case "skylakex": .skylakeX
    case "cooperlake": .cooperlake
    case "sapphirerapids": .sapphireRapids
    default: nil
    }
  }

  /// The most capable kernel that OpenBLAS 0.3.21 has for `features`, decided from
  /// instruction sets, never from model numbers: AVX-512 F/BW/VL/DQ → SkylakeX, with BF16
  /// → Cooperlake; AVX2 + FMA → Haswell (Zen on AMD: the same instructions, blocked for
  /// AMD's caches); AVX → Sandybridge; SSE4.2 → Nehalem; else Prescott.
  package static func preferred(for features: CPUFeatures) -> String {
    if features.hasSkylakeXSubsets { return features.avx512bf16 ? "Cooperlake" : "SkylakeX" }
    if features.avx2 && features.fma { return features.vendor == .amd ? "Zen" : "Haswell" }
    if features.avx { return "Sandybridge" }
    return features.sse4_2 ? "Nehalem" : "Prescott"
  }

  /// The kernel to switch to when OpenBLAS, left to itself, chose `openBLASChoice`: the
  /// ``preferred(for:)`` one when OpenBLAS's is in a lower tier, else nil. A choice in the
  /// same or a higher tier (Zen for Haswell on AMD, SapphireRapids in a newer OpenBLAS) or
  /// with an unknown name stays.
  package static func replacement(for openBLASChoice: String, on features: CPUFeatures) -> String? {
    let best = preferred(for: features)
    return isStronger(best, than: openBLASChoice) ? best : nil
  }

  /// Whether both names are known and `coreName` is in a higher tier than `other`.
  package static func isStronger(_ coreName: String, than other: String) -> Bool {
    guard let strength = tier(of: coreName), let otherStrength = tier(of: other) else {
      return false
    }
    return strength > otherStrength
  }

  /// Whether `features` include every instruction set of `coreName`'s tier (a kernel
  /// beyond them would stop the process with an illegal instruction). Unknown names count
  /// as runnable: latent cannot judge them.
  package static func runs(_ coreName: String, on features: CPUFeatures) -> Bool {
    guard let needed = tier(of: coreName), let available = tier(of: preferred(for: features)) else {
      return true
    }
    return needed <= available
  }

  /// The next safer kernel after `coreName` failed: the strongest of Cooperlake, SkylakeX,
  /// Haswell (Zen on AMD), Sandybridge, Prescott that is in a lower tier and runs on
  /// `features`; nil below Prescott and for unknown names.
  package static func safer(than coreName: String, on features: CPUFeatures) -> String? {
    guard let failed = tier(of: coreName) else { return nil }
    let ladder = [
      "Cooperlake", "SkylakeX", features.vendor == .amd ? "Zen" : "Haswell", "Sandybridge",
      "Prescott",
    ]
    return ladder.first { candidate in
      tier(of: candidate).map { $0 < failed } == true && runs(candidate, on: features)
    }
  }
}
