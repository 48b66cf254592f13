/// A raw pointer handed to concurrent workers that each write their own disjoint slice.
struct SendablePointer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Float>?
}
