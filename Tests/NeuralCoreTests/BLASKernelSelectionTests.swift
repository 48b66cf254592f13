import Glibc
import NeuralCore
import Testing

/// A stand-in for a loaded OpenBLAS: which kernel it uses, which names it knows, and
/// which kernels compute wrong products.
final class FakeOpenBLAS {
  /// What it picks by itself (without OPENBLAS_CORETYPE).
  let detected: String
  var current: String
  let known: Set<String>
  let canSwitch: Bool
  let wrongOn: Set<String>
  /// Names asked for, in order.
  var switches: [String] = []
  /// Kernels the self-check ran on, in order.
  var checked: [String] = []

  init(
    detected: String, current: String? = nil, canSwitch: Bool = true, wrongOn: Set<String> = [],
    known: Set<String> = [
      "Prescott", "Nehalem", "Sandybridge", "Haswell", "Zen", "SkylakeX", "Cooperlake",
    ]
  ) {
    self.detected = detected
    self.current = current ?? detected
    self.known = known
    self.canSwitch = canSwitch
    self.wrongOn = wrongOn
  }

  func select(on features: CPUFeatures, userSetting: String? = nil) -> BLASKernelSelection? {
    BLASKernelSelection.select(
      features: features, userSetting: userSetting,
      currentKernel: { self.current },
      switchTo: { name in
        guard self.canSwitch else { return false }
        self.switches.append(name)
        // Like OpenBLAS: an unknown name means detecting the CPU again.
        self.current = self.known.contains(name) ? name : self.detected
        return true
      },
      passesSelfCheck: {
        self.checked.append(self.current)
        return !self.wrongOn.contains(self.current)
      })
  }
}

@Suite("Choosing the OpenBLAS kernel after loading")
struct BLASKernelSelectionTests {
  @Test func aWeakerChoiceOfOpenBLASIsReplaced() {
    let library = FakeOpenBLAS(detected: "Prescott")
    let selection = library.select(on: CPUs.xeonModel207)
    #expect(
      selection == BLASKernelSelection(kernel: "Cooperlake", origin: .latent(replacing: "Prescott"))
    )
    #expect(selection?.chosenBy == "latent")
    #expect(library.checked == ["Cooperlake"])
  }

  @Test func anAsCapableChoiceOfOpenBLASStays() {
    let library = FakeOpenBLAS(detected: "Cooperlake")
    #expect(
      library.select(on: CPUs.zen4) == BLASKernelSelection(kernel: "Cooperlake", origin: .openBLAS))
    #expect(library.switches.isEmpty)
  }

  @Test func theUsersSettingIsRespected() {
    let library = FakeOpenBLAS(detected: "Cooperlake", current: "Prescott")
    let selection = library.select(on: CPUs.xeonModel207, userSetting: "prescott")
    #expect(
      selection
        == BLASKernelSelection(
          kernel: "Prescott", origin: .user(setting: "prescott", passedOver: "Cooperlake")))
    #expect(selection?.chosenBy == "user")
    #expect(selection?.description.contains("this CPU runs Cooperlake") == true)
    #expect(library.switches.isEmpty)
    #expect(library.checked == ["Prescott"])
  }

  /// A user's kernel as capable as the CPU allows is named without a note.
  @Test func theUsersEqualSettingHasNoNote() {
    let library = FakeOpenBLAS(detected: "Cooperlake", current: "SkylakeX")
    let selection = library.select(on: CPUs.zen4, userSetting: "SkylakeX")
    #expect(
      selection == BLASKernelSelection(kernel: "SkylakeX", origin: .user(setting: "SkylakeX")))
    #expect(selection?.description == "SkylakeX, from OPENBLAS_CORETYPE=SkylakeX")
  }

  @Test func aKernelFailingTheSelfCheckFallsBackToASaferOne() {
    let library = FakeOpenBLAS(detected: "Prescott", wrongOn: ["Cooperlake", "SkylakeX"])
    let selection = library.select(on: CPUs.xeonModel207)
    #expect(
      selection
        == BLASKernelSelection(
          kernel: "Haswell", origin: .fallback(failed: ["Cooperlake", "SkylakeX"])))
    #expect(library.switches == ["Cooperlake", "SkylakeX", "Haswell"])
    #expect(library.checked == ["Cooperlake", "SkylakeX", "Haswell"])
  }

  @Test func aUserSettingThatFailsTheSelfCheckFallsBackToo() {
    let library = FakeOpenBLAS(detected: "Zen", current: "Zen", wrongOn: ["Zen"])
    let selection = library.select(on: CPUs.zen3, userSetting: "Zen")
    #expect(
      selection == BLASKernelSelection(kernel: "Sandybridge", origin: .fallback(failed: ["Zen"])))
  }

  /// A forced kernel the CPU cannot run is never run (it would stop the process).
  @Test func aKernelBeyondTheCPUIsNotRun() {
    let library = FakeOpenBLAS(detected: "Haswell", current: "SkylakeX")
    let selection = library.select(on: CPUs.haswell, userSetting: "SkylakeX")
    #expect(
      selection == BLASKernelSelection(kernel: "Haswell", origin: .fallback(failed: ["SkylakeX"])))
    #expect(library.checked == ["Haswell"])
  }

  @Test func noKernelPassingMeansNoSelection() {
    let library = FakeOpenBLAS(
      detected: "Haswell", wrongOn: ["Haswell", "Sandybridge", "Prescott"])
    #expect(library.select(on: CPUs.haswell) == nil)
  }

  @Test func aWrongKernelThatCannotBeSwitchedMeansNoSelection() {
    let library = FakeOpenBLAS(detected: "Haswell", canSwitch: false, wrongOn: ["Haswell"])
    #expect(library.select(on: CPUs.haswell) == nil)
  }

  @Test func anOpenBLASThatCannotSwitchKeepsItsChoice() {
    let library = FakeOpenBLAS(detected: "Prescott", canSwitch: false)
    let selection = library.select(on: CPUs.xeonModel207)
    #expect(
      selection
        == BLASKernelSelection(
          kernel: "Prescott", origin: .openBLASUnswitched(wanted: "Cooperlake")))
    #expect(selection?.chosenBy == "openblas")
  }

  /// An OpenBLAS older than Cooperlake ignores the name and detects the CPU again.
  @Test func anOpenBLASThatDoesNotKnowTheKernelKeepsItsChoice() {
    let library = FakeOpenBLAS(detected: "Haswell", known: ["Prescott", "Sandybridge", "Haswell"])
    let selection = library.select(on: CPUs.xeonModel207)
    #expect(
      selection
        == BLASKernelSelection(kernel: "Haswell", origin: .openBLASUnswitched(wanted: "Cooperlake"))
    )
  }

  /// The library this process loaded runs a kernel as capable as this CPU allows, unless
  /// the user chose one.
  @Test(.enabled(if: getenv("OPENBLAS_CORETYPE") == nil))
  func theLoadedKernelIsAsCapableAsTheCPUAllows() {
    let selection = BLAS.kernel
    let preferred = BLASKernel.preferred(for: .current)
    #expect(
      !BLASKernel.isStronger(preferred, than: selection.kernel),
      "\(selection.description); CPU allows \(preferred)")
    #expect(
      selection.chosenBy == "openblas" || selection.chosenBy == "latent", "\(selection.description)"
    )
  }
}
