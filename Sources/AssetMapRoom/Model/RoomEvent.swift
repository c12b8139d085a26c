/// One thing that happened in the room, as the journal keeps it: replaying the events in order
/// rebuilds the room (`Room.replay`).
package enum RoomEvent: Codable, Equatable, Sendable {
    // From phones (each journaled before it is acknowledged).
    case joined(participant: String)
    case vote(participant: String, barrier: String, delta: Int)
    case note(item: Int, participant: String, barrier: String, text: String, name: String?)
    case suggestion(item: Int, participant: String, label: String, communities: [String], place: String?, name: String?)
    // From the facilitator.
    case shown(card: RoomCard)
    case allowance(Int)
    /// The item landed in the map (with the facilitator's edits: `text` replaces its text or label).
    case accepted(item: Int, text: String?)
    case discarded(item: Int)
    /// The votes so far landed in the map: later landings add only what changed since.
    case votesLanded
}

/// A note or a suggestion waiting for the facilitator.
package struct RoomItem: Equatable, Sendable {
    package enum Kind: Equatable, Sendable {
        case note(barrier: String, text: String)
        case suggestion(label: String, communities: [String], place: String?)
    }

    package enum State: Equatable, Sendable { case pending, accepted, discarded }

    package var id: Int
    package var participant: String
    package var name: String?
    package var kind: Kind
    package var state: State = .pending
}
