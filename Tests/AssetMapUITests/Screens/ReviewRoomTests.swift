import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// A room that does what the command line's does to its status, without a network: what the UI asked of it
/// is kept for the tests to check.
final class FakeRoom: RoomLink, @unchecked Sendable {
    var status = RoomStatus()
    var opened: String?
    var shown: [String] = []
    var accepted: [(item: Int, text: String?)] = []
    var discarded: [Int] = []
    var landed = false
    var closed = false

    func show(_ card: BarrierCard) { shown.append(card.id) }

    func addresses() -> [RoomAddress] {
        [
            RoomAddress(interface: "eth0", host: "192.168.1.20", isLoopback: false),
            RoomAddress(interface: "lo", host: "127.0.0.1", isLoopback: true),
        ]
    }

    func earlier() -> String? { nil }

    func open(host: String, communities: [(id: String, label: String)]) throws {
        opened = host
        status.isOpen = true
        status.address = "http://\(host):8080/0123456789abcdef0123456789abcdef0123456789abcdef/"
        // A scatter of dark and light: every pairing of two rows, so every half block, is drawn.
        status.code = (0..<21).map { row in (0..<21).map { (row * row + $0) % 3 == 0 } }
        changed()
    }

    func close() -> String {
        closed = true
        status.isOpen = false
        changed()
        return ""
    }

    func setAllowance(_ votes: Int) throws {
        status.allowance = votes
        changed()
    }

    func accepted(_ item: Int, text: String?) throws {
        accepted.append((item, text))
        status.queue.removeAll { $0.id == item }
        changed()
    }

    func discard(_ item: Int) throws {
        discarded.append(item)
        status.queue.removeAll { $0.id == item }
        changed()
    }

    func votesLanded() throws {
        landed = true
        status.unlanded = []
        changed()
    }

    private func changed() { status.version += 1 }
}

@Suite struct ReviewRoomTests {
    @Test func rListsTheAddressesAndNothingListensUntilOneIsChosen() throws {
        let room = FakeRoom()
        var h = try Harness(room: room)
        h.press(.char("4"), .char("R"))
        let choice = h.screen
        #expect(choice.contains("Open the room"), "\(choice)")
        #expect(choice.contains("192.168.1.20") && choice.contains("127.0.0.1  (this machine only)"), "\(choice)")
        #expect(room.opened == nil)
        #expect(!choice.contains("ROOM OPEN"))
        h.press(.down, .enter)
        #expect(room.opened == "127.0.0.1")
        let open = h.screen
        #expect(open.contains("ROOM OPEN · 0 joined"), "\(open)")
        #expect(open.contains("http://127.0.0.1:8080/0123456789"), "\(open)")
        // The QR code, drawn in half blocks.
        #expect(open.contains("▀") && open.contains("▄") && open.contains("█"), "\(open)")
        #expect(open.contains("3 votes each"), "\(open)")
        h.press(.char("+"), .char("+"), .char("-"))
        #expect(room.status.allowance == 4)
        #expect(h.screen.contains("4 votes each"))
        h.press(.escape)
        #expect(!h.screen.contains("Join at:"))
        // The card on show went to the room.
        #expect(room.shown.last == h.app.review.cardOnShow?.id)
    }

    @Test func rIsListedInHelpAndTheHintLine() throws {
        var h = try Harness(width: 200, height: 60, room: FakeRoom())
        h.press(.char("4"))
        #expect(h.hints.contains("R room"), "\(h.hints)")
        h.press(.char("?"))
        let help = h.screen
        #expect(help.contains("the live review room"), "\(help)")
    }

    @Test func liveVotesShowOnTheCardAndInTheGrid() throws {
        let room = FakeRoom()
        try room.open(host: "127.0.0.1", communities: [])
        room.status.joined = 4
        room.status.votes = ["language": RoomVotes(votes: 3, people: 2)]
        var h = try Harness(room: room)
        h.press(.char("4"))
        for _ in 0..<5 where h.app.review.cardOnShow?.id != "language" { h.press(.char("n")) }
        try #require(h.app.review.cardOnShow?.id == "language")
        h.press(.char("i"), .char("e"))  // rated, so the grid places it
        let card = h.screen
        #expect(card.contains("In the room"), "\(card)")
        #expect(card.contains("3 votes from 2 of 4 joined"), "\(card)")
        h.press(.char("g"))
        #expect(h.screen.contains("No interpreter offered +3 room"), "\(h.screen)")
    }

    @Test func acceptedItemsLandAsEditsOfTheSessionAndTheMapIsSaved() throws {
        let room = FakeRoom()
        try room.open(host: "127.0.0.1", communities: [])
        room.status.queue = [
            RoomQueueItem(id: 1, kind: .note(barrier: "language", text: "Ask at the door, not on the form")),
            RoomQueueItem(
                id: 2, kind: .suggestion(label: "No bus after six", communities: ["roma"], place: "Ring road"),
                name: "Ana"),
            RoomQueueItem(id: 3, kind: .note(barrier: "language", text: "spam")),
        ]
        var h = try Harness(width: 120, room: room)
        h.press(.char("4"), .char("W"))
        let queue = h.screen
        #expect(queue.contains("From the room: 3 waiting"), "\(queue)")
        #expect(queue.contains("Note on No interpreter offered: Ask at the door"), "\(queue)")
        #expect(
            queue.contains("New barrier: No bus after six (affects Roma communities), where: Ring road (Ana)"),
            "\(queue)")
        #expect(!h.documentText.contains("Ask at the door"), "nothing lands before the facilitator says so")

        h.press(.enter)
        #expect(room.accepted.map(\.item) == [1])
        #expect(h.documentText.contains("  review: 2025-03-01 Ask at the door, not on the form (in the room)"))
        #expect(h.fileText == h.documentText, "the accepted note is saved")
        #expect(!h.app.hasUnsavedChanges)

        // Edit, then accept: the barrier lands with the facilitator's label.
        h.press(.char("e"))
        #expect(h.screen.contains("Edit, then accept"), "\(h.screen)")
        h.press(.ctrl("u"))
        h.type("No bus after 6pm")
        h.press(.enter)
        #expect(room.accepted.count == 2 && room.accepted[1].item == 2 && room.accepted[1].text == "No bus after 6pm")
        let saved = try MapDocument(text: h.fileText)
        let barrier = try #require(saved.graph.nodes.first { $0.label == "No bus after 6pm" })
        #expect(barrier.hasKind(.barrier))
        #expect(barrier.values("history") == ["2025-03-01 suggested in the room"])
        #expect(barrier.value("where") == "Ring road")
        #expect(saved.graph.edges.contains { $0.from == barrier.id && $0.to == "roma" && $0.relation == "affects" })
        // Back in the queue: the last one is discarded, and never reaches the map.
        #expect(h.screen.contains("From the room: 1 waiting"), "\(h.screen)")
        h.press(.char("x"))
        #expect(room.discarded == [3])
        #expect(!h.documentText.contains("spam"))
        // Ordinary edits: undo takes the barrier back.
        h.press(.escape, .char("u"))
        #expect(!h.documentText.contains("No bus after 6pm"))
    }

    @Test func theSameKeyClosesTheRoomAndTheVotesLand() throws {
        let room = FakeRoom()
        try room.open(host: "127.0.0.1", communities: [])
        room.status.joined = 3
        room.status.votes = ["language": RoomVotes(votes: 3, people: 2)]
        room.status.unlanded = [("language", 3, 2)]
        var h = try Harness(room: room)
        h.press(.char("4"), .char("R"))
        #expect(h.screen.contains("Join at:"))
        h.press(.char("R"))
        #expect(room.closed && room.landed)
        let doc = try MapDocument(text: h.fileText)
        let language = try #require(doc.graph.node("language"))
        #expect(language.value("votes") == "3")
        #expect(language.values("history").contains("2025-03-01 3 votes from 2 participants in the room"))
        #expect(!h.screen.contains("ROOM OPEN"), "\(h.screen)")
        // The minutes say who was in the room and what it voted.
        h.press(.char("m"), .char("w"))
        let minutes = try String(contentsOfFile: h.folderPath + "/minutes-2025-03-01.md", encoding: .utf8)
        #expect(minutes.contains("The room"), "\(minutes)")
        #expect(minutes.contains("3 joined"), "\(minutes)")
        #expect(minutes.contains("3 votes from 2 participants"), "\(minutes)")
    }
}
