/// The OpenBLAS kernel products run on, and who chose it.
///
/// How it is chosen (``select(features:userSetting:currentKernel:switchTo:passesSelfCheck:)``,
/// run once when OpenBLAS is loaded, before the first product):
/// 1. OpenBLAS loads as it would without latent and picks a kernel itself (or takes the
///    user's `OPENBLAS_CORETYPE`, which latent leaves alone).
/// 2. Without a user setting, when that kernel is in a lower tier than the CPU's features
///    allow (``BLASKernel/replacement(for:on:)``: OpenBLAS 0.3.21 does not know some newer
///    CPUs and takes Prescott), latent switches to the kernel the features call for.
/// 3. The kernel must run on the CPU's instruction sets and pass ``BLASSelfCheck``; if not,
///    latent steps down to ``BLASKernel/safer(than:on:)`` kernels until one passes.
///
/// Why after loading rather than by setting `OPENBLAS_CORETYPE` before it: only then is
/// OpenBLAS's own choice known, so latent never downgrades a stronger kernel (SapphireRapids
/// in OpenBLAS 0.3.22 and later, or a name it does not know) nor overrides OpenBLAS's
/// detection of AMD CPUs (on a Zen 4, OpenBLAS 0.3.21 takes Cooperlake itself), and the
/// self-check can fall back in the same process. Switching re-runs OpenBLAS's own
/// selection (`gotoblas_dynamic_quit`, then `gotoblas_dynamic_init`, which reads
/// `OPENBLAS_CORETYPE`; measured: Prescott → Cooperlake took sgemm 512³ from 18 to 100
/// GFLOP/s on one thread here), exported by dynamic-architecture builds such as Debian's;
/// where it is missing, the kernel stays OpenBLAS's choice
/// (``Origin/openBLASUnswitched(wanted:)``). Rejected: a second copy of OpenBLAS through
/// `dlmopen` (a second C library namespace and thread pool), and a check in a child process
/// (in the tests, the process is the test runner, not `latent`).
package struct BLASKernelSelection: Sendable, Equatable {
  /// Who chose the kernel.
  package enum Origin: Sendable, Equatable {
    /// OpenBLAS, and no kernel the CPU runs is in a higher tier.
    case openBLAS
    /// OpenBLAS, though latent would take `wanted`: this OpenBLAS did not switch to it
    /// (it cannot switch kernels, or does not know that one).
    case openBLASUnswitched(wanted: String)
    /// latent, since OpenBLAS took the weaker `replacing`.
    case latent(replacing: String)
    /// The user, by `OPENBLAS_CORETYPE=setting`; `passedOver` is the kernel with wider vectors
    /// that latent would take on this CPU without the setting (nil when the user's is as
    /// wide), so that a setting copied from another machine does not halve every product
    /// unseen (Haswell against Cooperlake: sgemm 512³ at 114 against 214 GFLOP/s on a Zen 5).
    case user(setting: String, passedOver: String? = nil)
    /// latent, after the kernels `failed` (the first was the chosen one) failed the self-check.
    case fallback(failed: [String])
  }

  /// The name `openblas_get_corename()` reports, e.g. `Cooperlake`.
  package var kernel: String
  package var origin: Origin

  package init(kernel: String, origin: Origin) {
    self.kernel = kernel
    self.origin = origin
  }

  /// One word for who chose: `openblas`, `latent`, `user` or `fallback`.
  package var chosenBy: String {
    switch origin {
    case .openBLAS, .openBLASUnswitched: "openblas"
    case .latent: "latent"
    case .user: "user"
    case .fallback: "fallback"
    }
  }

  /// The kernel and its origin in words, e.g. `Cooperlake, chosen by latent (OpenBLAS chose Prescott)`.
  package var description: String {
    switch origin {
    case .openBLAS: "\(kernel), chosen by OpenBLAS"
    case .openBLASUnswitched(let wanted):
      "\(kernel), chosen by OpenBLAS (latent could not switch it to \(wanted))"
    case .latent(let replaced): "\(kernel), chosen by latent (OpenBLAS chose \(replaced))"
    case .user(let setting, nil): "\(kernel), from OPENBLAS_CORETYPE=\(setting)"
    case .user(let setting, let better?):
      "\(kernel), from OPENBLAS_CORETYPE=\(setting) (this CPU runs \(better), which latent takes"
        + " when the variable is unset)"
    case .fallback(let failed):
      "\(kernel), latent's fallback after \(failed.joined(separator: ", ")) failed its self-check"
    }
  }

  /// Chooses the kernel, as the type's summary describes; nil when no kernel passes.
  ///
  /// - Parameters:
  ///   - userSetting: `OPENBLAS_CORETYPE` as the user set it, or nil.
  ///   - currentKernel: the kernel OpenBLAS uses now.
  ///   - switchTo: makes OpenBLAS select the kernel of this name; false when it cannot.
  ///   - passesSelfCheck: whether products on the current kernel are right.
  package static func select(
    features: CPUFeatures, userSetting: String?,
    currentKernel: () -> String, switchTo: (String) -> Bool, passesSelfCheck: () -> Bool
  ) -> BLASKernelSelection? {
    var kernel = currentKernel()
    var origin = Origin.openBLAS
    if let userSetting {
      // SkylakeX and Cooperlake share their sgemm kernel: only a narrower one is noted.
      let sameWidth = BLASKernel.tier(of: kernel).map { $0 >= .skylakeX } ?? true
      origin = .user(
        setting: userSetting,
        passedOver: sameWidth ? nil : BLASKernel.replacement(for: kernel, on: features))
    } else if let better = BLASKernel.replacement(for: kernel, on: features) {
      let chosen = kernel
      let switched = switchTo(better)
      kernel = currentKernel()
      origin =
        switched && BLASKernel.isStronger(kernel, than: chosen)
        ? .latent(replacing: chosen) : .openBLASUnswitched(wanted: better)
    }
    var failed: [String] = []
    while !(BLASKernel.runs(kernel, on: features) && passesSelfCheck()) {
      failed.append(kernel)
      guard let safer = BLASKernel.safer(than: kernel, on: features), switchTo(safer) else {
        return nil
      }
      kernel = currentKernel()
      guard !failed.contains(kernel) else { return nil }
    }
    if !failed.isEmpty { origin = .fallback(failed: failed) }
    return BLASKernelSelection(kernel: kernel, origin: origin)
  }
}
