import FaceData
import LatentBasics
import Testing

@Suite("Metadata CSV")
struct MetadataTests {
  @Test("columns are read by file name, with quoted fields")
  func quoted() throws {
    let csv =
      "file,expression,note\n1_0.png,neutral,\"plain, calm\"\n1_1.png,smiling,\"said \"\"hi\"\"\"\n"
    let table = try FaceMetadata(csv: csv)
    #expect(table.columns == ["file", "expression", "note"])
    #expect(table.value("expression", forFile: "/data/1_1.png") == "smiling")
    #expect(table.value("note", forFile: "1_0.png") == "plain, calm")
    #expect(table.value("note", forFile: "1_1.png") == "said \"hi\"")
    #expect(table.value("age", forFile: "1_1.png") == nil)
    #expect(table.value("expression", forFile: "2_0.png") == nil)
  }

  @Test("a ragged row or a missing file column is an error")
  func malformed() {
    #expect(throws: LatentError.self) { try FaceMetadata(csv: "file,a\nx.png,1,2\n") }
    #expect(throws: LatentError.self) { try FaceMetadata(csv: "name,a\nx.png,1\n") }
  }
}
