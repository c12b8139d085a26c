import AssetMapCore
import Foundation
import Testing
@testable import AssetMapRoom

/// The room against a real map file: what lands, and what a restart gets back.
@Suite struct RoomHubTests {
    static let map = """
        map "Room"
        community refugees "Refugees"
        barrier fares "Bus fares"
          votes: 2
          private-source: told in confidence

        fares -> refugees affects

        """

    let path: String

    init() throws {
        let folder = NSTemporaryDirectory() + "room-hub-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/site.map"
        try Data(Self.map.utf8).write(to: URL(fileURLWithPath: path))
    }

    func text() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// A dropped hub lets go of the journal's lock once its last flush task ends: a moment later.
    static func onceReleased<T>(_ open: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(5)
        while true {
            do { return try open() } catch  where "\(error)".contains("another room is open") && Date() < deadline {
                usleep(10_000)
            }
        }
    }

    func openHub(recovered: [RoomEvent] = []) throws -> RoomHub {
        try Self.onceReleased { try openHubNow(recovered: recovered) }
    }

    func openHubNow(recovered: [RoomEvent]) throws -> RoomHub {
        try RoomHub(
            mapPath: path, communities: [RoomCommunity(id: "refugees", label: "Refugees")], recovered: recovered)
    }

    func fares() throws -> RoomCard {
        RoomCard(try #require(Review.card("fares", in: MapDocument(text: Self.map).graph)))
    }

    @Test func acceptedItemsAndVotesLandWithTheirHistoryAndNothingElse() async throws {
        let hub = try openHub()
        try await hub.show(try fares())
        let ann = try await hub.join()
        let bob = try await hub.join()
        _ = try await hub.vote(ann, barrier: "fares", delta: 1)
        _ = try await hub.vote(ann, barrier: "fares", delta: 1)
        _ = try await hub.vote(bob, barrier: "fares", delta: 1)
        _ = try await hub.vote(ann, barrier: "fares", delta: -1)
        _ = try await hub.note(bob, text: "Return fares are £9", name: nil)
        _ = try await hub.suggest(ann, label: "No step-free entrance", communities: ["refugees"], place: nil, name: nil)
        #expect(try text() == Self.map)  // nothing a phone sends changes the map
        try await hub.accept(2, date: "2026-12-07")
        try await hub.discard(1)
        try await hub.close(date: "2026-12-07")
        let landed = try text()
        #expect(
            landed == """
                map "Room"
                community refugees "Refugees"
                barrier fares "Bus fares"
                  votes: 4
                  private-source: told in confidence
                  history: 2026-12-07 votes set to 4 (was 2)
                  history: 2026-12-07 4 votes from 2 participants in the room
                barrier no-step-free-entrance "No step-free entrance"
                  status: open
                  history: 2026-12-07 suggested in the room

                fares -> refugees affects
                no-step-free-entrance -> refugees affects

                """, "\(landed)")
        #expect(!FileManager.default.fileExists(atPath: RoomJournal.path(besides: path)))
    }

    @Test func whatWasAcknowledgedComesBackFromTheJournal() async throws {
        var hub: RoomHub? = try openHub()
        try await hub!.show(try fares())
        let ann = try await hub!.join()
        _ = try await hub!.vote(ann, barrier: "fares", delta: 1)
        _ = try await hub!.note(ann, text: "Kept", name: "Ann")
        let before = await hub!.room
        hub = nil  // as a kill leaves it: nothing closed, the journal's lock let go
        // As after a kill: nothing closed, the journal read back.
        let events = try #require(try RoomJournal.read(RoomJournal.path(besides: path)))
        let again = try openHub(recovered: events)
        #expect(await again.room == before)
        #expect(await again.isParticipant(ann))
        _ = try await again.vote(ann, barrier: "fares", delta: 1)
        #expect(await again.room.tally["fares"]?.votes == 2)
    }

    @Test func aPhoneSeesItsOwnVotesAndNoPrivateAttribute() async throws {
        let hub = try openHub()
        try await hub.show(try fares())
        let ann = try await hub.join()
        let bob = try await hub.join()
        _ = try await hub.vote(ann, barrier: "fares", delta: 1)
        let view = await hub.view(for: bob)
        #expect(view.votesHere == 0 && view.votesLeft == 3)
        let json = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
        #expect(!json.contains("confidence"))
        #expect(json.contains("Bus fares"))
    }

    @Test func undecidedItemsKeepTheJournalWhenTheRoomCloses() async throws {
        let hub = try openHub()
        try await hub.show(try fares())
        let ann = try await hub.join()
        _ = try await hub.note(ann, text: "Still to decide", name: nil)
        try await hub.close(date: "2026-12-07")
        let events = try #require(try RoomJournal.read(RoomJournal.path(besides: path)))
        #expect(Room.replay(events).pending.count == 1)
    }

    // MARK: A crash inside a landing

    struct Killed: Error {}

    func count(_ text: String, in map: String) -> Int { map.components(separatedBy: text).count - 1 }

    /// What the hub's landing does up to a kill: with `saved`, the kill comes after the map's save and
    /// before its `accepted` or `votesLanded` line; without, between the journaled intent and the save.
    func crash(saved: Bool, _ land: (RoomJournal, @escaping RoomLanding.Intent) throws -> Void) throws {
        let journal = try Self.onceReleased { try RoomJournal(path: RoomJournal.path(besides: path)) }
        do {
            try land(journal, { _ in if !saved { throw Killed() } })
        } catch is Killed {}
    }

    func intent(_ journal: RoomJournal, item: Int?, then: @escaping RoomLanding.Intent) -> RoomLanding.Intent {
        { marks in
            try journal.append(.landing(RoomLandingIntent(item: item, text: nil, marks: marks)))
            try then(marks)
        }
    }

    @Test func aKillBetweenTheSaveAndItsJournalLineLandsNothingTwice() async throws {
        var hub: RoomHub? = try openHub()
        try await hub!.show(try fares())
        let ann = try await hub!.join()
        _ = try await hub!.vote(ann, barrier: "fares", delta: 1)
        _ = try await hub!.note(ann, text: "Return fares are 9 pounds", name: nil)
        let note = try #require(await hub!.room.pending.first)
        hub = nil
        try crash(saved: true) { journal, after in
            _ = try RoomLanding.land(
                note, in: path, date: "2026-12-07", intent: intent(journal, item: note.id, then: after))
        }
        #expect(count("(in the room)", in: try text()) == 1)
        // The next start sees the note in the map: not waiting any more, and the journal says so.
        var again: RoomHub? = try openHub(
            recovered: try #require(try RoomJournal.read(RoomJournal.path(besides: path))))
        #expect(await again!.room.pending.isEmpty)
        #expect(try RoomJournal.read(RoomJournal.path(besides: path))?.last == .accepted(item: note.id, text: nil))
        let room = await again!.room
        again = nil
        try crash(saved: true) { journal, after in
            _ = try RoomLanding.landVotes(
                room, in: path, date: "2026-12-07", intent: intent(journal, item: nil, then: after))
        }
        let last = try openHub(recovered: try #require(try RoomJournal.read(RoomJournal.path(besides: path))))
        #expect(await last.room.unlandedVotes.isEmpty)
        try await last.close(date: "2026-12-07")
        let landed = try text()
        #expect(count("  votes: 3\n", in: landed) == 1, "\(landed)")
        #expect(count("history: 2026-12-07 3 votes from 1 participant in the room", in: landed) == 1, "\(landed)")
        #expect(count("review: 2026-12-07 Return fares are 9 pounds (in the room)", in: landed) == 1, "\(landed)")
        #expect(!FileManager.default.fileExists(atPath: RoomJournal.path(besides: path)))
    }

    @Test func aKillBetweenTheIntentAndTheSaveLandsItOnceLater() async throws {
        var hub: RoomHub? = try openHub()
        try await hub!.show(try fares())
        let ann = try await hub!.join()
        _ = try await hub!.vote(ann, barrier: "fares", delta: 1)
        _ = try await hub!.suggest(
            ann, label: "No step-free entrance", communities: ["refugees"], place: nil, name: nil)
        let room = await hub!.room
        let suggestion = try #require(room.pending.first)
        hub = nil
        try crash(saved: false) { journal, after in
            _ = try RoomLanding.land(
                suggestion, in: path, date: "2026-12-07", intent: intent(journal, item: suggestion.id, then: after))
        }
        #expect(try text() == Self.map)
        var again: RoomHub? = try openHub(
            recovered: try #require(try RoomJournal.read(RoomJournal.path(besides: path))))
        #expect(await again!.room.pending == [suggestion])
        try await again!.accept(suggestion.id, date: "2026-12-07")
        let afterAccept = await again!.room
        again = nil
        try crash(saved: false) { journal, after in
            _ = try RoomLanding.landVotes(
                afterAccept, in: path, date: "2026-12-07", intent: intent(journal, item: nil, then: after))
        }
        let last = try openHub(recovered: try #require(try RoomJournal.read(RoomJournal.path(besides: path))))
        #expect(await last.room.unlandedVotes.count == 1)
        try await last.close(date: "2026-12-07")
        let landed = try text()
        #expect(count("barrier no-step-free-entrance", in: landed) == 1, "\(landed)")
        #expect(count("suggested in the room", in: landed) == 1, "\(landed)")
        #expect(count("  votes: 3\n", in: landed) == 1, "\(landed)")
        #expect(count("3 votes from 1 participant in the room", in: landed) == 1, "\(landed)")
    }
}

/// The facilitator's program landing items and votes itself (edits of its open session): the room only notes it.
@Suite struct RoomHubNotingTests {
    @Test func notedAcceptanceAndVotesWriteNothingToTheMapAndSurviveAReplay() async throws {
        let folder = NSTemporaryDirectory() + "room-noting-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/site.map"
        try Data(RoomHubTests.map.utf8).write(to: URL(fileURLWithPath: path))
        let card = RoomCard(try #require(Review.card("fares", in: MapDocument(text: RoomHubTests.map).graph)))
        var hub: RoomHub? = try RoomHub(mapPath: path, communities: [RoomCommunity(id: "refugees", label: "Refugees")])
        try await hub!.show(card)
        let ann = try await hub!.join()
        _ = try await hub!.vote(ann, barrier: "fares", delta: 1)
        _ = try await hub!.note(ann, text: "Return fares are £9", name: nil)
        try await hub!.noteAccepted(1, text: "Return fares cost £9")
        try await hub!.noteVotesLanded()
        await #expect(throws: EditError.self) { try await hub!.noteAccepted(1) }
        #expect(await hub!.room.unlandedVotes.isEmpty)
        #expect(await hub!.room.items.first?.kind == .note(barrier: "fares", text: "Return fares cost £9"))
        try await hub!.close(landing: false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == RoomHubTests.map)
        // Nothing is left undecided: the journal goes with the room.
        #expect(!FileManager.default.fileExists(atPath: RoomJournal.path(besides: path)))
        hub = nil
    }
}
