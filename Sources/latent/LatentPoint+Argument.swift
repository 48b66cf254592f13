import ArgumentParser
import FaceVAE
import LatentBasics

extension LatentPoint {
  /// Parses the point given to `option`; a malformed one is a usage error naming the option.
  init(argument text: String, option: String) throws {
    do {
      try self.init(parsing: text)
    } catch {
      throw ValidationError("\(option): \(error.problem)")
    }
  }
}
