// swift-tools-version: 6.2
import PackageDescription

// Arrows point one way:
//   SafeTensors, NeuralCore, ImageIO ← FaceData ← FaceVAE ← (LatentUI, TerminalGraphics) ← latent
//   NeuralCore ← Classification ← (FaceVAE, LatentUI)
let package = Package(
  name: "latent",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "latent", targets: ["latent"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0")
  ],
  targets: [
    // C libraries from Debian, each behind a module map and a small shim.
    .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
    .systemLibrary(name: "CTurboJPEG", providers: [.apt(["libturbojpeg0-dev"])]),
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
    .systemLibrary(name: "CGif", providers: [.apt(["libgif-dev"])]),

    .target(name: "NeuralCore", dependencies: ["COpenBLAS"]),
    .target(name: "ImageIO", dependencies: ["CPNG", "CTurboJPEG", "CGif"]),
    .target(name: "FaceData", dependencies: ["ImageIO"]),
    // The model-file container: safetensors reading (validated) and atomic writing.
    .target(name: "SafeTensors"),
    // Classifiers on feature vectors (kNN, logistic regression) and how to score them.
    .target(name: "Classification", dependencies: ["NeuralCore"]),
    .target(
      name: "FaceVAE", dependencies: ["NeuralCore", "SafeTensors", "FaceData", "Classification"]),
    .target(name: "TerminalGraphics", dependencies: ["ImageIO"]),
    // The explorer as data (no curses), and its ncurses backend.
    .target(
      name: "LatentUI",
      dependencies: ["FaceVAE", "FaceData", "ImageIO", "TerminalGraphics", "Classification"]),
    .target(
      name: "CursesTerminal",
      dependencies: ["CNcursesw", "LatentUI", "TerminalGraphics", "FaceVAE"]),

    .executableTarget(
      name: "latent",
      dependencies: [
        "NeuralCore", "FaceVAE", "FaceData", "ImageIO", "TerminalGraphics", "SafeTensors", "Classification",
        "LatentUI", "CursesTerminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .testTarget(name: "NeuralCoreTests", dependencies: ["NeuralCore", "ReferenceModels"]),
    .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors"]),
    .testTarget(name: "ImageIOTests", dependencies: ["ImageIO"]),
    .testTarget(name: "FaceDataTests", dependencies: ["FaceData", "ImageIO"]),
    .testTarget(name: "FaceVAETests", dependencies: ["FaceVAE", "ReferenceModels", "Classification"]),
    .testTarget(name: "ClassificationTests", dependencies: ["Classification", "NeuralCore"]),
    // Runs the built `latent` binary (make test builds it first).
    .testTarget(name: "LatentCLITests"),
    .testTarget(name: "TerminalGraphicsTests", dependencies: ["TerminalGraphics", "ImageIO"]),
    .testTarget(name: "LatentUITests", dependencies: ["LatentUI", "FaceVAE", "ImageIO"]),
    .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "LatentUI"]),
    .testTarget(
      name: "ExplorerEndToEndTests", dependencies: ["latent", "FaceVAE", "FaceData", "ImageIO"]),
    // Double-precision reference implementations that the tests check against.
    .target(name: "ReferenceModels", path: "Tests/ReferenceModels"),
  ],
  swiftLanguageModes: [.v6]
)
