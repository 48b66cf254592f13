import Foundation
import SafeTensors
import TestSupport
import Testing

/// A path that names a FIFO is refused at once instead of waiting for a writer for ever.
@Suite("Special files")
struct SpecialFileTests {
  @Test(.timeLimit(.minutes(1))) func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("model.safetensors")
    #expect(mkfifo(path, 0o600) == 0)
    let started = ContinuousClock.now
    do {
      _ = try SafeTensorsFile.read(contentsOf: path)
      Issue.record("reading a FIFO succeeded")
    } catch {
      #expect("\(error)" == "\(path): is not a regular file")
    }
    #expect(ContinuousClock.now - started < .seconds(5))
  }
}
