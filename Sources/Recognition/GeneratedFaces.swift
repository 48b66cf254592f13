import FaceVAE

/// Faces the VAE generates around real ones: codes drawn from each source image's posterior
/// q(z|x), decoded to images and encoded again.
package struct GeneratedFaces: Sendable {
  /// The decoded faces, `[M, C, H, W]` values in [0, 1].
  package var images: ImageBatch
  /// Posterior means of the decoded faces (re-encoded), `[M, D]`.
  package var codes: LatentCodes
  /// The dataset item each face was generated from, `[M]`.
  package var sources: [Int]

  package init(images: ImageBatch, codes: LatentCodes, sources: [Int]) {
    self.images = images
    self.codes = codes
    self.sources = sources
  }

  /// Number of generated faces M.
  package var count: Int { sources.count }
}
