// swift-tools-version: 6.2
import Foundation
import PackageDescription

// The modules that compute (training, decoding, sixel, resampling) are compiled for
// x86-64 CPUs with AVX2 and FMA (Haswell, 2013, and later; AMD since Excavator), which
// trains the mlp model about 20% faster than generic x86-64. `latent` checks the CPU
// before it runs any of that code. LATENT_TARGET_CPU=native (this machine) or =generic
// (any x86-64: `make PORTABLE=1`) at build time chooses otherwise. LATENT_FUSED_MULTIPLY_ADD
// tells FastMath's polynomials that FMA instructions exist (without them, Swift's
// addingProduct would call libm lane by lane).
let targetCPU = ProcessInfo.processInfo.environment["LATENT_TARGET_CPU"] ?? "haswell"
let computeSettings: [SwiftSetting] =
  targetCPU == "generic"
  ? [] : [.unsafeFlags(["-target-cpu", targetCPU]), .define("LATENT_FUSED_MULTIPLY_ADD")]

// Arrows point one way:
//   LatentBasics ← (SafeTensors, ImageIO, NeuralCore, FaceData, TerminalGraphics); SafeTensors, NeuralCore, ImageIO ← FaceData ← FaceVAE ← (LatentUI, TerminalGraphics) ← latent
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
    // OpenBLAS: cblas.h only; NeuralCore dlopens the library on first use (OpenBLASLibrary).
    .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
    .systemLibrary(name: "CTurboJPEG", providers: [.apt(["libturbojpeg0-dev"])]),
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
    .systemLibrary(name: "CGif", providers: [.apt(["libgif-dev"])]),

    // Whether the CPU runs what the compute modules were compiled for.
    .target(name: "CCPUFeatures"),

    .target(name: "NeuralCore", dependencies: ["COpenBLAS", "LatentBasics"], swiftSettings: computeSettings),
    .target(
      name: "ImageIO", dependencies: ["CPNG", "CTurboJPEG", "CGif", "LatentBasics"],
      swiftSettings: computeSettings),
    .target(name: "FaceData", dependencies: ["ImageIO", "LatentBasics"], swiftSettings: computeSettings),
    // The foundation every module shares: one error type, file access on plain system calls
    // (whole-file reads, crash-safe writes), printf-style numbers without Foundation, the
    // seeded random generator, the worker threads and the byte writer.
    .target(name: "LatentBasics"),
    // The model-file container: safetensors reading (validated) and atomic writing.
    .target(name: "SafeTensors", dependencies: ["LatentBasics"]),
    // Classifiers on feature vectors (kNN, logistic regression) and how to score them.
    .target(name: "Classification", dependencies: ["NeuralCore"], swiftSettings: computeSettings),
    .target(
      name: "FaceVAE", dependencies: ["NeuralCore", "SafeTensors", "FaceData", "Classification"],
      swiftSettings: computeSettings),
    .target(name: "TerminalGraphics", dependencies: ["ImageIO", "LatentBasics"], swiftSettings: computeSettings),
    // The explorer as data (no curses), and its ncurses backend.
    .target(
      name: "LatentUI",
      dependencies: [
        "FaceVAE", "FaceData", "ImageIO", "TerminalGraphics", "Classification", "LatentBasics",
        
      ]),
    .target(
      name: "CursesTerminal",
      dependencies: [
        "CNcursesw", "LatentUI", "TerminalGraphics", "FaceVAE", "LatentBasics",
      ]),

    .executableTarget(
      name: "latent",
      dependencies: [
        "NeuralCore", "FaceVAE", "FaceData", "ImageIO", "TerminalGraphics", "SafeTensors",
        "Classification", "LatentUI", "CursesTerminal", "LatentBasics", "CCPUFeatures",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // Start-up time (latent show, info, --help are short processes):
      // - the Swift runtime linked in, so no symbols of Swift's shared libraries to
      //   resolve at start (latent --help: about 6 ms less);
      // - not position-independent, so the loader need not patch ~44,000 addresses in
      //   the runtime's metadata, touching hundreds of pages (about 0.7 ms less). The
      //   trade: the executable's own code is not at a random address (ASLR still covers
      //   the shared libraries, stack and heap). Drop "-no-pie" to have it back.
      // Generic x86-64 (no computeSettings), so main can check the CPU before using them.
      swiftSettings: [.unsafeFlags(["-static-stdlib"])]
        + (targetCPU == "haswell" ? [.define("LATENT_NEEDS_AVX2_FMA")] : []),
      linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "-no-pie"])]),

    .testTarget(name: "LatentBasicsTests", dependencies: ["LatentBasics"]),
    .testTarget(name: "NeuralCoreTests", dependencies: ["NeuralCore", "ReferenceModels", "LatentBasics"]),
    .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors", "LatentBasics"]),
    .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "LatentBasics"]),
    .testTarget(name: "FaceDataTests", dependencies: ["FaceData", "ImageIO", "LatentBasics"]),
    .testTarget(name: "FaceVAETests", dependencies: ["FaceVAE", "ReferenceModels", "Classification"]),
    .testTarget(name: "ClassificationTests", dependencies: ["Classification", "NeuralCore"]),
    // Runs the built `latent` binary (make test builds it first).
    .testTarget(name: "LatentCLITests"),
    .testTarget(name: "TerminalGraphicsTests", dependencies: ["TerminalGraphics", "ImageIO", "LatentBasics"]),
    .testTarget(name: "LatentUITests", dependencies: ["LatentUI", "FaceVAE", "ImageIO"]),
    .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "LatentUI"]),
    // Runs the built `latent` binary in tmux (make test builds it first).
    .testTarget(name: "ExplorerEndToEndTests", dependencies: ["FaceVAE", "FaceData", "ImageIO"]),
    // Double-precision reference implementations that the tests check against.
    .target(name: "ReferenceModels", dependencies: ["LatentBasics"], path: "Tests/ReferenceModels"),
  ],
  swiftLanguageModes: [.v6]
)
