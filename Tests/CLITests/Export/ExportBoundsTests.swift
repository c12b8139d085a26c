import Foundation
import Testing
import AssetMapTestSupport

/// Exports are linear in the map: a map of many distinct attribute keys (one per node here) exports to
/// GEXF at once, and a sheet of one column per key, which would hold nodes × keys cells, is refused
/// saying why instead of filling the memory.
@Suite struct ExportBounds {
    @Test func manyDistinctKeysAreRefusedForSheetsAndExportedToGEXF() throws {
        let dir = try TemporaryFolder()
        let count = 20_000
        var text = "map \"Keys\"\n\n"
        for i in 0..<count { text += "place p\(i) \"P\(i)\"\n  key-\(i): v\(i)\n\n" }
        try dir.write("k.map", text)
        let xlsx = try dir.run("export", "xlsx", "k.map", "-o", "k.xlsx")
        #expect(xlsx.status == 1)
        #expect(
            xlsx.stderr.contains("the map has 20000 attribute keys, more than a spreadsheet's 16384 columns"),
            "\(xlsx.stderr)")
        let csv = try dir.run("export", "csv", "k.map", "-o", "sheets")
        #expect(csv.status == 1)
        #expect(csv.stderr.contains("cells (over 50000000); export kumu or gexf instead"), "\(csv.stderr)")
        let gexf = try dir.run("export", "gexf", "k.map", "-o", "k.gexf")
        #expect(gexf.status == 0, "\(gexf.stderr)")
        #expect(
            try dir.read("k.gexf").contains(
                #"<node id="p19999" label="P19999"><attvalues><attvalue for="0" value="place"/><attvalue for="20000" value="v19999"/></attvalues></node>"#
            ))
    }
}
