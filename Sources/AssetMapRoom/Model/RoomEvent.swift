import AssetMapCore

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
    /// Written inside the map's lock just before a landing's save, so that recovery can tell from
    /// the map whether a save cut off before its `accepted` or `votesLanded` line happened.
    case landing(RoomLandingIntent)
}

/// A landing about to be saved: the lines it adds to the map, and what it will be called once done.
package struct RoomLandingIntent: Codable, Equatable, Sendable {
    /// A line the landing adds: once landed, `record` holds `count` lines `key: value`.
    package struct Mark: Codable, Equatable, Sendable {
        package var record: String
        package var key: String
        package var value: String
        package var count: Int
    }

    /// The accepted item, or nil for the votes.
    package var item: Int?
    /// The facilitator's edited text of the item.
    package var text: String?
    package var marks: [Mark]

    package init(item: Int?, text: String?, marks: [Mark]) {
        self.item = item
        self.text = text
        self.marks = marks
    }

    /// The event the landing ends with.
    package var completion: RoomEvent { item.map { .accepted(item: $0, text: text) } ?? .votesLanded }

    /// One save adds every mark or none, so any mark found means it landed (and one line since
    /// removed by hand does not make it land twice).
    package func isLanded(in graph: MapGraph) -> Bool {
        marks.contains { mark in
            (graph.node(mark.record)?.values(mark.key).filter { $0 == mark.value }.count ?? 0) >= mark.count
        }
    }

    /// The lines of `key` that `after` holds more of than `before`, on each of `records`.
    package static func marks(key: String, records: [String], before: MapGraph, after: MapGraph) -> [Mark] {
        records.flatMap { record -> [Mark] in
            let old = before.node(record)?.values(key) ?? []
            let new = after.node(record)?.values(key) ?? []
            return Set(new).sorted().compactMap { value in
                let count = new.filter { $0 == value }.count
                return count > old.filter { $0 == value }.count
                    ? Mark(record: record, key: key, value: value, count: count) : nil
            }
        }
    }
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
