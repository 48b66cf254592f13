import Glibc
import LatentBasics

// libFuzzer's two entry points, shared by every target in Targets/: each target file defines
// `FuzzTarget.run(_:)`, which feeds one input to a parser, and `FuzzTarget.writeSeeds(into:)`,
// which writes the target's seed corpus with the project's own writers. scripts/fuzz compiles
// this file with one target file into one fuzzer (see docs/fuzzing.md).

/// Feeds one input to the target; libFuzzer calls this for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  FuzzTarget.run(Array(UnsafeBufferPointer(start: start, count: count)))
  return 0
}

/// Runs once before fuzzing: when `LATENT_FUZZ_SEEDS` names a folder, writes the target's
/// seeds there and exits (0, or 1 with the error on standard error).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
  _ argc: UnsafeMutablePointer<CInt>?,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
  guard let folder = getenv("LATENT_FUZZ_SEEDS").map({ String(cString: $0) }) else { return 0 }
  do {
    try POSIXFile.createFolder(folder)
    try FuzzTarget.writeSeeds(into: folder)
  } catch {
    _ = POSIXFile.writeAll(Array("fuzz: cannot write seeds: \(error)\n".utf8), to: STDERR_FILENO)
    exit(1)
  }
  exit(0)
}

/// Writes one seed, `bytes`, as the file `name` in `folder`.
func writeSeed(_ bytes: [UInt8], named name: String, into folder: String) throws(LatentError) {
  try POSIXFile.writeAtomically(bytes, to: folder + "/" + name)
}
