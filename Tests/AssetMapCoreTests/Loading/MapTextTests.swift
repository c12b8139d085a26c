import Testing
import Foundation
@testable import AssetMapCore

/// Labels and values kept as places in the file read as the Strings they stand for, compare and hash as those
/// Strings do, and outlive edits to the document around them.
@Suite struct MapTexts {
    static let text = """
        community long "A label well over fifteen bytes — with a dash"
          note: A value well over fifteen bytes   \t
          when: short
          offers: advice and support for families
          + and a second line
        place hall "Hall"

        """

    @Test func longTextsReadAsTheirStrings() throws {
        let document = MapDocument(text: Self.text)
        let node = try #require(document.graph.node("long"))
        #expect(node.label == "A label well over fifteen bytes — with a dash")
        #expect(node.value("note") == "A value well over fifteen bytes")
        #expect(node.value("when") == "short")
        #expect(node.value("offers") == "advice and support for families\nand a second line")
        // Kept as places in the file (what makes a load lean); the short and the continued ones are Strings.
        #expect(node.labelText.isPlaceInFile && node.attributes[0].valueText.isPlaceInFile)
        #expect(!node.attributes[1].valueText.isPlaceInFile && !node.attributes[2].valueText.isPlaceInFile)
        // Equal to, and hashed as, the same record built from Strings.
        let built = Node(
            kind: node.kind, id: node.id, label: node.label,
            attributes: node.attributes.map {
                Attribute(
                    key: $0.key, value: $0.value, offset: $0.offset, lineCount: $0.lineCount,
                    valueColumn: $0.valueColumn)
            }, line: node.line, endLine: node.endLine, idColumn: node.idColumn)
        #expect(built == node)
        #expect(Set(node.attributes) == Set(built.attributes))
        #expect(!built.labelText.isPlaceInFile)
    }

    /// Two texts are equal exactly when their Strings are: byte for byte, canonically, and not otherwise.
    @Test func equalityIsTheStrings() throws {
        let composed = "Café de la communauté, every Friday",
            decomposed = "Cafe\u{301} de la communaute\u{301}, every Friday"
        let document = MapDocument(
            text:
                "community a \"\(composed)\"\ncommunity b \"\(decomposed)\"\ncommunity c \"\(composed)\"\ncommunity d \"\(composed)!\"\n"
        )
        let labels = ["a", "b", "c", "d"].compactMap { document.graph.node($0)?.labelText }
        try #require(labels.count == 4)
        #expect(labels.allSatisfy { $0.isPlaceInFile })
        #expect(labels[0] == labels[2] && labels[0] == labels[1] && labels[0] != labels[3])
        #expect(labels[0] == MapText(decomposed) && MapText(decomposed) == labels[0])
        #expect(labels[0].hashValue == labels[1].hashValue && labels[0].hashValue == MapText(composed).hashValue)
    }

    /// Bytes that are not UTF-8 read as `String(decoding:)` reads them, however often asked for.
    @Test func invalidBytesReadAsStringDecodingReadsThem() throws {
        var bytes = Array("community a \"Sixteen bytes or more: ".utf8)
        bytes += [0xFF, 0xC3]
        bytes += Array("\"\n".utf8)
        let loaded = try #require(Parser.load(Data(bytes), validate: false))
        let label = try #require(loaded.graph.nodes.first).label
        #expect(label == String(decoding: bytes[13..<(bytes.count - 2)], as: UTF8.self))
        #expect(label.hasSuffix("\u{FFFD}\u{FFFD}"))
    }

    /// Edits around a record leave its texts reading right; an edited label or value is a String of its own, and
    /// records added by edits (lines not in the file) hold Strings.
    @Test func textsOutliveEdits() throws {
        var document = MapDocument(text: Self.text)
        document.apply(
            try document.addNode(
                kind: "barrier", id: "new", label: "A new barrier with a long label",
                attributes: [("note", "Raised at the session in the hall")]))
        document.apply(try document.removeNode("hall"))
        document.apply(try document.setAttribute(.node("long"), key: "when", value: "Every other Thursday afternoon"))
        let node = try #require(document.graph.node("long"))
        #expect(node.label == "A label well over fifteen bytes — with a dash" && node.labelText.isPlaceInFile)
        #expect(node.value("note") == "A value well over fifteen bytes")
        #expect(node.value("when") == "Every other Thursday afternoon")
        let added = try #require(document.graph.node("new"))
        #expect(added.label == "A new barrier with a long label" && !added.labelText.isPlaceInFile)
        #expect(added.value("note") == "Raised at the session in the hall")
        var renamed = node
        renamed.label = "Renamed"
        #expect(renamed.label == "Renamed" && !renamed.labelText.isPlaceInFile && renamed != node)
        let reread = MapDocument(text: document.text).graph
        #expect(document.graph.nodes == reread.nodes && document.graph.edges == reread.edges)
    }
}

extension MapText {
    /// Whether the text is still only a place in the file: its storage's case, read by reflection so Core
    /// keeps no code for tests.
    var isPlaceInFile: Bool {
        let storage = Mirror(reflecting: self).children.first { $0.label == "storage" }?.value
        return storage.flatMap { Mirror(reflecting: $0).children.first?.label } == "file"
    }
}
