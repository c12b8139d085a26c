import Foundation

/// The edits of a review session. Each lands as ordinary attributes of the barrier (so `git diff`
/// reads like minutes) and returns one invertible `Change`, not yet applied.
extension MapDocument {
    /// Also leaves a dated `history:` line (see `setTracked`), as do `setOwner` and `setDue`.
    package func setBarrierStatus(_ barrier: String, to status: String, date: String = ReviewDate.today()) throws
        -> Change
    {
        try requireBarrier(barrier)
        guard Vocabulary.barrierStatus.contains(status) else {
            throw EditError(
                "'\(status)' is not a barrier status; use one of \(Vocabulary.barrierStatus.joined(separator: ", "))")
        }
        return try setTracked(.node(barrier), key: "status", value: status, date: date)
    }

    /// Adds (`delta` > 0) or removes votes, with a dated `history:` line (the minutes count them). Going down to no
    /// votes removes the line.
    package func vote(_ barrier: String, by delta: Int, date: String = ReviewDate.today()) throws -> Change {
        let node = try requireBarrier(barrier)
        let written = node.value("votes")
        let current = written.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if written != nil && current == nil {
            throw EditError("\(barrier) has votes '\(written!)', not a number; fix it by hand first")
        }
        let total = (current ?? 0) + delta
        guard total >= 0 else { throw EditError("\(barrier) has no votes to take away") }
        if total == 0 {
            guard written != nil else { throw EditError("\(barrier) has no votes to take away") }
            return Change(
                "remove the votes of \(barrier)",
                try setTracked(.node(barrier), key: "votes", value: "", date: date).splices)
        }
        let change = try setTracked(.node(barrier), key: "votes", value: String(total), date: date)
        return Change("\(barrier): \(total) vote\(total == 1 ? "" : "s")", change.splices)
    }

    /// `impact: high|low`, with a dated `history:` line; nil removes it.
    package func setImpact(_ barrier: String, to level: String?, date: String = ReviewDate.today()) throws -> Change {
        try setLevel(barrier, key: "impact", to: level, date: date)
    }

    /// `effort: high|low`, with a dated `history:` line; nil removes it.
    package func setEffort(_ barrier: String, to level: String?, date: String = ReviewDate.today()) throws -> Change {
        try setLevel(barrier, key: "effort", to: level, date: date)
    }

    /// Who carries the agreed next step; empty removes it.
    package func setOwner(_ barrier: String, to owner: String, date: String = ReviewDate.today()) throws -> Change {
        try requireBarrier(barrier)
        guard !owner.contains(where: \.isNewline) else { throw EditError("an owner must fit on one line") }
        return try setTracked(.node(barrier), key: "owner", value: owner, date: date)
    }

    /// By when: anything `ReviewDate.parse` reads (`21/12/2026`, `+2w`…), stored as `YYYY-MM-DD`; empty removes it.
    package func setDue(_ barrier: String, to due: String, date: String = ReviewDate.today()) throws -> Change {
        try requireBarrier(barrier)
        return try setTracked(.node(barrier), key: "due", value: due, date: date)
    }

    /// Appends `review: DATE text` after the barrier's last note; earlier notes are never touched.
    package func addReviewNote(_ barrier: String, date: String, text: String) throws -> Change {
        try requireBarrier(barrier)
        guard ReviewDate.isValid(date) else { throw EditError("'\(date)' is not a date; write it as YYYY-MM-DD") }
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw EditError("the note is empty") }
        guard !text.contains(where: \.isNewline) else {
            throw EditError("a note must fit on one line; add another note for more")
        }
        let change = try addAttribute(.node(barrier), key: "review", value: "\(date) \(text)")
        return Change("note on \(barrier)", change.splices)
    }

    /// A new improvement `status: proposed` and its edge `ID -> BARRIER addresses`, as one change
    /// so one undo takes both away.
    /// The improvement's history starts with the day it was proposed.
    package func proposeImprovement(
        for barrier: String, id: String? = nil, label: String, date: String = ReviewDate.today()
    ) throws -> Change {
        try requireBarrier(barrier)
        let id = id ?? suggestID(for: label)
        let node = try addTrackedNode(
            kind: BuiltinKind.improvement.name, id: id, label: label, attributes: [("status", "proposed")], date: date)
        // The new node has no edges yet, so `link` would write its edge at the end of the file as the node leaves it
        // (worked out here: applying the node to a copy of a large map would copy all of it).
        let added = node.splices[0]
        let lastLine = added.start == lines.count ? added.inserted.last : lines.last
        let edge = edgeInsertion(
            [Syntax.edgeLine(from: id, to: barrier, relation: "addresses")], after: nil,
            lineCount: lines.count + added.inserted.count, lastLine: lastLine)
        return Change("propose \(id) for \(barrier)", [added, edge])
    }

    @discardableResult
    private func requireBarrier(_ id: String) throws -> Node {
        guard let node = graph.node(id) else { throw EditError(Suggest.noSuchNode(id, in: graph)) }
        guard node.hasKind(.barrier) else { throw EditError("\(id) is a \(node.kind), not a barrier") }
        return node
    }

    private func setLevel(_ barrier: String, key: String, to level: String?, date: String) throws -> Change {
        try requireBarrier(barrier)
        if let level, level != "high" && level != "low" { throw EditError("\(key) is high or low, not '\(level)'") }
        return try setTracked(.node(barrier), key: key, value: level ?? "", date: date)
    }
}
