import AssetMapCore
import Foundation
import XCTest
@testable import AssetMapInterchange

let sampleMap = """
    map "Walsall"

    community refugees "Refugees and people seeking asylum"
      plus: yes

    organisation rmc "Refugee and Migrant Centre"
      note: Drop-in on Tuesdays
      + and Thursdays
      tags: advice
      tags: esol
      clinical: maternity, smi
      private-source: told in confidence

    place generation-cafe "Generation Café at Nashdom"

    kind event "Events"

    event fun-day "Fun day"

    refugees -> rmc trusts
      since: 2024
    refugees -> generation-cafe "gathers at"

    """

func table(_ name: String, _ text: String) throws -> (table: Table, required: Bool) {
    (try CSVTable.read(Data(text.utf8), name: name), true)
}

func imported(_ tables: [(table: Table, required: Bool)], into text: String = "map \"New\"\n") throws -> (
    MapDocument, ImportSummary
) {
    var doc = MapDocument(text: text)
    let summary = try MapImport.apply(KumuSheets.importSet(tables), to: &doc, today: "2026-11-25")
    return (doc, summary)
}

/// Nodes, edges and attributes, ignoring layout: what a round trip must keep.
func records(_ graph: MapGraph) -> [String] {
    graph.nodes.map { n in
        "\(n.kind) \(n.id) \(n.label) " + n.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }.sorted()
        + graph.edges.map { e in
            "\(e.from)->\(e.to) \(e.relation) " + e.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        }.sorted()
}

final class ImportTests: XCTestCase {
    func testElementsAndConnectionsMakeNodesEdgesAndKinds() throws {
        let (doc, summary) = try imported([
            try table(
                "elements.csv",
                """
                Label,Type,Description,Tags,Clinical,Opening Hours (winter),Private Source
                Refugee and Migrant Centre,Organizations,Advice,charity | advice,maternity | smi,9-5,heard at the café
                Generation Café,venue,,,,,
                Refugees,Comunity,,,,,
                Fun day,Event,,,,,
                """),
            try table(
                "connections.csv",
                """
                From,To,Type,Since
                refugees,Refugee and Migrant Centre | generation café,trusts,2024
                Fun day,Refugees,,
                """),
        ])
        XCTAssertEqual(doc.check().filter { $0.severity == .error }, [])
        XCTAssertEqual(
            records(doc.graph),
            [
                "community refugees Refugees ",
                "event fun-day Fun day ",
                "organisation refugee-and-migrant-centre Refugee and Migrant Centre note=Advice;tags=charity;tags=advice;clinical=maternity, smi;opening-hours-winter=9-5;private-source=heard at the café",
                "place generation-cafe Generation Café ",
                "fun-day->refugees connected to ",
                "refugees->generation-cafe trusts since=2024",
                "refugees->refugee-and-migrant-centre trusts since=2024",
            ])
        XCTAssertEqual(doc.graph.kind(named: "event")?.plural, "Events")
        XCTAssertEqual(summary.lines, ["added 4 nodes and 3 edges; updated 0 nodes and 0 edges; declared 1 kind"])
    }

    func testReimportingTheSameSheetsChangesNothing() throws {
        let tables = [
            try table(
                "e.csv", "ID,Label,Type,Tags\nrmc,Refugee and Migrant Centre,organisation,a | b\n,New place,place,x\n"),
            try table("c.csv", "From,To,Type\nrefugees,rmc,trusts\nNew place,rmc,hosts\n"),
        ]
        let (once, _) = try imported(tables, into: sampleMap)
        let (twice, summary) = try imported(tables, into: once.text)
        XCTAssertEqual(twice.text, once.text)
        XCTAssertEqual(summary.lines, ["added 0 nodes and 0 edges; updated 0 nodes and 0 edges"])
    }

    func testAChangedCellChangesThatOneAttributeLine() throws {
        let before =
            "Label,Type,Opening\nGeneration Café at Nashdom,place,Fridays\nRefugee and Migrant Centre,organisation,Mondays\n"
        let (first, _) = try imported([try table("e.csv", before)], into: sampleMap)
        let (second, summary) = try imported(
            [try table("e.csv", before.replacingOccurrences(of: "Mondays", with: "Tuesdays"))], into: first.text)
        let old = first.text.split(separator: "\n", omittingEmptySubsequences: false)
        let new = second.text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(old.count, new.count)
        XCTAssertEqual(
            zip(old, new).filter { $0 != $1 }.map { "\($0) => \($1)" }, ["  opening: Mondays =>   opening: Tuesdays"])
        XCTAssertEqual(summary.updatedNodes, 1)
    }

    func testMatchesByIdThenByLabelAndKindAndLeavesOtherRecordsAlone() throws {
        let (doc, summary) = try imported(
            [
                try table(
                    "e.csv",
                    "ID,Label,Type,Status\nrmc,Refugee & Migrant Centre,organisation,open\n,Generation Café at Nashdom,Place,busy\n,Generation Café at Nashdom,community,\n"
                )
            ], into: sampleMap)
        XCTAssertEqual(doc.graph.node("rmc")?.label, "Refugee & Migrant Centre")
        XCTAssertEqual(doc.graph.node("rmc")?.value("private-source"), "told in confidence")
        XCTAssertEqual(doc.graph.node("generation-cafe")?.value("status"), "busy")
        // Same label, another kind: a new node with its own id.
        XCTAssertEqual(doc.graph.node("generation-cafe-at-nashdom")?.kind, "community")
        XCTAssertNotNil(doc.graph.node("fun-day"))
        XCTAssertEqual(doc.graph.edges.count, 2)
        XCTAssertEqual(summary.updatedNodes, 2)
    }

    func testBadRowsAreReportedWithFileRowColumnAndSuggestion() throws {
        var doc = MapDocument(text: sampleMap)
        let before = doc.text
        XCTAssertThrowsError(
            try MapImport.apply(
                KumuSheets.importSet([
                    try table("elements.csv", "ID,Label,Type,%\nbad id,X,place,\n,,place,\nok,Fine,place,\n"),
                    try table(
                        "connections.csv", "From,To,Type\nrmc2,refugees,trusts\nok,Generation Cafe at Nashdom,x\n"),
                ]), to: &doc)
        ) { error in
            XCTAssertEqual(
                (error as? InputErrors)?.description,
                """
                elements.csv:1:4: error: the column header '%' cannot name an attribute: it needs a letter or a digit
                elements.csv:2:1: error: ID 'bad id' is not a valid id: use letters, digits, '_', '.' and '-', starting with a letter, digit or '_'
                elements.csv:3:2: error: the element has no Label
                """)
        }
        XCTAssertThrowsError(
            try MapImport.apply(
                KumuSheets.importSet([
                    try table(
                        "connections.csv", "From,To,Type\nrmc2,refugees,trusts\nrefugees,Generation Cafe at Nashdom,x\n"
                    )
                ]), to: &doc)
        ) { error in
            XCTAssertEqual(
                (error as? InputErrors)?.description,
                """
                connections.csv:2:1: error: From 'rmc2' is no element's id or label (did you mean 'rmc'?)
                connections.csv:3:2: error: To 'Generation Cafe at Nashdom' is no element's id or label (did you mean 'Generation Café at Nashdom'?)
                """)
        }
        XCTAssertEqual(doc.text, before)
    }

    func testControlCharactersInCellsAreRefusedAtTheirCell() throws {
        XCTAssertThrowsError(try KumuSheets.importSet([try table("e.csv", "Label,Note\nA,fine\nB,bell\u{07}here\n")])) {
            error in
            XCTAssertEqual((error as? InputErrors)?.errors.map { "\($0.row):\($0.column)" }, ["3:2"])
            XCTAssertTrue((error as? InputErrors)?.description.contains("control character") ?? false)
        }
    }

    func testUnrecognisedSheetSaysWhatASheetNeeds() throws {
        XCTAssertThrowsError(try KumuSheets.importSet([try table("people.csv", "Lable,Type\nA,place\n")])) { error in
            XCTAssertEqual(
                (error as? InputErrors)?.description,
                "people.csv:1:1: error: not an elements or connections sheet: its header starts 'Lable, Type' (did you mean 'Label'?); an elements sheet starts with Label (or ID, Label), a connections sheet with From, To (or ID, From, To), an edge list with Source, Target"
            )
        }
    }

    func testRoundTripThroughCSVAndWorkbookKeepsRecords() throws {
        let map = MapDocument(text: sampleMap)
        let csv = try MapExport.csv(map.graph, includePrivate: true)
        let (fromCSV, _) = try imported([
            (try CSVTable.read(csv.elements, name: "elements.csv"), true),
            (try CSVTable.read(csv.connections, name: "connections.csv"), true),
        ])
        XCTAssertEqual(records(fromCSV.graph), records(map.graph))
        let book = try Workbook.read(MapExport.xlsx(map.graph, includePrivate: true), name: "map.xlsx")
        let (fromBook, _) = try imported(book.map { ($0, false) })
        XCTAssertEqual(records(fromBook.graph), records(map.graph))
    }

    func testExportsLeavePrivateAttributesOutUnlessAsked() throws {
        let graph = MapDocument(text: sampleMap).graph
        XCTAssertFalse(MapExport.sheets(graph, includePrivate: false).elements[0].contains("private-source"))
        XCTAssertTrue(MapExport.sheets(graph, includePrivate: true).elements[0].contains("private-source"))
        XCTAssertFalse(
            String(decoding: try MapExport.kumuJSON(graph, includePrivate: false), as: UTF8.self).contains("confidence")
        )
        XCTAssertTrue(
            String(decoding: try MapExport.kumuJSON(graph, includePrivate: true), as: UTF8.self).contains("confidence"))
        XCTAssertFalse(
            String(decoding: GraphExport.gexf(graph, includePrivate: false), as: UTF8.self).contains("confidence"))
    }

    func testKumuJSONHasElementsAndDirectedConnections() throws {
        let json =
            try JSONSerialization.jsonObject(
                with: MapExport.kumuJSON(MapDocument(text: sampleMap).graph, includePrivate: false)) as! [String: Any]
        let elements = json["elements"] as! [[String: Any]]
        let connections = json["connections"] as! [[String: Any]]
        XCTAssertEqual(elements.count, 4)
        let rmc = elements.first { $0["id"] as? String == "rmc" }!
        XCTAssertEqual(rmc["label"] as? String, "Refugee and Migrant Centre")
        XCTAssertEqual(rmc["type"] as? String, "organisation")
        XCTAssertEqual(rmc["description"] as? String, "Drop-in on Tuesdays\nand Thursdays")
        XCTAssertEqual(rmc["tags"] as? [String], ["advice", "esol"])
        XCTAssertEqual(connections.first?["from"] as? String, "refugees")
        XCTAssertEqual(connections.first?["direction"] as? String, "directed")
        XCTAssertEqual(connections.first?["since"] as? String, "2024")
    }
}
