import Foundation

/// Which record an edit is about.
package enum RecordRef: Hashable, Sendable, CustomStringConvertible {
    case header
    case node(String)
    case edge(from: String, to: String, relation: String)

    package var description: String {
        switch self {
        case .header: return "the map header"
        case .node(let id): return id
        case .edge(let from, let to, let relation): return "\(from) -> \(to) \(relation)"
        }
    }
}

package struct EditError: Error, CustomStringConvertible, Equatable, Sendable {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// The edits the command line and the UI share. Each returns a `Change` (invertible, not yet applied);
/// `perform` applies it. They keep the file's layout: only the lines of the touched records change.
extension MapDocument {
    @discardableResult
    package mutating func perform(_ change: Change) -> Change {
        apply(change)
        return change
    }

    // MARK: Attributes

    /// Sets `key` to `value`: rewrites the existing line (and drops repeats), or adds a line: a review key among
    /// its fellows in their usual order (so an impact cleared and set again is back on its line), any other key
    /// at the end of the record.
    package func setAttribute(_ ref: RecordRef, key: String, value: String) throws -> Change {
        try validateKey(key)
        let value = try Self.checkedValue(value)
        let record = try span(of: ref)
        let matching = record.attributes.filter { $0.key == key }
        guard let first = matching.first else {
            return Change(
                "set \(key) of \(ref)",
                [
                    insertion(
                        at: place(of: key, in: record),
                        Syntax.attributeLines(key: key, value: value, indent: record.indent))
                ])
        }
        var splices = removals(of: matching.dropFirst().map(record.lines))
        let replaced = Syntax.attributeLines(key: key, value: value, indent: indent(ofLine: record.line(of: first)))
        let old = removedLines(record.lines(of: first))
        if old != ending(replaced) {
            splices.append(Splice(start: record.line(of: first), removed: old, inserted: ending(replaced)))
        }
        return Change("set \(key) of \(ref)", splices)
    }

    /// Rewrites the `occurrence`-th (0-based) `key` line in place, keeping its indentation and the other
    /// repeats (`setAttribute` would merge them).
    package func replaceAttribute(_ ref: RecordRef, key: String, occurrence: Int, value: String) throws -> Change {
        try validateKey(key)
        let value = try Self.checkedValue(value)
        let record = try span(of: ref)
        let matching = record.attributes.filter { $0.key == key }
        guard matching.indices.contains(occurrence) else {
            throw EditError("\(ref) has no \(key) number \(occurrence + 1)")
        }
        let range = record.lines(of: matching[occurrence])
        let replaced = ending(Syntax.attributeLines(key: key, value: value, indent: indent(ofLine: range.lowerBound)))
        let old = removedLines(range)
        return Change(
            "set \(key) of \(ref)",
            old == replaced ? [] : [Splice(start: range.lowerBound, removed: old, inserted: replaced)])
    }

    /// Adds another `key: value` line after the last line with that key (or at the end of the record).
    package func addAttribute(_ ref: RecordRef, key: String, value: String) throws -> Change {
        try validateKey(key)
        let value = try Self.checkedValue(value)
        let record = try span(of: ref)
        let at = record.attributes.last { $0.key == key }.map { record.lines(of: $0).upperBound } ?? record.endLine
        return Change(
            "add \(key) to \(ref)",
            [insertion(at: at, Syntax.attributeLines(key: key, value: value, indent: record.indent))])
    }

    /// Removes every `key` line, or only its `occurrence`-th (0-based) when given.
    package func removeAttribute(_ ref: RecordRef, key: String, occurrence: Int? = nil) throws -> Change {
        let record = try span(of: ref)
        var matching = record.attributes.filter { $0.key == key }
        if let occurrence {
            guard matching.indices.contains(occurrence) else {
                throw EditError("\(ref) has no \(key) number \(occurrence + 1)")
            }
            matching = [matching[occurrence]]
        }
        guard !matching.isEmpty else { throw EditError("\(ref) has no attribute '\(key)'") }
        return Change("unset \(key) of \(ref)", removals(of: matching.map(record.lines)))
    }

    // MARK: Nodes

    /// Adds a node after the last node of its kind (else after the last node, else at the end).
    package func addNode(kind: String, id: String, label: String, attributes: [(key: String, value: String)] = [])
        throws -> Change
    {
        guard graph.kind(named: kind) != nil else {
            throw EditError(Suggest.unknownKind(kind, among: graph.kinds.map(\.name)))
        }
        try validateNewID(id)
        try validateLabel(label)
        var newLines = [Syntax.nodeLine(kind: kind, id: id, label: label)]
        newLines += try attributeLines(attributes)
        let anchor = graph.nodes.last { $0.kind == kind } ?? graph.nodes.last
        let at: Int
        let separated: Bool
        if let anchor {
            at = anchor.endLine
            separated = anchor.line > 0 && content(ofLine: anchor.line - 1).allSatisfy(\.isWhitespace)
        } else {
            let before = [graph.header?.endLine ?? 0] + graph.kinds.compactMap(\.endLine)
            at = graph.edges.first?.line ?? before.max()!
            separated = at > 0
        }
        if separated { newLines.insert("", at: 0) }
        if anchor == nil, at < lines.count, !content(ofLine: at).allSatisfy(\.isWhitespace) { newLines.append("") }
        return Change("add \(kind) \(id)", [insertion(at: at, newLines)])
    }

    package func renameNode(_ id: String, label: String) throws -> Change {
        let node = try requireNode(id)
        try validateLabel(label)
        return Change(
            "rename \(id)", [replacement(line: node.line, with: Syntax.nodeLine(kind: node.kind, id: id, label: label))]
        )
    }

    /// Changes a node's id and every edge that names it.
    package func changeID(_ id: String, to newID: String) throws -> Change {
        let node = try requireNode(id)
        try validateNewID(newID)
        var splices = [
            replacement(line: node.line, with: Syntax.nodeLine(kind: node.kind, id: newID, label: node.label))
        ]
        for edge in graph.edges where edge.from == id || edge.to == id {
            splices.append(
                replacement(
                    line: edge.line,
                    with: Syntax.edgeLine(
                        from: edge.from == id ? newID : edge.from, to: edge.to == id ? newID : edge.to,
                        relation: edge.relation)))
        }
        return Change("change id \(id) to \(newID)", splices.sorted { $0.start > $1.start })
    }

    /// Removes the node's lines and its edges' lines, nothing else.
    package func removeNode(_ id: String) throws -> Change {
        let node = try requireNode(id)
        var spans = [node.line..<node.endLine]
        for edge in graph.edges where edge.from == id || edge.to == id { spans.append(edge.line..<edge.endLine) }
        let edgeCount = spans.count - 1
        return Change("delete \(id) and \(edgeCount) edge\(edgeCount == 1 ? "" : "s")", removals(of: spans))
    }

    // MARK: Edges

    /// Adds an edge after the last edge leaving `from` (else at the end of the file).
    package func link(from: String, to: String, relation: String, attributes: [(key: String, value: String)] = [])
        throws -> Change
    {
        _ = try requireNode(from)
        _ = try requireNode(to)
        let relation = relation.trimmingCharacters(in: .whitespaces)
        guard !relation.isEmpty else { throw EditError("an edge needs a relation, e.g. affects or \"gathers at\"") }
        try validateLabel(relation, what: "a relation")
        guard graph.edgeIndex(from: from, to: to, relation: relation) == nil else {
            throw EditError("\(from) -> \(to) \(relation) already exists")
        }
        var newLines = [Syntax.edgeLine(from: from, to: to, relation: relation)]
        newLines += try attributeLines(attributes)
        let lastLeaving = graph.outgoing[graph.nodeIndex[from]!].map { graph.edges[$0].endLine }.max()
        return Change(
            "link \(from) -> \(to) \(relation)",
            [edgeInsertion(newLines, after: lastLeaving, lineCount: lines.count, lastLine: lines.last)])
    }

    /// Where `link` writes an edge: after the last edge leaving its source (ending at `lastLeaving`), else at the
    /// end of the file (`lineCount` lines, the last `lastLine`), set apart by a blank line when it is the first edge.
    func edgeInsertion(_ newLines: [String], after lastLeaving: Int?, lineCount: Int, lastLine: String?) -> Splice {
        if let lastLeaving { return insertion(at: lastLeaving, newLines) }
        let separate = graph.edges.isEmpty && !(lastLine ?? "").allSatisfy(\.isWhitespace)
        return insertion(at: lineCount, separate ? [""] + newLines : newLines)
    }

    /// Removes the edges from `from` to `to` (only those with `relation`, when given).
    package func unlink(from: String, to: String, relation: String? = nil) throws -> Change {
        let doomed = graph.edges.filter {
            $0.from == from && $0.to == to && (relation == nil || $0.relation == relation)
        }
        guard !doomed.isEmpty else {
            throw EditError("there is no edge \(from) -> \(to)\(relation.map { " \($0)" } ?? "")")
        }
        return Change("unlink \(from) -> \(to)", removals(of: doomed.map { $0.line..<$0.endLine }))
    }

    // MARK: Header

    package func setTitle(_ title: String) throws -> Change {
        try validateLabel(title)
        let line = "map \(Syntax.quote(title))"
        if let header = graph.header { return Change("set the title", [replacement(line: header.line, with: line)]) }
        var at = 0
        while at < lines.count && content(ofLine: at).hasPrefix("#") { at += 1 }
        return Change("set the title", [insertion(at: at, at < lines.count ? [line, ""] : [line])])
    }

    /// The map's title and `area:` in one change (an empty area removes it); a map without a header gains one.
    package func setHeader(title: String, area: String) throws -> Change {
        var document = self
        var splices: [Splice] = []
        if graph.header?.title != title { splices += document.perform(try document.setTitle(title)).splices }
        let area = area.trimmingCharacters(in: .whitespaces)
        if area.isEmpty {
            if document.graph.header?.value("area") != nil {
                splices += try document.removeAttribute(.header, key: "area").splices
            }
        } else if document.graph.header?.value("area") != area {
            splices += try document.setAttribute(.header, key: "area", value: area).splices
        }
        return Change("set the title and area", splices)
    }

    /// An unused id made from a label: "Generation Café" → "generation-cafe", then "-2", "-3"…
    package func suggestID(for label: String) -> String {
        let base = Syntax.slug(label)
        if graph.nodeIndex[base] == nil { return base }
        var n = 2
        while graph.nodeIndex["\(base)-\(n)"] != nil { n += 1 }
        return "\(base)-\(n)"
    }

    // MARK: Helpers

    /// Where a new `key` line goes: for a review key (`SessionSummary.reviewKeys`), after the last line of a key
    /// that comes before it in that order, else before the first of one after it; else at the end of the record.
    private func place(of key: String, in record: RecordSpan) -> Int {
        let order = SessionSummary.reviewKeys
        guard let rank = order.firstIndex(of: key) else { return record.endLine }
        let earlier = Set(order[..<rank]), later = Set(order[(rank + 1)...])
        if let last = record.attributes.last(where: { earlier.contains($0.key) }) {
            return record.lines(of: last).upperBound
        }
        if let next = record.attributes.first(where: { later.contains($0.key) }) { return record.line(of: next) }
        return record.endLine
    }

    private struct RecordSpan: AttributeHolder {
        var line: Int
        var endLine: Int
        var attributes: [Attribute]
        var indent: String
    }

    private func span(of ref: RecordRef) throws -> RecordSpan {
        let (line, endLine, attributes): (Int, Int, [Attribute])
        switch ref {
        case .header:
            guard let header = graph.header else { throw EditError("the map has no header line (map \"Title\")") }
            (line, endLine, attributes) = (header.line, header.endLine, header.attributes)
        case .node(let id):
            let node = try requireNode(id)
            (line, endLine, attributes) = (node.line, node.endLine, node.attributes)
        case .edge(let from, let to, let relation):
            guard let i = graph.edgeIndex(from: from, to: to, relation: relation) else {
                throw EditError("there is no edge \(from) -> \(to) \(relation)")
            }
            let edge = graph.edges[i]
            (line, endLine, attributes) = (edge.line, edge.endLine, edge.attributes)
        }
        return RecordSpan(
            line: line, endLine: endLine, attributes: attributes,
            indent: attributes.first.map { indent(ofLine: line + $0.offset) } ?? "  ")
    }

    private func requireNode(_ id: String) throws -> Node {
        guard let node = graph.node(id) else { throw EditError(Suggest.noSuchNode(id, in: graph)) }
        return node
    }

    private func indent(ofLine index: Int) -> String {
        String(lines[index].prefix { $0 == " " || $0 == "\t" })
    }

    private func insertion(at index: Int, _ newLines: [String]) -> Splice {
        Splice(start: index, removed: [], inserted: ending(newLines))
    }

    private func replacement(line index: Int, with text: String) -> Splice {
        Splice(start: index, removed: removedLines(index..<(index + 1)), inserted: ending([text]))
    }

    /// Splices removing these line ranges, from the last up; ranges that touch are removed together (one
    /// splice instead of several: each costs the graph a pass over what follows it).
    private func removals(of ranges: [Range<Int>]) -> [Splice] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, last.upperBound == range.lowerBound {
                merged[merged.count - 1] = last.lowerBound..<range.upperBound
            } else {
                merged.append(range)
            }
        }
        return merged.reversed().map { Splice(start: $0.lowerBound, removed: removedLines($0), inserted: []) }
    }

    func validateKey(_ key: String) throws {
        guard Syntax.isValidKey(key) else {
            throw EditError("'\(key)' is not a valid attribute key: start with a-z, then a-z, 0-9, '_' or '-'")
        }
    }

    func validateNewID(_ id: String) throws {
        guard Syntax.isValidID(id) else {
            throw EditError(
                "'\(id)' is not a valid id: use letters, digits, '_', '.' and '-', starting with a letter, digit or '_'"
            )
        }
        guard id != "map" && id != "kind" else { throw EditError("'\(id)' is reserved; choose another id") }
        if let existing = graph.node(id) {
            throw EditError(
                "the id '\(id)' is already used by \(existing.kind) \"\(existing.label)\" on line \(existing.line + 1)")
        }
    }

    /// The lines of a new record's attributes, each key and value checked.
    func attributeLines(_ attributes: [(key: String, value: String)]) throws -> [String] {
        try attributes.flatMap { attribute in
            try validateKey(attribute.key)
            return Syntax.attributeLines(key: attribute.key, value: try Self.checkedValue(attribute.value))
        }
    }

    /// A value as its lines will hold it: a line break (LF or CRLF) starts a `+` continuation line; a
    /// lone CR or another control character is refused (it would hide in the file and reach terminals).
    package static func checkedValue(_ value: String) throws -> String {
        let value =
            value.utf8.contains(0x0D) && value.contains("\r\n")
            ? value.replacingOccurrences(of: "\r\n", with: "\n") : value
        if let bad = value.unicodeScalars.first(where: { $0 != "\n" && Escaping.isControl($0.value) }) {
            throw EditError(
                bad == "\r"
                    ? "a value cannot hold a lone carriage return (CR); use a line break (LF)"
                    : "a value cannot hold the control character \(Escaping.visible(String(bad)))")
        }
        return value
    }

    func validateLabel(_ label: String, what: String = "a label") throws {
        guard !label.contains(where: \.isNewline) else { throw EditError("\(what) must fit on one line") }
        if let bad = label.unicodeScalars.first(where: { Escaping.isControl($0.value) }) {
            throw EditError("\(what) cannot hold the control character \(Escaping.visible(String(bad)))")
        }
        guard !label.trimmingCharacters(in: .whitespaces).isEmpty else { throw EditError("a label cannot be empty") }
    }
}
