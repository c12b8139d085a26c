import Testing
import Foundation
@testable import AssetMapCore
import AssetMapTestSupport

/// The loader, the incremental edits and every edit agree with the reference parser (AssetMapTestSupport),
/// written from docs/FORMAT.md alone: records, their attributes, the lines of syntax errors and, where the format
/// says where a mistake is, its column.
@Suite struct ReferenceAgreement {
    static let corpus: [URL] = {
        let folder = PackageRoot.url("Fuzz/corpus")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }()

    @Test func theCorpusIsThere() { #expect(Self.corpus.count >= 20) }

    @Test(arguments: corpus)
    func fuzzCorpusReadsAsTheReferenceReadsIt(_ file: URL) throws {
        let data = try Data(contentsOf: file)
        guard let document = try? MapDocument(data: data) else {
            #expect(
                ReferenceParser.read(data) == nil,
                "the loader refuses \(file.lastPathComponent), the reference reads it")
            return
        }
        #expect(ReferenceComparison.differences(document, data) == [], "\(file.lastPathComponent)")
    }

    @Test func randomMapsReadAsTheReferenceReadsThem() throws {
        for seed in 0..<300 {
            let data = Data(LoadInParts.randomMap(UInt64(seed), lines: 5 + seed % 120).utf8)
            let document = try MapDocument(data: data)
            #expect(ReferenceComparison.differences(document, data) == [], "seed \(seed)")
        }
    }

    @Test(arguments: AssetMapTestSupport.MapLayout.allCases)
    func theBenchmarksMapsReadAsTheReferenceReadsThem(_ layout: AssetMapTestSupport.MapLayout) throws {
        let data = Data(MapGenerator.generate(nodes: 600, layout: layout).mapText.utf8)
        let document = try MapDocument(data: data)
        #expect(document.graph.nodes.count == 600)
        #expect(ReferenceComparison.differences(document, data) == [], "\(layout)")
    }

    /// A `+` line continues the attribute above it (FORMAT.md, "Lines"): after a line that is no attribute (an
    /// error) it continues nothing and is an error too, not more of the attribute before the broken line.
    @Test func aContinuationAfterABrokenAttributeIsAnError() throws {
        let text = """
            barrier b "B"
              clinical: smi
              sote
              + nonsense
            """
        let document = try MapDocument(data: Data(text.utf8))
        #expect(document.graph.syntaxErrors.map(\.line) == [3, 4])
        #expect(document.graph.nodes.first?.attributes.map(\.value) == ["smi"])
        #expect(ReferenceComparison.differences(document, Data(text.utf8)) == [])
    }

    @Test func mistakesTheFormatPlacesAreFoundThere() throws {
        let text = """
            map "M"
            community a “A”
            community b "B \\n"
            community c "C
              Key: value
            kind event"Events"
            event e "E"
            barrier x "X"
              status : open
            """
        let reference = try #require(ReferenceParser.read(Data(text.utf8)))
        #expect(reference.mistakes.map(\.description) == ["2:13", "3:16", "4:13", "9:9"])
        #expect(reference.records.map(\.type) == ["map", "kind", "node", "node"])
        #expect(ReferenceComparison.differences(MapDocument(text: text)) == [])
    }

    /// Random edits of every kind, and their undo: after each the document's graph (updated incrementally)
    /// reads as the reference reads its text.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomEditsReadAsTheReferenceReadsThem(_ seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for map in 0..<8 {
            var document = MapDocument(text: LoadInParts.randomMap(seed * 100 + UInt64(map), lines: 40))
            for step in 0..<40 {
                #expect(RandomEdits.step(&document, &random, step: step) == [], "seed \(seed) map \(map)")
                #expect(ReferenceComparison.differences(document) == [], "seed \(seed) map \(map) step \(step)")
            }
        }
    }

    /// Every edit the command line and the UI make, on a clean map: what it writes reads as the reference reads it.
    @Test func everyEditReadsAsTheReferenceReadsIt() throws {
        let text = """
            map "Edits"
              area: Testham

            kind event"Events"

            community refugees "Refugees"
              note: housed in hotels
              + and moved often

            barrier proof "Proof of address"
              status: open

            improvement cards "Cards"

            event fair "Fair"

            proof -> refugees affects
            cards -> proof addresses
            """
        let edits: [(String, (MapDocument) throws -> Change)] = [
            ("add node", { try $0.addNode(kind: "event", id: "fete", label: "Summer \"fête\"") }),
            (
                "add node with attributes",
                {
                    try $0.addNode(
                        kind: "place", id: "cafe", label: "Café",
                        attributes: [(key: "when", value: "Fridays\nand Saturdays")])
                }
            ),
            ("set", { try $0.setAttribute(.node("proof"), key: "status", value: "agreed") }),
            ("set on the header", { try $0.setAttribute(.header, key: "area", value: " Walsall ") }),
            (
                "set on an edge",
                {
                    try $0.setAttribute(
                        .edge(from: "proof", to: "refugees", relation: "affects"), key: "note", value: "a\nb")
                }
            ),
            ("add attribute", { try $0.addAttribute(.node("refugees"), key: "review", value: "2026-01-01 met") }),
            ("remove attribute", { try $0.removeAttribute(.node("refugees"), key: "note") }),
            ("link", { try $0.link(from: "fair", to: "refugees", relation: "gathers at") }),
            ("unlink", { try $0.unlink(from: "cards", to: "proof", relation: "addresses") }),
            ("remove node", { try $0.removeNode("proof") }),
            ("change id", { try $0.changeID("refugees", to: "people-seeking-asylum") }),
            ("rename", { try $0.renameNode("fair", label: "Winter fair") }),
            ("change kind", { try $0.changeKind("fair", to: "place") }),
            ("propose improvement", { try $0.proposeImprovement(for: "proof", label: "Accept any letter") }),
            ("format", { try $0.formatting() }),
        ]
        for (name, edit) in edits {
            var document = MapDocument(text: text)
            #expect(ReferenceComparison.differences(document) == [], "before \(name)")
            let change = try edit(document)
            document.apply(change)
            #expect(ReferenceComparison.differences(document) == [], "\(name)")
            #expect(ReferenceComparison.differences(MapDocument(text: document.text)) == [], "\(name), read again")
            document.apply(change.inverse)
            #expect(document.text == text, "\(name) undone")
        }
    }
}
