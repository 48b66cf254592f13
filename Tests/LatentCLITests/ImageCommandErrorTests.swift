import Foundation
import TestSupport
import Testing

@Suite("the image commands: usage errors exit 2, bad files exit 1 naming the file")
struct ImageCommandErrorTests {
  @Test func badArgumentsAreUsageErrors() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    for arguments in [
      ["sample", "--out", folder.path],  // no --model
      ["sample", "--model", model, "-n", "0", "--out", folder.path],
      ["sample", "--model", model, "--temperature", "-1", "--out", folder.path],
      ["sample", "--model", model, "--scale", "0", "--out", folder.path],
      ["interpolate", "--model", model, "--from", "#x", "--to", "seed:1", "--out", folder.path],
      [
        "interpolate", "--model", model, "--from", "seed:-3", "--to", "seed:1", "--out",
        folder.path,
      ],
      [
        "interpolate", "--model", model, "--from", "#1", "--to", "#2", "--frames", "1", "--out",
        folder.path,
      ],
      [
        "interpolate", "--model", model, "--from", "#1", "--to", "#2", "--out", folder.path,
        "--dither", "lots",
      ],
      ["traverse", "--model", model, "--dims", "top0", "--out", folder.file("t.png")],
      ["traverse", "--model", model, "--dims", "3,x", "--out", folder.file("t.png")],
      // The model has 4 dimensions only.
      ["traverse", "--model", model, "--dims", "2,9", "--out", folder.file("t.png")],
      ["traverse", "--model", model, "--range", "0", "--out", folder.file("t.png")],
      ["traverse", "--model", model, "--steps", "1", "--out", folder.file("t.png")],
      ["encode", "--model", model],
      ["reconstruct", "--model", model, "--out", folder.path],
      ["show"],
      ["show", "x.png", "--model", model],
      ["show", "--model", model, "--graphics", "crayon"],
      [
        "attribute", "--model", model, "--data", "synthetic", "--name", "s", "--out",
        folder.file("m.safetensors"),
      ],
      [
        "attribute", "--model", model, "--data", "synthetic", "--name", "s", "--by", "smile",
        "--out", folder.file("m.safetensors"),
      ],
      [
        "attribute", "--model", model, "--data", "synthetic", "--name", "a b", "--by", "index:1",
        "--out", folder.file("m.safetensors"),
      ],
      [
        "attribute", "--model", model, "--data", "synthetic", "--name", "s", "--csv", "m.csv",
        "--out", folder.file("m.safetensors"),
      ],
    ] {
      let result = try LatentProcess.run(arguments)
      #expect(result.status == 2, "\(arguments): \(result.status) \(result.error)")
      #expect(!result.error.isEmpty, "\(arguments)")
    }
  }

  @Test func missingOrCorruptModelsAndImagesNameTheFile() throws {
    let folder = try TemporaryFolder()
    let missing = folder.file("none.safetensors")
    let corrupt = folder.file("bad.safetensors")
    let notAnImage = folder.file("face.png")
    #expect(
      FileManager.default.createFile(atPath: corrupt, contents: Data("not a model at all".utf8)))
    #expect(FileManager.default.createFile(atPath: notAnImage, contents: Data("not a png".utf8)))
    let out = folder.path
    for path in [missing, corrupt] {
      for arguments in [
        ["sample", "--model", path, "--out", out + "/s"],
        [
          "interpolate", "--model", path, "--from", "seed:1", "--to", "seed:2", "--out", out + "/i",
        ],
        ["traverse", "--model", path, "--out", out + "/t.png"],
        ["encode", "--model", path, notAnImage],
        ["reconstruct", "--model", path, notAnImage, "--out", out + "/r"],
        ["show", "--model", path],
        [
          "attribute", "--model", path, "--data", "synthetic:20", "--name", "s", "--by", "index:1",
          "--out", out + "/a.safetensors",
        ],
      ] {
        let result = try LatentProcess.run(arguments)
        #expect(result.status == 1, "\(arguments): \(result.status) \(result.error)")
        #expect(result.error.contains(path), "\(arguments): \(result.error)")
        #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
      }
    }
    let model = try TestModel.path()
    for arguments in [
      ["encode", "--model", model, notAnImage],
      ["reconstruct", "--model", model, notAnImage, "--out", out + "/r"],
      ["interpolate", "--model", model, "--from", notAnImage, "--to", "zero", "--out", out + "/i"],
      ["show", notAnImage],
      ["interpolate", "--model", model, "--from", "#100000", "--to", "zero", "--out", out + "/i"],
    ] {
      let result = try LatentProcess.run(arguments)
      #expect(result.status == 1, "\(arguments): \(result.status) \(result.error)")
      let named = arguments.contains(notAnImage) ? notAnImage : model
      #expect(result.error.contains(named), "\(arguments): \(result.error)")
    }
  }
}
