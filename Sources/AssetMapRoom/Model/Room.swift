/// The live review room as a pure value: who joined, the card on show, the votes placed, and the
/// notes and suggestions waiting for the facilitator. Nothing here touches the map: what a phone
/// sends becomes an event (`check…`), the journal keeps it, and `apply` takes it in. Only the
/// facilitator's acceptance (`RoomLanding`) changes the map.
package struct Room: Equatable, Sendable {
    package struct Limits: Equatable, Sendable {
        package var participants = 200
        package var noteLength = 500
        package var labelLength = 200
        package var nameLength = 60
        package var placeLength = 200
        package init() {}
    }

    package var limits = Limits()
    package private(set) var allowance = 3
    /// Participants in the order they joined.
    package private(set) var participants: [String] = []
    private var joined: Set<String> = []
    package private(set) var card: RoomCard?
    /// Every card shown this session, by barrier id: votes may go on any of them.
    package private(set) var shown: [String: RoomCard] = [:]
    /// Votes per participant per barrier.
    package private(set) var votes: [String: [String: Int]] = [:]
    /// Votes per barrier as last landed in the map.
    package private(set) var landed: [String: Int] = [:]
    package private(set) var items: [RoomItem] = []
    /// The communities a suggestion may name (from the map).
    package var communities: [RoomCommunity] = []

    package init(communities: [RoomCommunity] = [], limits: Limits = Limits()) {
        self.communities = communities
        self.limits = limits
    }

    /// The room after the journal's events.
    package static func replay(
        _ events: [RoomEvent], communities: [RoomCommunity] = [], limits: Limits = Limits()
    ) -> Room {
        var room = Room(communities: communities, limits: limits)
        for event in events { room.apply(event) }
        return room
    }

    package func isParticipant(_ id: String) -> Bool { joined.contains(id) }

    // MARK: What phones send, checked

    package func checkJoin(_ id: String) throws(RoomRefusal) -> RoomEvent {
        guard participants.count < limits.participants else { throw .roomFull(limit: limits.participants) }
        return .joined(participant: id)
    }

    package func checkVote(_ participant: String, barrier: String, delta: Int) throws(RoomRefusal) -> RoomEvent {
        guard isParticipant(participant) else { throw .unknownParticipant }
        guard delta == 1 || delta == -1 else { throw .badVote }
        guard shown[barrier] != nil else { throw .notShown }
        if delta > 0 {
            guard votesLeft(participant) > 0 else { throw .noVotesLeft(allowance: allowance) }
        } else {
            guard votes[participant]?[barrier, default: 0] ?? 0 > 0 else { throw .noVoteToTakeBack }
        }
        return .vote(participant: participant, barrier: barrier, delta: delta)
    }

    /// A note goes on the card on show.
    package func checkNote(_ participant: String, text: String, name: String?) throws(RoomRefusal) -> RoomEvent {
        guard isParticipant(participant) else { throw .unknownParticipant }
        guard let card else { throw .notShown }
        let text = try RoomText.clean(text, limit: limits.noteLength)!
        let name = try RoomText.clean(name ?? "", limit: limits.nameLength, optional: true)
        return .note(item: items.count + 1, participant: participant, barrier: card.id, text: text, name: name)
    }

    package func checkSuggestion(
        _ participant: String, label: String, communities chosen: [String], place: String?, name: String?
    ) throws(RoomRefusal) -> RoomEvent {
        guard isParticipant(participant) else { throw .unknownParticipant }
        let label = try RoomText.clean(label, limit: limits.labelLength)!
        let known = Set(communities.map(\.id))
        guard chosen.count <= 1000, chosen.allSatisfy(known.contains) else { throw .unknownCommunity }
        let place = try RoomText.clean(place ?? "", limit: limits.placeLength, optional: true)
        let name = try RoomText.clean(name ?? "", limit: limits.nameLength, optional: true)
        var seen: Set<String> = []
        return .suggestion(
            item: items.count + 1, participant: participant, label: label,
            communities: chosen.filter { seen.insert($0).inserted }, place: place, name: name)
    }

    // MARK: Taking events in

    package mutating func apply(_ event: RoomEvent) {
        switch event {
        case .joined(let id):
            if joined.insert(id).inserted { participants.append(id) }
        case .vote(let participant, let barrier, let delta):
            votes[participant, default: [:]][barrier, default: 0] += delta
            if votes[participant]?[barrier] == 0 { votes[participant]?[barrier] = nil }
        case .note(let item, let participant, let barrier, let text, let name):
            items.append(
                RoomItem(id: item, participant: participant, name: name, kind: .note(barrier: barrier, text: text)))
        case .suggestion(let item, let participant, let label, let chosen, let place, let name):
            items.append(
                RoomItem(
                    id: item, participant: participant, name: name,
                    kind: .suggestion(label: label, communities: chosen, place: place)))
        case .shown(let card):
            self.card = card
            shown[card.id] = card
        case .allowance(let n):
            allowance = max(0, n)
        case .accepted(let item, let text):
            guard let i = items.firstIndex(where: { $0.id == item }) else { return }
            items[i].state = .accepted
            if let text {
                switch items[i].kind {
                case .note(let barrier, _): items[i].kind = .note(barrier: barrier, text: text)
                case .suggestion(_, let chosen, let place):
                    items[i].kind = .suggestion(label: text, communities: chosen, place: place)
                }
            }
        case .discarded(let item):
            if let i = items.firstIndex(where: { $0.id == item }) { items[i].state = .discarded }
        case .votesLanded:
            landed = tally.mapValues(\.votes)
        case .landing:
            break  // the map says whether it happened (`RoomLanding.settle`)
        }
    }

    // MARK: What the facilitator sees

    package func votesLeft(_ participant: String) -> Int {
        allowance - (votes[participant]?.values.reduce(0, +) ?? 0)
    }

    package func votes(of participant: String, on barrier: String) -> Int { votes[participant]?[barrier] ?? 0 }

    /// Votes per barrier and how many participants placed them.
    package var tally: [String: (votes: Int, participants: Int)] {
        var result: [String: (votes: Int, participants: Int)] = [:]
        for perBarrier in votes.values {
            for (barrier, n) in perBarrier where n > 0 {
                result[barrier, default: (0, 0)].votes += n
                result[barrier, default: (0, 0)].participants += 1
            }
        }
        return result
    }

    package var pending: [RoomItem] { items.filter { $0.state == .pending } }

    /// Barriers whose votes changed since they last landed.
    package var unlandedVotes: [(barrier: String, added: Int, participants: Int)] {
        let now = tally
        return Set(now.keys).union(landed.keys).sorted().compactMap { barrier in
            let added = (now[barrier]?.votes ?? 0) - (landed[barrier] ?? 0)
            return added == 0 ? nil : (barrier, added, now[barrier]?.participants ?? 0)
        }
    }

    /// Something that would be lost if the room closed without landing.
    package var hasUnlanded: Bool { !pending.isEmpty || !unlandedVotes.isEmpty }

    package static func == (a: Room, b: Room) -> Bool {
        a.allowance == b.allowance && a.participants == b.participants && a.card == b.card && a.shown == b.shown
            && a.votes == b.votes && a.landed == b.landed && a.items == b.items
    }
}
