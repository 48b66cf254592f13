// swift-tools-version: 6.2
import Foundation
import PackageDescription

// Every module is compiled for generic x86-64, so one binary runs on any x86-64 CPU. The hot
// loops (one-face decoding, im2col/col2im, elementwise work) are C (CKernels), compiled for
// several instruction-set levels
// (generic, AVX2 + FMA, AVX-512) and chosen at run time (NeuralCore's KernelLevel).
// LATENT_TARGET_CPU=native at build time (`make CPU=native`) compiles the Swift modules that
// compute for this machine instead, FMA included (LATENT_FUSED_MULTIPLY_ADD tells FastMath's
// polynomials that FMA instructions exist; without them Swift's addingProduct would call
// libm lane by lane).
let targetCPU = ProcessInfo.processInfo.environment["LATENT_TARGET_CPU"] ?? "generic"
let computeSettings: [SwiftSetting] =
  targetCPU == "generic"
  ? [] : [.unsafeFlags(["-target-cpu", targetCPU]), .define("LATENT_FUSED_MULTIPLY_ADD")]

// The module graph; an arrow points from a module to one it imports, and no arrow points back:
//   SafeTensors, ImageIO, NeuralCore → LatentBasics (the foundation: errors, files, random
//     numbers, threads, bytes); NeuralCore → COpenBLAS, CCPUFeatures, CKernels; ImageIO → CPNG,
//     CPNGReader, CTurboJPEG, CGif
//   FaceData, TerminalGraphics → ImageIO;  Classification → NeuralCore
//   FaceVAE → NeuralCore, SafeTensors, FaceData;  Recognition → FaceVAE, Classification
//   LatentUI (the explorer as data) → FaceVAE, Classification;  BackgroundWork → LatentUI
//   CursesTerminal → BackgroundWork, TerminalGraphics, CNcursesw;  latent → all of them
// Every target declares exactly the modules its files import. Linux only: the C libraries come
// from Debian's packages and the system calls from Glibc.
let package = Package(
  name: "latent",
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
    // PNG reading on libpng's low-level API, in C because libpng reports errors by longjmp
    // (which must never cross a Swift frame): the stored sample values, no gamma handling.
    .target(name: "CPNGReader", linkerSettings: [.linkedLibrary("png16")]),
    // What the CPU can run: for NeuralCore's choice of OpenBLAS kernel and of KernelLevel.
    .target(name: "CCPUFeatures"),
    // latent's own hot loops (one-face decode products, direct convolution, im2col/col2im,
    // elementwise loops), each compiled for generic x86-64, AVX2 + FMA and AVX-512 with
    // clang's target attributes.
    .target(name: "CKernels"),

    // The foundation every module shares: one error type, file access on plain system calls
    // (whole-file reads, crash-safe writes), printf-style numbers without Foundation, the
    // seeded random generator and the worker threads.
    .target(name: "LatentBasics"),
    // The model-file container: safetensors reading (validated) and atomic writing.
    .target(name: "SafeTensors", dependencies: ["LatentBasics"]),
    // Images: PNG, JPEG, GIF files, resampling, grids, the bitmap font.
    .target(
      name: "ImageIO", dependencies: ["CPNG", "CPNGReader", "CTurboJPEG", "CGif", "LatentBasics"],
      swiftSettings: computeSettings),
    // Layers with forward and backward, losses, Adam, OpenBLAS products, the worker threads' use.
    .target(
      name: "NeuralCore", dependencies: ["COpenBLAS", "CCPUFeatures", "CKernels", "LatentBasics"],
      swiftSettings: computeSettings),
    // Face folders, labels, splits and synthetic faces.
    .target(
      name: "FaceData", dependencies: ["ImageIO", "LatentBasics"], swiftSettings: computeSettings),
    // Classifiers on feature vectors (kNN, logistic regression) and how to score them.
    .target(name: "Classification", dependencies: ["NeuralCore"], swiftSettings: computeSettings),
    // The VAE: config, values in and out, training, the model file, latent directions.
    .target(
      name: "FaceVAE",
      dependencies: ["NeuralCore", "SafeTensors", "FaceData", "ImageIO", "LatentBasics"],
      swiftSettings: computeSettings),
    // Recognition experiments on latent codes (`latent classify`).
    .target(
      name: "Recognition",
      dependencies: ["FaceVAE", "FaceData", "Classification", "NeuralCore", "LatentBasics"],
      swiftSettings: computeSettings),
    // Half blocks, quadrants, 256 colours, sixel, kitty, the terminal probe.
    .target(
      name: "TerminalGraphics", dependencies: ["ImageIO", "LatentBasics"],
      swiftSettings: computeSettings),
    // The explorer as data: update(state, event) -> effects, render(state) -> canvas, the key table.
    .target(
      name: "LatentUI", dependencies: ["FaceVAE", "ImageIO", "Classification", "LatentBasics"]),
    // The explorer's work off the screen's thread: decoding, exporting, training.
    .target(
      name: "BackgroundWork",
      dependencies: ["LatentUI", "FaceVAE", "FaceData", "ImageIO", "LatentBasics"]),
    // The explorer's ncurses backend and screen loop.
    .target(
      name: "CursesTerminal",
      dependencies: [
        "CNcursesw", "LatentUI", "BackgroundWork", "TerminalGraphics", "FaceVAE", "FaceData",
        "ImageIO", "LatentBasics",
      ]),

    .executableTarget(
      name: "latent",
      dependencies: [
        "NeuralCore", "FaceVAE", "FaceData", "ImageIO", "TerminalGraphics", "SafeTensors",
        "Classification", "Recognition", "CursesTerminal", "LatentBasics",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // The Swift runtime is linked in, so that a short process (latent show, info, --help)
      // resolves no symbols of Swift's shared libraries at start (about 6 ms less). The
      // executable stays position-independent: it parses files from anywhere, so it keeps
      // ASLR for its own code too (linking it -no-pie saved about 0.7 ms of start-up).
      swiftSettings: [.unsafeFlags(["-static-stdlib"])],
      linkerSettings: [.unsafeFlags(["-static-stdlib"])]),

    // What the tests share: temporary folders, running the built `latent` binary and external
    // tools (ImageMagick, libsixel), the shared datasets, random images, tiny models.
    .target(
      name: "TestSupport", dependencies: ["FaceVAE", "FaceData", "ImageIO", "LatentBasics"],
      path: "Tests/TestSupport"),
    // Double-precision reference implementations that the tests check against.
    .target(name: "ReferenceModels", dependencies: ["LatentBasics"], path: "Tests/ReferenceModels"),
    .testTarget(name: "LatentBasicsTests", dependencies: ["LatentBasics"]),
    .testTarget(
      name: "NeuralCoreTests", dependencies: ["NeuralCore", "ReferenceModels", "LatentBasics"]),
    .testTarget(
      name: "SafeTensorsTests", dependencies: ["SafeTensors", "LatentBasics", "TestSupport"]),
    .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "LatentBasics", "TestSupport"]),
    .testTarget(
      name: "FaceDataTests", dependencies: ["FaceData", "ImageIO", "LatentBasics", "TestSupport"]),
    .testTarget(
      name: "ClassificationTests", dependencies: ["Classification", "NeuralCore", "LatentBasics"]),
    .testTarget(
      name: "FaceVAETests",
      dependencies: [
        "FaceVAE", "FaceData", "ImageIO", "NeuralCore", "SafeTensors", "ReferenceModels",
        "LatentBasics", "TestSupport",
      ]),
    .testTarget(
      name: "RecognitionTests",
      dependencies: [
        "Recognition", "FaceVAE", "FaceData", "Classification", "NeuralCore", "LatentBasics",
      ]),
    .testTarget(
      name: "TerminalGraphicsTests",
      dependencies: ["TerminalGraphics", "ImageIO", "LatentBasics", "TestSupport"]),
    .testTarget(
      name: "LatentUITests",
      dependencies: [
        "LatentUI", "BackgroundWork", "FaceVAE", "ImageIO", "LatentBasics", "TestSupport",
      ]),
    .testTarget(
      name: "BackgroundWorkTests",
      dependencies: ["BackgroundWork", "LatentUI", "FaceVAE", "FaceData", "ImageIO", "TestSupport"]),
    .testTarget(
      name: "CursesTerminalTests",
      dependencies: ["CursesTerminal", "LatentUI", "TerminalGraphics", "ImageIO"]),
    // Run the `latent` binary of the same build folder as the tests (make test builds it
    // first; a dependency on the executable would link its -static-stdlib into the tests).
    .testTarget(name: "LatentCLITests", dependencies: ["TestSupport"]),
    .testTarget(
      name: "ExplorerEndToEndTests",
      dependencies: ["FaceVAE", "FaceData", "ImageIO", "NeuralCore", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)

// A file sees the members of the modules it imports itself, not of whatever those import in
// turn (so that `import` lines say what a file uses, and two modules' extensions cannot clash
// in a file that imports only one of them).
for target in package.targets where target.type != .system {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
