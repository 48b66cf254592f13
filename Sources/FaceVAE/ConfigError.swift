/// A model config that cannot describe a working VAE.
package struct ConfigError: Error, CustomStringConvertible, Equatable {
  package var description: String
  package init(_ description: String) { self.description = description }
}
