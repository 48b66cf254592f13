import Glibc
import LatentBasics

// Unsafe pointers: a C function found with dlsym.

/// Reads the heap-allocation count kept by tools/alloc-count/alloccount.so
/// when it is preloaded into this process.
struct AllocationCounter {
  private typealias CountFunction = @convention(c) () -> UInt
  private let function: CountFunction

  /// The preloaded counter.
  /// - Throws: ``LatentError`` when the library is not preloaded.
  static func preloaded() throws -> AllocationCounter {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "latent_allocation_count")
    else {
      throw LatentError(
        .unsupported,
        "--allocations needs the counter: cc -shared -fPIC -O2 -o /tmp/alloccount.so "
          + "tools/alloc-count/alloccount.c, then LD_PRELOAD=/tmp/alloccount.so latent bench …")
    }
    return AllocationCounter(function: unsafeBitCast(symbol, to: CountFunction.self))
  }

  /// Allocations so far in this process.
  var count: Int { Int(function()) }
}
