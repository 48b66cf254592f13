import Foundation
import TestSupport
import Testing

@Suite("encode, reconstruct, show and attribute, run as a user would")
struct CodeCommandTests {
  /// Two face images made by `latent sample` into `faces` in `folder`.
  func twoFaces(_ model: String, in folder: TemporaryFolder) throws -> [String] {
    let result = try LatentProcess.run([
      "sample", "--model", model, "-n", "2", "--scale", "3", "--out", folder.file("faces"),
    ])
    #expect(result.status == 0, "\(result.error)")
    return [folder.file("faces/sample_001.png"), folder.file("faces/sample_002.png")]
  }

  @Test func encodePrintsOneCodePerImageOrJSON() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let faces = try twoFaces(model, in: folder)
    let text = try LatentProcess.run(["encode", "--model", model] + faces)
    #expect(text.status == 0, "\(text.error)")
    let lines = text.output.split(separator: "\n")
    #expect(lines.count == 2)
    for (line, face) in zip(lines, faces) {
      let fields = line.split(separator: "\t")
      #expect(fields.first.map(String.init) == face)
      let values = fields.last?.split(separator: " ").compactMap { Float($0) } ?? []
      #expect(values.count == 4)
    }
    let json = try LatentProcess.run(["encode", "--model", model, "--json"] + faces)
    #expect(json.status == 0, "\(json.error)")
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
    #expect(entries.map { $0["file"] as? String } == faces)
    let first = try #require(entries.first?["mu"] as? [Double])
    let printed = lines[0].split(separator: "\t").last?.split(separator: " ").compactMap {
      Double($0)
    }
    #expect(first.count == 4)
    for (a, b) in zip(first, printed ?? []) { #expect(abs(a - b) < 1e-4 * max(1, abs(a))) }
  }

  @Test func reconstructWritesPairsOrASheet() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let faces = try twoFaces(model, in: folder)
    let pairs = try LatentProcess.run(
      ["reconstruct", "--model", model] + faces + ["--scale", "1", "--out", folder.file("pairs")])
    #expect(pairs.status == 0, "\(pairs.error)")
    #expect(pairs.output.contains("mean error"))
    #expect(try fileNames(in: folder.file("pairs")) == ["recon_001.png", "recon_002.png"])
    #expect(
      try ImageMagick.identify(folder.file("pairs/recon_002.png")) == [
        [1, sheetSide(cells: 2, cell: 16), 18]
      ])
    let sheet = try LatentProcess.run(
      ["reconstruct", "--model", model] + faces + [
        "--scale", "2", "--out", folder.file("sheet.png"),
      ])
    #expect(sheet.status == 0, "\(sheet.error)")
    #expect(
      try ImageMagick.identify(folder.file("sheet.png")).first?.prefix(2) == [
        1, sheetSide(cells: 2, cell: 32),
      ])
  }

  @Test func showDrawsHalfBlocksWhenNotOnATerminal() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let faces = try twoFaces(model, in: folder)
    let sampled = try LatentProcess.run(["show", "--model", model, "--columns", "16"])
    #expect(sampled.status == 0, "\(sampled.error)")
    #expect(sampled.output.contains("\u{1B}[38;2;") && sampled.output.contains("▀"))
    // 16 columns of a square image in half blocks: 16 pixels wide, 16 high → 8 lines.
    #expect(sampled.output.split(separator: "\n").count == 8)
    // Without --columns, an 80×24 terminal's size less a row: a square face 23 rows tall.
    let fitted = try LatentProcess.run(["show", faces[0]])
    #expect(fitted.output.split(separator: "\n").count == 23)
    let ascii = try LatentProcess.run(["show", faces[0], "--graphics", "ascii", "--columns", "10"])
    #expect(ascii.status == 0, "\(ascii.error)")
    #expect(!ascii.output.contains("\u{1B}[38;") && !ascii.output.contains("▀"))
    let sixel = try LatentProcess.run(["show", faces[0], "--graphics", "sixel", "--columns", "10"])
    #expect(sixel.output.hasPrefix("\u{1B}P"))
    let kitty = try LatentProcess.run(["show", faces[0], "--graphics", "kitty", "--columns", "10"])
    #expect(kitty.output.hasPrefix("\u{1B}_G"))
    // With --native-size, pixel modes send the image at its own size (as ImageMagick reads
    // it), which the sixel raster attributes state and the kitty command's s= and v= give.
    let size = try #require(try ImageMagick.identify(faces[0]).first)
    let native = try LatentProcess.run(["show", faces[0], "--graphics", "sixel", "--native-size"])
    #expect(native.output.contains("q\"1;1;\(size[1]);\(size[2])#"), "\(native.output.prefix(40))")
    let nativeKitty = try LatentProcess.run(
      ["show", faces[0], "--graphics", "kitty", "--native-size"])
    #expect(
      nativeKitty.output.contains("s=\(size[1]),v=\(size[2])"), "\(nativeKitty.output.prefix(60))")
  }

  @Test func startUpLoadsNoSharedSwiftLibrariesAndNoOpenBLASUntilItMultiplies() throws {
    // The dynamic loader lists every shared object it opens when LD_DEBUG=files.
    let help = try LatentProcess.run(["--help"], environment: ["LD_DEBUG": "files"])
    #expect(help.status == 0)
    #expect(help.error.contains("libc.so"), "LD_DEBUG output missing: \(help.error.prefix(200))")
    #expect(!help.error.contains("libswiftCore"), "the Swift runtime should be linked in")
    #expect(!help.error.contains("libFoundation"), "Foundation should be linked in")
    #expect(!help.error.contains("libopenblas"), "--help should not load OpenBLAS")
    // Sampling a face multiplies matrices, so OpenBLAS is loaded then.
    let model = try TestModel.path()
    let sampled = try LatentProcess.run(
      ["show", "--model", model, "--columns", "8"], environment: ["LD_DEBUG": "files"])
    #expect(sampled.status == 0)
    #expect(sampled.error.contains("libopenblas"))
  }

  @Test func attributeStoresADirectionOrRefusesAnEmptySide() throws {
    let model = try TestModel.path()
    let folder = try TemporaryFolder()
    let out = folder.file("smile.safetensors")
    // Synthetic faces carry index 1 when they smile, 0 otherwise.
    let result = try LatentProcess.run([
      "attribute", "--model", model, "--data", "synthetic:100", "--name", "smile", "--by",
      "index:1",
      "--out", out,
    ])
    #expect(result.status == 0, "\(result.error)")
    let info = try LatentProcess.run(["info", out, "--json"])
    let json = try JSONSerialization.jsonObject(with: Data(info.output.utf8)) as? [String: Any]
    #expect(json?["attributes"] as? [String] == ["smile"])
    let empty = try LatentProcess.run([
      "attribute", "--model", model, "--data", "synthetic:100", "--name", "smile", "--by",
      "index:7",
      "--out", folder.file("none.safetensors"),
    ])
    #expect(empty.status == 1)
    #expect(empty.error.contains("synthetic:100") && empty.error.contains("positive side"))
    #expect(!FileManager.default.fileExists(atPath: folder.file("none.safetensors")))
  }

  @Test func attributeSplitsByAMetadataColumn() throws {
    let model = try TestModel.path()
    let outputs = try TemporaryFolder()
    let faces = try twoFaces(model, in: outputs)
    let images = try TemporaryFolder()
    let data = images.path
    // Four files and a CSV that calls two of them happy.
    var csv = "file,mood\n"
    for k in 0..<4 {
      let name = "\(k)_0.png"
      try FileManager.default.copyItem(atPath: faces[k % 2], toPath: data + "/" + name)
      csv += "\(name),\(k < 2 ? "happy" : "calm")\n"
    }
    let table = outputs.file("meta.csv")
    try csv.write(toFile: table, atomically: true, encoding: .utf8)
    let out = outputs.file("mood.safetensors")
    let result = try LatentProcess.run([
      "attribute", "--model", model, "--data", data, "--name", "happy", "--csv", table, "--column",
      "mood", "--value", "happy", "--out", out,
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("2 positive, 2 negative"))
    let missing = try LatentProcess.run([
      "attribute", "--model", model, "--data", data, "--name", "x", "--csv", table, "--column",
      "age", "--value", "3", "--out", out,
    ])
    #expect(missing.status == 1)
    #expect(missing.error.contains(table) && missing.error.contains("age"))
  }
}
