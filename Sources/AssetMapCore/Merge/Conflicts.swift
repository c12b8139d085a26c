import Foundation

package enum MergeSide: String, Sendable, CaseIterable {
    case ours, theirs
}

/// One field the two sides of a merge changed differently. `nil` means that side removed it.
package struct FieldConflict: Equatable, Hashable, Sendable {
    package enum Field: Equatable, Hashable, Sendable {
        /// An attribute key.
        case attribute(String)
        /// `label`, `kind` or `title`: part of the record's first line.
        case head(String)
        /// One side removed the record, the other changed it or linked to it.
        case deleted
    }

    package var field: Field
    package var ours: String?
    package var theirs: String?

    package init(_ field: Field, ours: String?, theirs: String?) {
        self.field = field
        self.ours = ours
        self.theirs = theirs
    }

    /// On a `private-` attribute: its values are hidden wherever private values are.
    package var isPrivate: Bool {
        if case .attribute(let key) = field { return key.hasPrefix("private-") }
        return false
    }

    /// How the field is named in a `conflict:` line: the key, or the head field or `deleted` in brackets
    /// (a key cannot contain brackets, so the two never mix).
    package var fieldName: String {
        switch field {
        case .attribute(let key): return key
        case .head(let name): return "(\(name))"
        case .deleted: return "(deleted)"
        }
    }

    /// The value of the `conflict:` attribute that records it in the map:
    /// `status` / `ours: agreed` / `theirs: resolved`, one per `+` line; a side's own extra lines are indented
    /// by two spaces, and a side that removed the field reads `ours removed it`.
    package var encoded: String {
        func side(_ name: String, _ value: String?) -> String {
            guard let value else { return "\(name) removed it" }
            return "\(name): "
                + value.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
        }
        return [fieldName, side("ours", ours), side("theirs", theirs)].joined(separator: "\n")
    }

    /// Reads a `conflict:` value back; nil when it is not in that form.
    package init?(encoded: String) {
        var lines = encoded.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        guard let name = lines.popFirst()?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
        func side(_ sideName: String) -> String?? {
            guard let first = lines.popFirst() else { return nil }
            if first == "\(sideName) removed it" { return .some(nil) }
            guard first.hasPrefix("\(sideName):") else { return nil }
            var value = String(first.dropFirst(sideName.count + 1).drop { $0 == " " })
            while let next = lines.first, next.hasPrefix("  ") || next.isEmpty {
                value += "\n" + next.dropFirst(min(2, next.count))
                lines.removeFirst()
            }
            return .some(value)
        }
        guard let ours = side("ours"), let theirs = side("theirs"), lines.isEmpty else { return nil }
        switch name {
        case "(deleted)": field = .deleted
        case "(label)", "(kind)", "(title)": field = .head(String(name.dropFirst().dropLast()))
        default:
            guard Syntax.isValidKey(name) else { return nil }
            field = .attribute(name)
        }
        self.ours = ours
        self.theirs = theirs
    }

    /// "status: ours "agreed", theirs "resolved"" for messages.
    package var summary: String {
        func show(_ value: String?) -> String {
            guard let value else { return "removed it" }
            return Syntax.quote(value.replacingOccurrences(of: "\n", with: " / "))
        }
        let what: String
        switch field {
        case .attribute(let key): what = key
        case .head(let name): what = "the \(name)"
        case .deleted: what = "the record (one side deleted it)"
        }
        return "\(what): ours \(show(ours)), theirs \(show(theirs))"
    }
}

/// A conflict as it stands in a map: the record carrying the `conflict:` line and where that line is.
package struct MapConflict: Equatable, Sendable {
    package var record: RecordRef
    package var conflict: FieldConflict?
    /// Which `conflict:` line of the record (0-based), for `removeAttribute`.
    package var occurrence: Int
    /// 0-based line of the `conflict:` line; 1-based column of its key.
    package var line: Int
    package var column: Int
}

extension MapDocument {
    /// The key of the attribute a merge writes where the two sides disagreed.
    package static let conflictKey = "conflict"

    /// Every `conflict:` line in the map, in file order.
    package var conflicts: [MapConflict] {
        conflicts(
            nodes: graph.nodes.indices.filter { Self.holdsConflict(graph.nodes[$0].attributes) },
            edges: graph.edges.indices.filter { Self.holdsConflict(graph.edges[$0].attributes) })
    }

    /// The `conflict:` lines of the header and of the nodes and edges at these indices, in file order.
    func conflicts(nodes: [Int], edges: [Int]) -> [MapConflict] {
        var found: [MapConflict] = []
        func scan(_ holder: some AttributeHolder, _ ref: RecordRef) {
            var occurrence = 0
            for attribute in holder.attributes where attribute.key == Self.conflictKey {
                let line = holder.line(of: attribute)
                let column = content(ofLine: line).prefix { $0 == " " || $0 == "\t" }.count + 1
                found.append(
                    MapConflict(
                        record: ref, conflict: FieldConflict(encoded: attribute.value),
                        occurrence: occurrence, line: line, column: column))
                occurrence += 1
            }
        }
        if let header = graph.header { scan(header, .header) }
        // By index, copying only a record that has one: a copy of each would retain all its strings.
        for i in nodes { scan(graph.nodes[i], .node(graph.nodes[i].id)) }
        for e in edges {
            let edge = graph.edges[e]
            scan(edge, .edge(from: edge.from, to: edge.to, relation: edge.relation))
        }
        return found.sorted { $0.line < $1.line }
    }

    static func isConflictKey(_ key: String) -> Bool { Syntax.same(key, conflictKey) }

    static func holdsConflict(_ attributes: [Attribute]) -> Bool { attributes.contains { isConflictKey($0.key) } }

    /// Unresolved conflicts as errors, each naming both values.
    func checkConflicts(_ conflicts: [MapConflict], into out: inout [Diagnostic]) {
        for found in conflicts {
            let what =
                found.conflict.map { "merge conflict on \(found.record): \($0.summary)" }
                ?? "merge conflict on \(found.record) (unreadable conflict line)"
            out.append(
                Diagnostic(
                    .error, line: found.line + 1, column: found.column,
                    "\(what); keep one with assetmap resolve, or edit the record and delete this line"))
        }
    }

    /// Settles a conflict by keeping one side: its value is written (ours' is already in place) and the
    /// `conflict:` line goes. One change, undoable.
    package func resolve(_ found: MapConflict, keeping side: MergeSide) throws -> Change {
        guard let conflict = found.conflict else {
            throw EditError("the conflict line on \(found.record) is unreadable: edit it by hand")
        }
        var document = self
        var splices: [Splice] = []
        func run(_ change: Change) { splices += change.splices; document.apply(change) }
        let value = side == .ours ? conflict.ours : conflict.theirs
        if conflict.field == .deleted && value == nil {
            switch found.record {
            case .node(let id): run(try document.removeNode(id))
            case .edge(let from, let to, let relation): run(try document.unlink(from: from, to: to, relation: relation))
            case .header: throw EditError("the map header cannot be deleted")
            }
            return Change("resolve \(found.record): keep \(side.rawValue) (deleted)", splices)
        }
        if side == .theirs {
            switch (conflict.field, found.record) {
            case (.attribute(let key), _):
                if let value {
                    run(try document.setAttribute(found.record, key: key, value: value))
                } else if document.record(found.record)?.contains(where: { $0.key == key }) == true {
                    run(try document.removeAttribute(found.record, key: key))
                }
            case (.head("label"), .node(let id)): run(try document.renameNode(id, label: value ?? id))
            case (.head("kind"), .node(let id)): run(try document.changeKind(id, to: value ?? ""))
            case (.head("title"), .header): run(try document.setTitle(value ?? ""))
            default: break
            }
        }
        run(try document.removeAttribute(found.record, key: Self.conflictKey, occurrence: found.occurrence))
        return Change("resolve \(conflict.fieldName) of \(found.record): keep \(side.rawValue)", splices)
    }

    /// A record's attributes, if it exists.
    func record(_ ref: RecordRef) -> [Attribute]? {
        switch ref {
        case .header: return graph.header?.attributes
        case .node(let id): return graph.node(id)?.attributes
        case .edge(let from, let to, let relation):
            return graph.edgeIndex(from: from, to: to, relation: relation).map { graph.edges[$0].attributes }
        }
    }

    /// Rewrites a node's first line with another kind.
    package func changeKind(_ id: String, to kind: String) throws -> Change {
        guard let node = graph.node(id) else { throw EditError("no node with id '\(id)'") }
        guard graph.kind(named: kind) != nil else { throw EditError("unknown kind '\(kind)'") }
        let line = ending([Syntax.nodeLine(kind: kind, id: id, label: node.label)])
        return Change(
            "change kind of \(id)",
            [Splice(start: node.line, removed: removedLines(node.line..<(node.line + 1)), inserted: line)])
    }
}
