import Testing
import Foundation
@testable import AssetMapCore
import AssetMapTestSupport

/// The maps shipped in `maps/`: they must load cleanly, be well linked, and hold no contact details.
@Suite struct ExampleMapTests {
    static let mapsFolder = PackageRoot.url("maps")

    static func load(_ name: String) throws -> MapDocument {
        try MapDocument(contentsOf: mapsFolder.appendingPathComponent(name).path)
    }

    static var mapFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mapsFolder.path)) ?? []
        return names.sorted().map { mapsFolder.appendingPathComponent($0) }
    }

    @Test(arguments: ["walsall.map", "template.map"])
    func parsesWithoutSyntaxErrors(_ name: String) throws {
        let doc = try Self.load(name)
        #expect(doc.graph.syntaxErrors.map { $0.formatted(file: name) } == [])
        #expect(doc.graph.header != nil)
    }

    @Test(arguments: ["walsall.map", "template.map"])
    func checkReportsNothing(_ name: String) throws {
        let doc = try Self.load(name)
        #expect(doc.check().map { $0.formatted(file: name) } == [])
    }

    /// Shipped maps are what people copy, so they should already be in `fmt`'s layout.
    @Test(arguments: ["walsall.map", "template.map"])
    func isAlreadyFormatted(_ name: String) throws {
        let doc = try Self.load(name)
        let changed = try doc.formatting().splices.flatMap(\.removed)
        #expect(changed == [])
    }

    @Test func templateShowsEveryBuiltinKind() throws {
        let graph = try Self.load("template.map").graph
        for kind in KindInfo.builtins {
            #expect(!graph.nodes(ofKind: kind.name).isEmpty, "no \(kind.name) in template.map")
        }
    }

    @Test func walsallIsLargeAndHasAllFiveKinds() throws {
        let graph = try Self.load("walsall.map").graph
        #expect(graph.nodes.count >= 40)
        for kind in KindInfo.builtins {
            #expect(graph.nodes(ofKind: kind.name).count >= 3, "too few of kind \(kind.name)")
        }
    }

    @Test func walsallIdsAreUniqueAndEdgesPointAtNodes() throws {
        let graph = try Self.load("walsall.map").graph
        let ids = graph.nodes.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
        for edge in graph.edges {
            #expect(graph.node(edge.from) != nil, "line \(edge.line + 1): unknown id \(edge.from)")
            #expect(graph.node(edge.to) != nil, "line \(edge.line + 1): unknown id \(edge.to)")
        }
    }

    @Test func walsallEveryNodeHasAnEdge() throws {
        let graph = try Self.load("walsall.map").graph
        for node in graph.nodes {
            #expect(!graph.edges(touching: node.id).isEmpty, "\(node.id) has no edges")
        }
    }

    @Test func walsallEveryBarrierAffectsACommunityAndIsAddressed() throws {
        let graph = try Self.load("walsall.map").graph
        for barrier in graph.nodes(ofKind: "barrier") {
            let affected = graph.edges.filter { $0.from == barrier.id && $0.relation == "affects" }
                .compactMap { graph.node($0.to) }
            #expect(affected.contains { $0.kind == "community" }, "\(barrier.id) affects no community")
            let addressedBy = graph.edges.filter { $0.to == barrier.id && $0.relation == "addresses" }
                .compactMap { graph.node($0.from) }
            #expect(addressedBy.contains { $0.kind == "improvement" }, "no improvement addresses \(barrier.id)")
        }
    }

    /// The Review tab and `report` need a past session to show: some barriers reviewed, some not.
    @Test func walsallCarriesAnIllustrativeReviewSession() throws {
        let barriers = try Self.load("walsall.map").graph.nodes(ofKind: "barrier")
        let reviewed = barriers.filter { !$0.values("review").isEmpty }
        #expect(reviewed.count >= 4)
        #expect(barriers.contains { $0.value("status") == "open" && $0.value("votes") == nil })
        for status in ["discussed", "agreed", "in-progress"] {
            #expect(barriers.contains { $0.value("status") == status }, "no \(status) barrier")
        }
        for barrier in reviewed {
            let dates = barrier.values("review").map { String($0.prefix(10)) }
            #expect(
                dates.allSatisfy { $0.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil }, "\(barrier.id): undated review note"
            )
            #expect(dates == dates.sorted(), "\(barrier.id): review notes out of order")
        }
        let dues = barriers.compactMap { $0.value("due") }
        #expect(
            dues.contains { $0 < "2026-11-22" } && dues.contains { $0 > "2026-11-22" },
            "want both overdue and future actions")
        #expect(barriers.contains { $0.attributes.contains(where: \.isPrivate) })
    }

    // MARK: No contact details in any shipped map

    static var emailPattern: Regex<Substring> { /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/ }
    /// UK numbers: 0 or +44 followed by nine or ten more digits, spaces or dashes allowed between.
    static var ukPhonePattern: Regex<Substring> { /(?:\+44[ -]?\(?0?\)?|\b0)(?:[ -]?\d){9,10}\b/ }

    static func contactDetails(in text: String) -> [String] {
        text.matches(of: emailPattern).map { String($0.output) }
            + text.matches(of: ukPhonePattern).map { String($0.output) }
    }

    @Test func detectorsFindContactDetails() {
        #expect(Self.contactDetails(in: "write to someone@example.org today") == ["someone@example.org"])
        #expect(Self.contactDetails(in: "call 01632 960123") == ["01632 960123"])
        #expect(Self.contactDetails(in: "mobile +44 7700 900123.") == ["+44 7700 900123"])
        #expect(Self.contactDetails(in: "or 07700-900-123") == ["07700-900-123"])
        #expect(Self.contactDetails(in: "due: 2026-10-14, votes: 9, Fridays 17:00–20:00") == [])
    }

    @Test func noMapContainsContactDetails() throws {
        let files = Self.mapFiles
        #expect(files.count >= 2)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(Self.contactDetails(in: text) == [], "\(file.lastPathComponent)")
        }
    }
}
