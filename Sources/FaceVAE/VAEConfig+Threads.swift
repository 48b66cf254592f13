import NeuralCore

extension VAEConfig {
  /// Whether the model has convolution layers (encoder or decoder).
  package var hasConvolutions: Bool {
    (encoder + decoder).contains {
      switch $0 {
      case .conv2d, .convTranspose2d: true
      default: false
      }
    }
  }

  /// Sets ``Parallel`` up to run this model on `threads` threads: convolutional models
  /// split every layer among the workers, fully connected ones let OpenBLAS thread each
  /// product (see ``Parallel/Style``).
  package func useThreads(_ threads: Int) {
    Parallel.style = hasConvolutions ? .workers : .openBLAS
    Parallel.workers = threads
  }
}
