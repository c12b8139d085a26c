import Testing
@testable import AssetMapCore

@Suite struct RoomEditsTests {
    static let map = """
        map "Room"
        community refugees "Refugees"
        community roma "Roma communities"
        place cafe "Generation Café"
        barrier fares "Bus fares"
          votes: 2

        fares -> refugees affects

        """

    func applied(_ change: Change, to text: String = map) -> String {
        var doc = MapDocument(text: text)
        doc.apply(change)
        return doc.text
    }

    @Test func votesAddToTheCountWithAHistoryLine() throws {
        let doc = MapDocument(text: Self.map)
        let text = applied(try doc.recordRoomVotes("fares", added: 5, participants: 3, date: "2026-12-07"))
        #expect(text.contains("  votes: 7\n"))
        #expect(text.contains("  history: 2026-12-07 7 votes from 3 participants in the room\n"))
        #expect(MapDocument(text: text).check().filter { $0.severity == .error }.isEmpty)
    }

    @Test func aNoteSaysItCameFromTheRoom() throws {
        let doc = MapDocument(text: Self.map)
        let text = applied(try doc.addRoomNote("fares", text: "Return fares cost £9", date: "2026-12-07"))
        #expect(text.contains("  review: 2026-12-07 Return fares cost £9 (in the room)\n"))
    }

    @Test func aSuggestedBarrierIsOneUndoableChangeWithItsLinks() throws {
        let doc = MapDocument(text: Self.map)
        let (id, change) = try doc.addSuggestedBarrier(
            label: "No <b>step-free</b> entrance", communities: ["roma", "refugees", "roma"], place: "Pleck",
            date: "2026-12-07")
        #expect(id.hasPrefix("no-") && !id.contains("<"))
        let after = MapDocument(text: applied(change))
        let node = try #require(after.graph.node(id))
        #expect(node.label == "No <b>step-free</b> entrance")
        #expect(node.value("status") == "open")
        #expect(node.value("where") == "Pleck")
        #expect(node.value("history") == "2026-12-07 suggested in the room")
        let affected = after.graph.edges.filter { $0.from == id && $0.relation == "affects" }.map(\.to).sorted()
        #expect(affected == ["refugees", "roma"])
        var undone = after
        undone.apply(change.inverse)
        #expect(undone.text == Self.map)
    }

    @Test func aSuggestionNamingANonCommunityIsRefused() throws {
        let doc = MapDocument(text: Self.map)
        #expect(throws: EditError.self) { try doc.addSuggestedBarrier(label: "X", communities: ["cafe"]) }
        #expect(throws: EditError.self) { try doc.addSuggestedBarrier(label: "X", communities: ["nobody"]) }
    }
}
