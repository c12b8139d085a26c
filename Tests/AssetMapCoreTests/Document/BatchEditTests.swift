import Testing
@testable import AssetMapCore

@Suite struct BatchEditTests {
    @Test func recordsLandBesideTheirKindWithDeclarationsFirstAndEdgesLast() throws {
        var doc = MapDocument(
            text: "map \"M\"\n  area: x\n\nkind venue \"Venues\"\n\ncommunity a \"A\"\n\na -> a self\n")
        let change = try doc.addRecords(
            kinds: [("event", "Events")],
            nodes: [
                NewNode(kind: "event", id: "b", label: "B", attributes: [("when", "May\nand June")]),
                NewNode(kind: "community", id: "c", label: "C"),
            ],
            edges: [NewEdge(from: "c", to: "b", relation: "goes to", attributes: [("since", "2024")])])
        doc.perform(change)
        #expect(
            doc.text == """
                map "M"
                  area: x

                kind venue "Venues"

                kind event "Events"

                community a "A"

                community c "C"

                event b "B"
                  when: May
                  + and June

                a -> a self
                c -> b "goes to"
                  since: 2024

                """)
        #expect(doc.check().filter { $0.severity == .error }.isEmpty)
        doc.perform(change.inverse)
        #expect(doc.graph.nodes.count == 1)
    }

    @Test func refusesBadRecordsAndChangesNothing() {
        let doc = MapDocument(text: "map \"M\"\n\ncommunity a \"A\"\n")
        #expect(throws: EditError.self) {
            try doc.addRecords(nodes: [NewNode(kind: "comunity", id: "x", label: "X")], edges: [])
        }
        #expect(throws: EditError.self) {
            try doc.addRecords(nodes: [NewNode(kind: "community", id: "a", label: "Again")], edges: [])
        }
        #expect(throws: EditError.self) {
            try doc.addRecords(nodes: [], edges: [NewEdge(from: "a", to: "nobody", relation: "knows")])
        }
        #expect(throws: EditError.self) {
            try doc.addRecords(
                nodes: [NewNode(kind: "community", id: "x", label: "X", attributes: [("note", "bell\u{07}")])],
                edges: [])
        }
    }
}
