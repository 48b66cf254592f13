/// Which sliders Explore shows: a key (``KeyAction/nextSliderBank``) cycles through them.
package enum SliderBank: String, Hashable, Sendable, CaseIterable {
  /// One slider per latent dimension, by KL, then the attributes.
  case dimensions
  /// The principal directions of the stored codes (slider unit: the codes' σ along each).
  case pca
  /// SeFa's directions of the decoder, with their eigenvalues.
  case sefa
  /// The attribute boundaries (slider: signed distance in σ, with the accuracy).
  case attributes

  /// The name shown over the sliders.
  package var title: String {
    switch self {
    case .dimensions: "dimensions"
    case .pca: "PCA"
    case .sefa: "SeFa"
    case .attributes: "attributes"
    }
  }
}
