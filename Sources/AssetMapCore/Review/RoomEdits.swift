import Foundation

/// What a live review room (issue 27) leaves in the map: ordinary review edits, each with a dated
/// `history:` line saying it came from the room, so `git diff` reads like the minutes.
extension MapDocument {
    /// Adds `added` votes (negative: takes them back) to the barrier's `votes:` and a dated line
    /// `history: DATE N votes from M participants in the room`.
    package func recordRoomVotes(_ barrier: String, added: Int, participants: Int, date: String = ReviewDate.today())
        throws -> Change
    {
        guard ReviewDate.isValid(date) else { throw EditError("'\(date)' is not a date; write it as YYYY-MM-DD") }
        var after = self
        var splices: [Splice] = []
        if added != 0 {
            let votes = try vote(barrier, by: added, date: date)
            after.apply(votes)
            splices += votes.splices
        }
        let total = after.graph.node(barrier).flatMap { Int($0.value("votes") ?? "") } ?? 0
        let what =
            "\(date) \(total) vote\(total == 1 ? "" : "s") from \(participants) participant\(participants == 1 ? "" : "s") in the room"
        splices += try after.addAttribute(.node(barrier), key: "history", value: what).splices
        return Change("\(barrier): votes from the room", splices)
    }

    /// Every barrier's votes from the room as one change (one undo): `recordRoomVotes` for each. A barrier
    /// no longer in the map is skipped and named in `missing`.
    package func landRoomVotes(
        _ votes: [(barrier: String, added: Int, participants: Int)], date: String = ReviewDate.today()
    ) throws -> (change: Change, missing: [String]) {
        var after = self
        var splices: [Splice] = []
        var missing: [String] = []
        for vote in votes {
            guard after.graph.node(vote.barrier)?.hasKind(.barrier) == true else {
                missing.append(vote.barrier)
                continue
            }
            let change = try after.recordRoomVotes(
                vote.barrier, added: vote.added, participants: vote.participants, date: date)
            after.apply(change)
            splices += change.splices
        }
        return (Change("votes from the room", splices), missing)
    }

    /// A note written in the room on a barrier: `review: DATE text (in the room)`.
    package func addRoomNote(_ barrier: String, text: String, date: String = ReviewDate.today()) throws -> Change {
        let change = try addReviewNote(
            barrier, date: date, text: text.trimmingCharacters(in: .whitespaces) + " (in the room)")
        return Change("note from the room on \(barrier)", change.splices)
    }

    /// A barrier suggested in the room: `status: open`, `history: DATE suggested in the room`, an
    /// optional `where:`, and an `affects` edge to each community, as one change (one undo).
    package func addSuggestedBarrier(
        label: String, communities: [String], place: String? = nil, date: String = ReviewDate.today()
    ) throws -> (id: String, change: Change) {
        for id in communities {
            guard let node = graph.node(id) else { throw EditError(Suggest.noSuchNode(id, in: graph)) }
            guard node.hasKind(.community) else { throw EditError("\(id) is a \(node.kind), not a community") }
        }
        let id = suggestID(for: label)
        var attributes: [(key: String, value: String)] = [("status", "open")]
        if let place = place?.trimmingCharacters(in: .whitespaces), !place.isEmpty {
            attributes.append(("where", place))
        }
        attributes.append(("history", "\(date) suggested in the room"))
        var after = self
        let node = try addNode(kind: BuiltinKind.barrier.name, id: id, label: label, attributes: attributes)
        after.apply(node)
        var splices = node.splices
        for community in Set(communities).sorted() {
            let edge = try after.link(from: id, to: community, relation: "affects")
            after.apply(edge)
            splices += edge.splices
        }
        return (id, Change("suggested in the room: \(id)", splices))
    }
}
