internal import COpenBLAS
import Glibc

/// The OpenBLAS entry points NeuralCore calls, looked up in `libopenblas.so.0` on first use.
///
/// Linking OpenBLAS would start its thread pool when the process loads (a few milliseconds
/// before `main`, and threads that spin on the second core), even for commands that never
/// multiply. Loading it here, once, on the first product, keeps that cost where it is used.
struct OpenBLASLibrary: @unchecked Sendable {
  let sgemm: latent_sgemm_function
  let sgemv: latent_sgemv_function
  let setThreads: latent_set_threads_function
  let getThreads: latent_get_threads_function
  let getConfig: latent_get_string_function
  let getCoreName: latent_get_string_function

  /// The library of this process, loaded by the first caller (thread-safe: a global `let`).
  static let shared = OpenBLASLibrary.load()

  /// Shared-object names tried in order: Debian's runtime name, then the development link.
  private static let fileNames = ["libopenblas.so.0", "libopenblas.so"]

  /// Opens OpenBLAS and resolves every entry point; a missing library or symbol ends the
  /// process with a one-line message, since no product can be computed without it.
  private static func load() -> OpenBLASLibrary {
    var handle: UnsafeMutableRawPointer?
    for name in fileNames where handle == nil {
      handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)
    }
    guard let handle else {
      fail("cannot load OpenBLAS (\(fileNames[0])): \(lastError()); install libopenblas0 (make deps)")
    }
    func symbol<Function>(_ name: String, as type: Function.Type) -> Function {
      guard let address = dlsym(handle, name) else {
        fail("OpenBLAS has no \(name): \(lastError())")
      }
      return unsafeBitCast(address, to: type)
    }
    return OpenBLASLibrary(
      sgemm: symbol("cblas_sgemm", as: latent_sgemm_function.self),
      sgemv: symbol("cblas_sgemv", as: latent_sgemv_function.self),
      setThreads: symbol("openblas_set_num_threads", as: latent_set_threads_function.self),
      getThreads: symbol("openblas_get_num_threads", as: latent_get_threads_function.self),
      getConfig: symbol("openblas_get_config", as: latent_get_string_function.self),
      getCoreName: symbol("openblas_get_corename", as: latent_get_string_function.self))
  }

  private static func lastError() -> String {
    dlerror().map { String(cString: $0) } ?? "unknown error"
  }

  private static func fail(_ message: String) -> Never {
    let line = Array("latent: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(70)  // EX_SOFTWARE
  }
}
