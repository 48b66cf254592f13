import LatentUI
import Dispatch
import LatentBasics
import Synchronization

/// Carries out export requests on a serial queue of its own, so that encoding a GIF never
/// stalls the screen; results are collected for the screen loop in the order written.
package final class ExportQueue: Sendable {
  private let queue = DispatchQueue(label: "latent.export", qos: .utility)
  private let exporter: Exporter
  private let finished = Mutex<[Result<String, LatentError>]>([])
  private let onResult: @Sendable () -> Void

  /// A queue writing with `exporter`; `onResult` runs on the queue after each export, e.g. to
  /// wake the screen loop.
  package init(exporter: Exporter, onResult: @escaping @Sendable () -> Void = {}) {
    self.exporter = exporter
    self.onResult = onResult
  }

  /// Queues `request` behind the exports already queued.
  package func submit(_ request: ExportRequest) {
    queue.async { [self] in
      let result = exporter.write(request)
      finished.withLock { $0.append(result) }
      onResult()
    }
  }

  /// The paths written (or the errors) since the last call, oldest first.
  package func takeResults() -> [Result<String, LatentError>] {
    finished.withLock { results in
      defer { results = [] }
      return results
    }
  }

  /// Blocks until every queued export is written (before quitting, and in tests).
  package func waitUntilIdle() { queue.sync {} }
}
