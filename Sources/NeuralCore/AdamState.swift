/// Everything Adam carries from one update to the next: the step count and, per
/// parameter, the moving averages of the gradient and of its square. With the
/// weights it makes the next update exactly what it would have been.
package struct AdamState: Hashable, Sendable {
  /// Updates taken so far (the `t` of the bias corrections).
  package var step: Int
  /// First moments `m`, one array per parameter in the optimizer's order, each the
  /// parameter's element count (gradient units).
  package var firstMoments: [[Float]]
  /// Second moments `v`, laid out as ``firstMoments`` (squared gradient units).
  package var secondMoments: [[Float]]

  package init(step: Int, firstMoments: [[Float]], secondMoments: [[Float]]) {
    self.step = step
    self.firstMoments = firstMoments
    self.secondMoments = secondMoments
  }
}
