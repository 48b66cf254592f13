internal import COpenBLAS
import Glibc
import LatentBasics

/// The OpenBLAS entry points NeuralCore calls, looked up in `libopenblas.so.0` on first use.
///
/// Linking OpenBLAS would start its thread pool when the process loads (a few milliseconds
/// before `main`, and threads that spin on the second core), even for commands that never
/// multiply. Loading it here, once, on the first product, keeps that cost where it is used.
/// Before that product runs, the CPU kernel is chosen and checked (``BLASKernelSelection``).
struct OpenBLASLibrary: @unchecked Sendable {
  let sgemm: latent_sgemm_function
  let sgemv: latent_sgemv_function
  let setThreads: latent_set_threads_function
  let getThreads: latent_get_threads_function
  let getConfig: latent_get_string_function
  let getCoreName: latent_get_string_function
  /// The kernel products run on, and who chose it.
  private(set) var kernel = BLASKernelSelection(kernel: "?", origin: .openBLAS)

  /// The library of this process or why it cannot be used, loaded by the first caller
  /// (thread-safe: a global `let`).
  static let loaded = Result { () throws(LatentError) in try OpenBLASLibrary.load() }

  /// The library of this process. Callers that may run without OpenBLAS call
  /// ``BLAS/requireLibrary()`` first: reaching a product without it is a programming error.
  static var shared: OpenBLASLibrary {
    switch loaded {
    case .success(let library): library
    case .failure(let error):
      preconditionFailure("BLAS used without BLAS.requireLibrary(): \(error)")
    }
  }

  /// Shared-object names tried in order: Debian's runtime name, then the development link.
  private static let fileNames = ["libopenblas.so.0", "libopenblas.so"]

  /// The environment variable by which OpenBLAS takes a kernel name.
  private static let kernelVariable = "OPENBLAS_CORETYPE"

  /// Opens OpenBLAS, resolves every entry point and selects the kernel.
  /// - Throws: a ``LatentError`` of kind `unsupported` for a missing library or symbol, or
  ///   when no kernel computes right.
  private static func load() throws(LatentError) -> OpenBLASLibrary {
    var handle: UnsafeMutableRawPointer?
    for name in fileNames where handle == nil {
      handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)
    }
    guard let handle else {
      throw LatentError(
        .unsupported,
        "cannot load OpenBLAS (\(fileNames[0])): \(lastError()); install libopenblas0 (make deps)")
    }
    func symbol<Function>(_ name: String, as type: Function.Type) throws(LatentError) -> Function {
      guard let address = dlsym(handle, name) else {
        throw LatentError(.unsupported, "OpenBLAS has no \(name): \(lastError())")
      }
      return unsafeBitCast(address, to: type)
    }
    var library = OpenBLASLibrary(
      sgemm: try symbol("cblas_sgemm", as: latent_sgemm_function.self),
      sgemv: try symbol("cblas_sgemv", as: latent_sgemv_function.self),
      setThreads: try symbol("openblas_set_num_threads", as: latent_set_threads_function.self),
      getThreads: try symbol("openblas_get_num_threads", as: latent_get_threads_function.self),
      getConfig: try symbol("openblas_get_config", as: latent_get_string_function.self),
      getCoreName: try symbol("openblas_get_corename", as: latent_get_string_function.self))
    // OpenBLAS's own kernel selection, in dynamic-architecture builds (Debian's) only.
    typealias Selection = @convention(c) () -> Void
    let selectKernel = dlsym(handle, "gotoblas_dynamic_init").map {
      unsafeBitCast($0, to: Selection.self)
    }
    let forgetKernel = dlsym(handle, "gotoblas_dynamic_quit").map {
      unsafeBitCast($0, to: Selection.self)
    }
    let userSetting = getenv(kernelVariable).map { String(cString: $0) }
    let selection = BLASKernelSelection.select(
      features: .current, userSetting: userSetting,
      currentKernel: { library.coreName },
      switchTo: { name in
        guard let selectKernel, let forgetKernel else { return false }
        // OpenBLAS reads the name from the environment; the user's setting (or none) is
        // restored right after, so child processes see the environment as it was. (setenv
        // races getenv on other threads; this runs only when a switch is needed, once.)
        setenv(kernelVariable, name, 1)
        forgetKernel()
        selectKernel()
        if let userSetting {
          setenv(kernelVariable, userSetting, 1)
        } else {
          unsetenv(kernelVariable)
        }
        return true
      },
      passesSelfCheck: { BLASSelfCheck.passes(library.product) })
    guard let selection else {
      let kernel = library.coreName
      let hint =
        BLASKernel.safer(than: kernel, on: .current).map { "set \(kernelVariable)=\($0) or " } ?? ""
      throw LatentError(
        .unsupported,
        "OpenBLAS's \(kernel) kernel computes wrong products on this CPU (latent's self-check) and latent"
          + " could not switch to a safer kernel that passes; \(hint)install another OpenBLAS build"
      )
    }
    library.kernel = selection
    // OpenBLAS starts with a thread per core, and after each product they share its idle
    // threads spin in sched_yield for about 0.1 s, on the cores latent's own workers need
    // (the explorer used a whole core while keys were pressed; encoding 540 faces took 0.72 s
    // instead of 0.64). Products run on the calling thread until work claims more
    // (``Threading/claimOpenBLAS()``).
    library.setThreads(1)
    return library
  }

  /// The name of the kernel OpenBLAS uses now, e.g. `Haswell`.
  var coreName: String { getCoreName().map { String(cString: $0) } ?? "?" }

  /// ``sgemm`` in the form ``BLASSelfCheck`` calls it.
  private var product: BLASSelfCheck.Product {
    { transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
      sgemm(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c,
        blasint(ldc))
    }
  }

  private static func lastError() -> String {
    dlerror().map { String(cString: $0) } ?? "unknown error"
  }

}
