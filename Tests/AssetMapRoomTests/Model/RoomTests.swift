import Testing
@testable import AssetMapRoom

@Suite struct RoomTests {
    static let fares = RoomCard(id: "fares", label: "Bus fares", communities: ["Refugees"])
    static let online = RoomCard(id: "online", label: "Appointments only online")

    /// A room with `people` joined and the fares card on show.
    func room(people: [String] = ["ann", "bob"]) throws -> Room {
        var room = Room(communities: [RoomCommunity(id: "refugees", label: "Refugees")])
        for id in people { room.apply(try room.checkJoin(id)) }
        room.apply(.shown(card: Self.fares))
        return room
    }

    @Test func votesAreCountedPerBarrierAndParticipant() throws {
        var room = try room()
        room.apply(try room.checkVote("ann", barrier: "fares", delta: 1))
        room.apply(try room.checkVote("ann", barrier: "fares", delta: 1))
        room.apply(try room.checkVote("bob", barrier: "fares", delta: 1))
        #expect(room.tally["fares"]?.votes == 3)
        #expect(room.tally["fares"]?.participants == 2)
        #expect(room.votesLeft("ann") == 1)
        room.apply(try room.checkVote("ann", barrier: "fares", delta: -1))
        #expect(room.tally["fares"]?.votes == 2)
        #expect(room.votesLeft("ann") == 2)
    }

    @Test func theAllowanceIsKeptAndCanBeChanged() throws {
        var room = try room()
        for _ in 0..<3 { room.apply(try room.checkVote("ann", barrier: "fares", delta: 1)) }
        #expect(throws: RoomRefusal.noVotesLeft(allowance: 3)) { try room.checkVote("ann", barrier: "fares", delta: 1) }
        room.apply(.allowance(5))
        #expect(room.votesLeft("ann") == 2)
        #expect(throws: RoomRefusal.noVoteToTakeBack) { try room.checkVote("bob", barrier: "fares", delta: -1) }
    }

    @Test func votesGoOnlyOnShownCardsByKnownParticipantsOneAtATime() throws {
        var room = try room()
        #expect(throws: RoomRefusal.notShown) { try room.checkVote("ann", barrier: "online", delta: 1) }
        #expect(throws: RoomRefusal.unknownParticipant) { try room.checkVote("mallory", barrier: "fares", delta: 1) }
        #expect(throws: RoomRefusal.badVote) { try room.checkVote("ann", barrier: "fares", delta: 3) }
        room.apply(.shown(card: Self.online))
        // A card shown earlier still takes votes.
        room.apply(try room.checkVote("ann", barrier: "fares", delta: 1))
        room.apply(try room.checkVote("ann", barrier: "online", delta: 1))
        #expect(room.tally["fares"]?.votes == 1 && room.tally["online"]?.votes == 1)
    }

    @Test func theRoomIsFullAtItsLimit() throws {
        var room = Room()
        room.limits.participants = 2
        for id in ["a", "b"] { room.apply(try room.checkJoin(id)) }
        #expect(throws: RoomRefusal.roomFull(limit: 2)) { try room.checkJoin("c") }
    }

    @Test func notesAndSuggestionsWaitForTheFacilitator() throws {
        var room = try room()
        room.apply(try room.checkNote("ann", text: "Fares\ndouble  at\tpeak", name: nil))
        room.apply(
            try room.checkSuggestion(
                "bob", label: "No ramp", communities: ["refugees", "refugees"], place: "", name: " Bob "))
        #expect(room.pending.count == 2)
        #expect(room.pending[0].kind == .note(barrier: "fares", text: "Fares double at peak"))
        #expect(room.pending[1].kind == .suggestion(label: "No ramp", communities: ["refugees"], place: nil))
        #expect(room.pending[1].name == "Bob")
        room.apply(.accepted(item: 1, text: "Fares double at peak times"))
        room.apply(.discarded(item: 2))
        #expect(room.pending.isEmpty)
        #expect(room.items[0].kind == .note(barrier: "fares", text: "Fares double at peak times"))
        #expect(room.items[1].state == .discarded)
    }

    @Test func hostileTextIsRefusedOrKeptAsText() throws {
        let room = try room()
        #expect(throws: RoomRefusal.controlCharacter) { try room.checkNote("ann", text: "a\u{1B}[2Jb", name: nil) }
        #expect(throws: RoomRefusal.controlCharacter) { try room.checkNote("ann", text: "a\u{202E}b", name: nil) }
        #expect(throws: RoomRefusal.controlCharacter) { try room.checkNote("ann", text: "a\u{85}b", name: nil) }
        #expect(throws: RoomRefusal.emptyText) { try room.checkNote("ann", text: " \n\t", name: nil) }
        #expect(throws: RoomRefusal.tooLong(limit: 500)) {
            try room.checkNote("ann", text: String(repeating: "é", count: 501), name: nil)
        }
        #expect(throws: RoomRefusal.unknownCommunity) {
            try room.checkSuggestion("ann", label: "x", communities: ["cafe"], place: nil, name: nil)
        }
        let markup = try room.checkNote("ann", text: "<script>alert(1)</script>", name: nil)
        #expect(
            markup == .note(item: 1, participant: "ann", barrier: "fares", text: "<script>alert(1)</script>", name: nil)
        )
    }

    @Test func unlandedVotesAreWhatChangedSinceTheLastLanding() throws {
        var room = try room()
        room.apply(try room.checkVote("ann", barrier: "fares", delta: 1))
        room.apply(try room.checkVote("bob", barrier: "fares", delta: 1))
        #expect(room.unlandedVotes.map(\.added) == [2])
        room.apply(.votesLanded)
        #expect(room.unlandedVotes.isEmpty)
        #expect(!room.hasUnlanded)
        room.apply(try room.checkVote("bob", barrier: "fares", delta: -1))
        let after = try #require(room.unlandedVotes.first)
        #expect(after.barrier == "fares" && after.added == -1 && after.participants == 1)
    }

    @Test func replayingTheEventsGivesTheSameRoom() throws {
        var room = try room()
        var events: [RoomEvent] = [.joined(participant: "ann"), .joined(participant: "bob"), .shown(card: Self.fares)]
        for (who, delta) in [("ann", 1), ("bob", 1), ("ann", 1), ("ann", -1)] {
            let event = try room.checkVote(who, barrier: "fares", delta: delta)
            events.append(event)
            room.apply(event)
        }
        #expect(Room.replay(events) == room)
    }
}
