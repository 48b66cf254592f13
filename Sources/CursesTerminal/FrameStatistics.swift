import LatentBasics
import Dispatch

/// Timings the loop keeps for benchmarks: key-to-face latency, frame times, bytes per frame.
struct FrameStatistics {
  /// Milliseconds from reading an input event to the frame showing its face being written.
  var keyToFace: [Double] = []
  /// Face bytes written per frame that drew faces.
  var faceBytes: [Int] = []
  /// Frames painted, and when the run started.
  var frames = 0
  let started = DispatchTime.now().uptimeNanoseconds

  /// One line per fact, `name value`.
  func report() -> String {
    func median(_ values: [Double]) -> Double {
      let sorted = values.sorted()
      return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
    func percentile(_ values: [Double], _ percent: Int) -> Double {
      let sorted = values.sorted()
      return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, sorted.count * percent / 100)]
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    return """
      key_to_face_samples \(keyToFace.count)
      key_to_face_median_ms \(String(format: "%.2f", median(keyToFace)))
      key_to_face_p90_ms \(String(format: "%.2f", percentile(keyToFace, 90)))
      key_to_face_p99_ms \(String(format: "%.2f", percentile(keyToFace, 99)))
      key_to_face_max_ms \(String(format: "%.2f", keyToFace.max() ?? .nan))
      frames \(frames)
      seconds \(String(format: "%.2f", seconds))
      face_frames \(faceBytes.count)
      face_bytes_per_frame_median \(String(format: "%.0f", median(faceBytes.map(Double.init))))

      """
  }
}
