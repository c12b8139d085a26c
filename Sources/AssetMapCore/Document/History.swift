import Foundation

/// One dated line of a record's history: `history: 2026-11-25 status set to agreed (was open)`.
/// Written by every change of a tracked key in the UI or the command line, so the file itself says when a
/// barrier was raised, agreed or resolved, and who took an action on when.
package struct HistoryEntry: Equatable, Sendable {
    package var date: String
    package var key: String
    /// nil: the key was removed.
    package var value: String?
    /// nil: the key was not there before.
    package var previous: String?

    /// The keys whose changes are recorded, on barriers and improvements: what a review decides.
    package static let trackedKeys = ["status", "votes", "impact", "effort", "owner", "due"]
    package static let trackedKinds: Set<String> = [BuiltinKind.barrier.name, BuiltinKind.improvement.name]

    package init(date: String, key: String, value: String?, previous: String?) {
        (self.date, self.key, self.value, self.previous) = (date, key, value, previous)
    }

    /// Reads a `history:` value; nil when it is not in the written form.
    package init?(value text: String) {
        let words = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count == 3, ReviewDate.isValid(String(words[0])), !words[1].isEmpty else { return nil }
        date = String(words[0])
        key = String(words[1])
        var rest = Substring(words[2])
        previous = nil
        if rest.hasSuffix(")"), let was = rest.range(of: " (was ", options: .backwards) {
            previous = String(rest[was.upperBound...].dropLast())
            rest = rest[..<was.lowerBound]
        }
        if rest == "cleared" {
            value = nil
        } else if rest.hasPrefix("set to ") {
            value = String(rest.dropFirst("set to ".count))
        } else {
            return nil
        }
    }

    package var text: String {
        let what = value.map { "set to \($0)" } ?? "cleared"
        return "\(date) \(key) \(what)\(previous.map { " (was \($0))" } ?? "")"
    }
}

extension AttributeHolder {
    /// The record's readable `history:` lines, in file order.
    package var history: [HistoryEntry] { values("history").compactMap(HistoryEntry.init(value:)) }
}

extension MapDocument {
    /// Sets a key (an empty value removes it). On a barrier or an improvement, a change of status, owner or due
    /// also appends a dated `history:` line, in the same undoable change; a due date is read with
    /// `ReviewDate.parse` and stored as `YYYY-MM-DD` (on any record). The one edit the command line and the UI use for
    /// these keys.
    package func setTracked(_ ref: RecordRef, key: String, value: String, date: String = ReviewDate.today()) throws
        -> Change
    {
        var value = value.trimmingCharacters(in: .whitespaces)
        if ReviewDate.dateKeys.contains(key), !value.isEmpty { value = try ReviewDate.stored(value, today: date) }
        guard case .node(let id) = ref, let node = graph.node(id), HistoryEntry.trackedKinds.contains(node.kind),
            HistoryEntry.trackedKeys.contains(key)
        else {
            return try setAttribute(ref, key: key, value: value)
        }
        guard !value.contains(where: \.isNewline) else { throw EditError("\(key) must fit on one line") }
        let previous = node.value(key)
        let change: Change
        if value.isEmpty {
            guard previous != nil else { return Change("unset \(key) of \(id)", []) }
            change = try removeAttribute(ref, key: key)
        } else {
            change = try setAttribute(ref, key: key, value: value)
        }
        guard previous != (value.isEmpty ? nil : value) else { return change }
        let entry = HistoryEntry(date: date, key: key, value: value.isEmpty ? nil : value, previous: previous)
        let line = try historySplice(entry, on: id)
        let ends = change.splices.map { $0.start + $0.removed.count }
        let descending = zip(change.splices, change.splices.dropFirst()).allSatisfy {
            $0.start >= $1.start + $1.removed.count
        }
        if descending, line.start >= (ends.max() ?? 0) {
            // Below all the change touches: first, and the rest still applies.
            return Change(change.summary, [line] + change.splices)
        }
        if descending, line.start + line.removed.count <= (change.splices.map(\.start).min() ?? 0) {
            return Change(change.summary, change.splices + [line])
        }
        var after = self  // rare (a hand-ordered record): worked out on a copy
        after.apply(change)
        return Change(change.summary, change.splices + [try after.historySplice(entry, on: id)])
    }

    /// The line recording `entry`: a new line after the record's last `history:` line (or at its end); or, when the
    /// key's latest entry is from the same day, that entry rewritten keeping its `was` (removed when the value is back
    /// to it), so stepping through statuses in one session leaves one line.
    private func historySplice(_ entry: HistoryEntry, on id: String) throws -> Splice {
        guard let node = graph.node(id) else { throw EditError("no node with id '\(id)'") }
        let latest = node.attributes.last { $0.key == "history" && HistoryEntry(value: $0.value)?.key == entry.key }
        guard let latest, let old = HistoryEntry(value: latest.value), old.date == entry.date else {
            return try addAttribute(.node(id), key: "history", value: entry.text).splices[0]
        }
        let range = node.lines(of: latest)
        let merged = HistoryEntry(date: entry.date, key: entry.key, value: entry.value, previous: old.previous)
        let indent = String(lines[range.lowerBound].prefix { $0 == " " || $0 == "\t" })
        let replacement =
            merged.value == merged.previous
            ? [] : Syntax.attributeLines(key: "history", value: merged.text, indent: indent)
        return Splice(start: range.lowerBound, removed: removedLines(range), inserted: ending(replacement))
    }

    /// `addNode` for the command line and the UI: a due date is read with `ReviewDate.parse`, and a new barrier or
    /// improvement given a status, owner or due date starts its history with them. `links`: links from the new
    /// node (a barrier's communities and places), made in the same change, so one undo takes the whole entry back.
    package func addTrackedNode(
        kind: String, id: String, label: String, attributes: [(key: String, value: String)] = [],
        links: [(relation: String, to: String)] = [], date: String = ReviewDate.today()
    ) throws -> Change {
        var attributes = attributes
        for i in attributes.indices
        where ReviewDate.dateKeys.contains(attributes[i].key) && !attributes[i].value.isEmpty {
            attributes[i].value = try ReviewDate.stored(attributes[i].value, today: date)
        }
        if HistoryEntry.trackedKinds.contains(kind) {
            attributes += attributes.filter { HistoryEntry.trackedKeys.contains($0.key) && !$0.value.isEmpty }.map {
                ("history", HistoryEntry(date: date, key: $0.key, value: $0.value, previous: nil).text)
            }
        }
        guard !links.isEmpty else { return try addNode(kind: kind, id: id, label: label, attributes: attributes) }
        guard graph.kind(named: kind) != nil else {
            throw EditError(Suggest.unknownKind(kind, among: graph.kinds.map(\.name)))
        }
        var change = try addRecords(
            nodes: [NewNode(kind: kind, id: id, label: label, attributes: attributes)],
            edges: links.map { NewEdge(from: id, to: $0.to, relation: $0.relation) })
        change.summary = "add \(kind) \(id) and \(links.count) link\(links.count == 1 ? "" : "s")"
        return change
    }
}
