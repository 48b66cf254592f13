import Foundation
import TestSupport
import Testing

@Suite("the command line itself: subcommand names, --version, typed options, folder names")
struct CommandLineTests {
  @Test func aMistypedSubcommandIsNamedWithTheNearestOne() throws {
    let result = try LatentProcess.run(["sampel", "--model", "m.safetensors"])
    #expect(result.status == 2, "\(result.error)")
    #expect(result.error.contains("'sampel'"), "\(result.error)")
    #expect(result.error.contains("did you mean 'sample'?"), "\(result.error)")
    #expect(!result.error.contains("Unknown option"), "\(result.error)")
    let unrelated = try LatentProcess.run(["xyzzy"])
    #expect(unrelated.status == 2)
    #expect(unrelated.error.contains("'xyzzy'") && !unrelated.error.contains("did you mean"))
  }

  @Test func versionPrintsOneVersionNumber() throws {
    let result = try LatentProcess.run(["--version"])
    #expect(result.status == 0, "\(result.error)")
    let line = result.output.trimmingCharacters(in: .newlines)
    #expect(
      line.split(separator: ".").count == 3
        && line.split(separator: ".").allSatisfy { Int($0) != nil },
      "\(result.output)")
  }

  @Test func infoTakesTheModelAsAnArgumentOrWithModel() throws {
    let model = try TestModel.path()
    let positional = try LatentProcess.run(["info", model])
    let option = try LatentProcess.run(["info", "--model", model])
    #expect(positional.status == 0, "\(positional.error)")
    #expect(option.status == 0, "\(option.error)")
    #expect(option.output == positional.output)
    #expect(option.output.contains("4 latents"))
    for arguments in [["info"], ["info", model, "--model", model]] {
      let result = try LatentProcess.run(arguments)
      #expect(result.status == 2, "\(arguments): \(result.error)")
    }
  }

  @Test func dimensionsCanBeNamedAsTheExplorerNamesThem() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let named = try LatentProcess.run([
      "traverse", "--model", model, "--dims", "z2,z0", "--steps", "3", "--out",
      folder.file("z.png"),
    ])
    #expect(named.status == 0, "\(named.error)")
    #expect(named.output.contains("2×3"), "\(named.output)")
    let numbered = try LatentProcess.run([
      "traverse", "--model", model, "--dims", "2,0", "--steps", "3", "--out", folder.file("n.png"),
    ])
    #expect(numbered.status == 0, "\(numbered.error)")
    let first = try Data(contentsOf: URL(fileURLWithPath: folder.file("z.png")))
    let second = try Data(contentsOf: URL(fileURLWithPath: folder.file("n.png")))
    #expect(first == second)
    let missing = try LatentProcess.run([
      "traverse", "--model", model, "--dims", "z9", "--out", folder.file("m.png"),
    ])
    #expect(missing.status == 2, "\(missing.error)")
  }

  @Test func aBadEnumValueIsAUsageErrorListingTheValues() throws {
    let result = try LatentProcess.run(["show", "--graphics", "sixels", "x.png"])
    #expect(result.status == 2, "\(result.error)")
    #expect(result.error.contains("truecolor") && result.error.contains("ascii"), "\(result.error)")
    for arguments in [
      ["train", "--data", "synthetic", "--out", "m.safetensors", "--likelihood", "poisson"],
      ["train", "--data", "synthetic", "--out", "m.safetensors", "--config", "resnet"],
      ["classify", "--model", "m.safetensors", "--data", "synthetic", "--method", "svm"],
    ] {
      let failed = try LatentProcess.run(arguments)
      #expect(failed.status == 2, "\(arguments): \(failed.error)")
      #expect(failed.error.contains(arguments.last!), "\(arguments): \(failed.error)")
    }
  }

  @Test func anImageNameIsRefusedWhereAFolderIsWritten() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    for (arguments, written) in [
      (
        ["sample", "--model", model, "-n", "2", "--out", folder.file("x.jpg")], folder.file("x.jpg")
      ),
      (
        [
          "interpolate", "--model", model, "--from", "zero", "--to", "seed:1", "--out",
          folder.file("m.gif"),
        ], folder.file("m.gif")
      ),
      (
        ["reconstruct", "--model", model, "x.png", "--out", folder.file("r.JPEG")],
        folder.file("r.JPEG")
      ),
      (
        [
          "traverse", "--model", model, "--out", folder.file("t.png"), "--gif",
          folder.file("t.gif"),
        ], folder.file("t.gif")
      ),
    ] {
      let result = try LatentProcess.run(arguments)
      #expect(result.status == 2, "\(arguments): \(result.error)")
      #expect(result.error.contains(written), "\(arguments): \(result.error)")
      #expect(!FileManager.default.fileExists(atPath: written), "\(arguments) made \(written)")
    }
  }
}
