/// Undo and redo of slider moves in Explore: the slider values before each step, newest last.
///
/// A step is one change: a reset, a random face, a typed value, a click or drag on a track,
/// the sliders set from another mode — or a run of arrow presses (or wheel turns) on one
/// slider, which ``record(_:run:)`` folds into the step that started the run.
package struct SliderHistory: Hashable, Sendable {
  /// The slider values at one point: the code (`[D]`, σ), which every slider reads.
  package struct Snapshot: Hashable, Sendable {
    package var z: [Float]

    package init(z: [Float]) {
      self.z = z
    }
  }

  /// Steps kept; older ones are forgotten.
  package static let limit = 100

  /// The values before each step, oldest first.
  package private(set) var undoSteps: [Snapshot] = []
  /// The values undone, the most recently undone last.
  package private(set) var redoSteps: [Snapshot] = []
  /// The slider whose run of moves the newest step is (nil: no run going on).
  package private(set) var run: Int?

  package init() {}

  /// Records `before`, the values before a change, as a new step, unless the change continues
  /// the run of moves of slider `run` that the newest step already holds. Clears the redo steps.
  package mutating func record(_ before: Snapshot, run slider: Int? = nil) {
    redoSteps = []
    if let slider, slider == run, !undoSteps.isEmpty { return }
    undoSteps.append(before)
    if undoSteps.count > Self.limit { undoSteps.removeFirst(undoSteps.count - Self.limit) }
    run = slider
  }

  /// Ends the run of moves, so that the next move is a step of its own.
  package mutating func endRun() { run = nil }

  /// The values before the newest step, given the `current` ones (kept for redo); nil when
  /// there is nothing to undo.
  package mutating func undo(from current: Snapshot) -> Snapshot? {
    guard let previous = undoSteps.popLast() else { return nil }
    redoSteps.append(current)
    run = nil
    return previous
  }

  /// The values of the newest step undone, given the `current` ones (kept for undo); nil when
  /// there is nothing to redo.
  package mutating func redo(from current: Snapshot) -> Snapshot? {
    guard let next = redoSteps.popLast() else { return nil }
    undoSteps.append(current)
    run = nil
    return next
  }
}
