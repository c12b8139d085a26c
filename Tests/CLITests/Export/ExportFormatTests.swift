import Foundation
import Testing
import AssetMapTestSupport

/// `export dot -o FILE.EXT`: every picture Graphviz writes is told from the extension; an unknown one is refused.
@Suite struct ExportFormatTests {
    /// The magic bytes each format starts with.
    @Test(arguments: [
        ("w.jpg", [0xFF, 0xD8, 0xFF]), ("w.jpeg", [0xFF, 0xD8, 0xFF]), ("w.gif", Array("GIF8".utf8)),
        ("w.webp", Array("RIFF".utf8)), ("w.png", [0x89] + Array("PNG".utf8)), ("w.pdf", Array("%PDF".utf8)),
        ("w.PS", Array("%!PS".utf8)), ("w.svg", Array("<?xml".utf8)), ("w.gv", Array("digraph".utf8)),
        ("w.dot", Array("digraph".utf8)), ("w", Array("digraph".utf8)),
    ])
    func extensionChoosesTheBytes(_ name: String, _ magic: [UInt8]) throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run("export", "dot", "w.map", "-o", name)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Data(contentsOf: dir.url.appendingPathComponent(name)).starts(with: magic), "\(name)")
    }

    @Test func anUnknownExtensionOrFormatIsRefusedAndNothingWritten() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let unknown = try dir.run("export", "dot", "w.map", "-o", "w.xyz")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("cannot tell a picture format from '.xyz'; name one with --format"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("w.xyz")))
        let format = try dir.run("export", "dot", "w.map", "--format", "bogus", "-o", "w.out")
        #expect(format.status == 2)
        #expect(format.stderr.contains("cannot write 'bogus'; it writes: "))
        // --format wins over the extension: DOT text in a .txt file when asked for.
        #expect(try dir.run("export", "dot", "w.map", "--format", "dot", "-o", "w.txt").status == 0)
        #expect(try dir.read("w.txt").hasPrefix("digraph"))
    }
}
