import NeuralCore

extension VAEConfig {
  /// Whether the model has convolution layers (encoder or decoder).
  package var hasConvolutions: Bool {
    func convolves(_ specs: [LayerSpec]) -> Bool {
      specs.contains {
        switch $0.kind {
        case .conv2d, .convTranspose2d: true
        case .residual(let body, let shortcut): convolves(body) || convolves(shortcut)
        default: false
        }
      }
    }
    return convolves(encoder + decoder)
  }

  /// How this model runs on `threads` threads: convolutional models split every layer among
  /// the workers, fully connected ones let OpenBLAS thread each product (see
  /// ``Threading/Style``).
  package func threading(threads: Int) -> Threading {
    Threading(workers: threads, style: hasConvolutions ? .workers : .openBLAS)
  }
}
