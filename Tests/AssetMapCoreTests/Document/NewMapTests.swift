import Foundation
import Testing

@testable import AssetMapCore

/// `MapDocument.newMap`: what `assetmap new` and the UI start a map from.
@Suite struct NewMapTests {
    @Test func holdsTheTitleAndAreaAndNoRecords() throws {
        let document = try MapDocument.newMap(title: " Generation Café map ", area: "Walsall")
        #expect(document.graph.header?.title == "Generation Café map")
        #expect(document.graph.header?.values("area") == ["Walsall"])
        #expect(document.graph.nodes.isEmpty && document.graph.edges.isEmpty)
        #expect(document.check().isEmpty, "\(document.check())")
        let text = String(decoding: document.data, as: UTF8.self)
        #expect(text.hasSuffix("map \"Generation Café map\"\n  area: Walsall\n"), "\(text)")
        #expect(text.hasPrefix("# "), "a comment says where the format is described")
        // What is written is read back the same.
        let reread = try MapDocument(data: document.data)
        #expect(reread.graph.header == document.graph.header)
    }

    @Test func anEmptyAreaIsLeftOut() throws {
        let document = try MapDocument.newMap(title: "Our map", area: "  ")
        #expect(document.graph.header?.title == "Our map")
        #expect(document.graph.header?.attributes.isEmpty == true)
    }

    @Test func quotesAndBackslashesInTheTitleAreEscaped() throws {
        let title = #"The "Here & Queer" \ map"#
        let document = try MapDocument.newMap(title: title, area: "")
        #expect(try MapDocument(data: document.data).graph.header?.title == title)
    }

    @Test(arguments: [("", "Walsall"), ("   ", ""), ("Two\nlines", ""), ("Bell\u{7}", ""), ("Fine", "Esc\u{1B}[2J")])
    func refusesWhatCannotBeWritten(title: String, area: String) {
        #expect(throws: EditError.self) { try MapDocument.newMap(title: title, area: area) }
    }
}
