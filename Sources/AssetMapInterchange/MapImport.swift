import AssetMapCore
import Foundation

/// What an import did, for the summary line.
package struct ImportSummary: Equatable, Sendable {
    package var addedNodes = 0
    package var addedEdges = 0
    package var declaredKinds = 0
    package var updatedNodes = 0
    package var updatedEdges = 0
    package var flagged = 0
    package var returned = 0
    /// Things noticed and left alone (a kind that differs from the map's), one line each.
    package var notes: [String] = []

    package init() {}

    package var lines: [String] {
        var parts = [
            "added \(addedNodes) node\(addedNodes == 1 ? "" : "s") and \(addedEdges) edge\(addedEdges == 1 ? "" : "s")",
            "updated \(updatedNodes) node\(updatedNodes == 1 ? "" : "s") and \(updatedEdges) edge\(updatedEdges == 1 ? "" : "s")",
        ]
        if declaredKinds > 0 { parts.append("declared \(declaredKinds) kind\(declaredKinds == 1 ? "" : "s")") }
        if flagged > 0 { parts.append("flagged \(flagged) no longer in the feed") }
        if returned > 0 { parts.append("\(returned) back in the feed") }
        return [parts.joined(separator: "; ")] + notes
    }
}

/// An import as an edit of the map: elements matched by source id, then id, then label and kind; edges by
/// (from, to, relation). Matched records get only the attribute lines whose values differ; the rest is left alone,
/// so importing the same sheets twice changes nothing.
package enum MapImport {
    /// The attribute on feed records that have left their feed: the date the import first missed them.
    package static let leftFeedKey = "left-feed"

    package static func apply(_ set: ImportSet, to doc: inout MapDocument, today: String = MapImport.today()) throws
        -> ImportSummary
    {
        var summary = ImportSummary()
        summary.notes = set.notes + set.problems
        var plan = Plan(doc: doc, set: set)
        try plan.resolve()
        // Attribute updates first (each its own small change), then every new record in one change.
        for (id, element) in plan.updates {
            let node = doc.graph.node(id)!
            var changed = false
            if element.label != node.label, element.sourceID != nil || element.id == id {
                doc.perform(try doc.renameNode(id, label: element.label))
                changed = true
            }
            changed =
                try update(.node(id), of: node, with: element.attributes, in: &doc, partial: set.complete ? nil : set)
                || changed
            if let kind = element.kind, kind != node.kind {
                summary.notes.append(
                    "\(element.position.file):\(element.position.row): kept \(id) a \(node.kind) (the sheet says \(kind))"
                )
            }
            if changed { summary.updatedNodes += 1 }
        }
        var newEdges: [NewEdge] = []
        var seen = Set<[String]>()
        for connection in plan.edges {
            let key = [connection.from, connection.to, connection.relation]
            guard seen.insert(key).inserted else { continue }
            if let index = doc.graph.edgeIndex(from: connection.from, to: connection.to, relation: connection.relation)
            {
                if try update(
                    .edge(from: connection.from, to: connection.to, relation: connection.relation),
                    of: doc.graph.edges[index],
                    with: connection.attributes, in: &doc)
                {
                    summary.updatedEdges += 1
                }
            } else {
                newEdges.append(connection)
            }
        }
        if let feed = set.feed {
            let present = Set(set.elements.compactMap(\.sourceKey))
            for node in doc.graph.nodes where node.value("source") == feed {
                guard let sourceID = node.value("source-id").map({ ImportedElement.sourceKey(kind: node.kind, id: $0) })
                else { continue }
                let gone = node.value(leftFeedKey) != nil
                if !present.contains(sourceID) && !gone && set.complete {
                    doc.perform(try doc.setAttribute(.node(node.id), key: leftFeedKey, value: today))
                    summary.flagged += 1
                } else if present.contains(sourceID) && gone {
                    doc.perform(try doc.removeAttribute(.node(node.id), key: leftFeedKey))
                    summary.returned += 1
                }
            }
        }
        let wanted = set.kinds + [(name: "element", plural: "Elements")]
        let kinds = wanted.filter { kind in
            doc.graph.kind(named: kind.name) == nil && plan.newNodes.contains { $0.kind == kind.name }
        }
        if !plan.newNodes.isEmpty || !newEdges.isEmpty {
            doc.perform(try doc.addRecords(kinds: kinds, nodes: plan.newNodes, edges: newEdges))
        }
        summary.notes += plan.namesakes
        summary.addedNodes = plan.newNodes.count
        summary.addedEdges = newEdges.count
        summary.declaredKinds = kinds.count
        return summary
    }

    package static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    /// Sets each key the import gives to the import's values, when they differ: the first line is rewritten in place.
    /// From a partial read, a key the set gathers from several records only gains values, and a latest-wins key
    /// only moves forward.
    private static func update(
        _ ref: RecordRef, of record: some AttributeHolder, with attributes: [(key: String, value: String)],
        in doc: inout MapDocument, partial: ImportSet? = nil
    ) throws -> Bool {
        var changed = false
        var keys: [String] = []
        for attribute in attributes where !keys.contains(attribute.key) { keys.append(attribute.key) }
        for key in keys {
            var wanted = attributes.filter { $0.key == key }.map(\.value)
            let had = record.values(key)
            if let partial, !had.isEmpty {
                if partial.gatheredKeys.contains(key) { wanted = had + wanted.filter { !had.contains($0) } }
                if partial.latestKeys.contains(key), let newest = wanted.max(), newest <= had.max()! { continue }
            }
            guard had != wanted else { continue }
            doc.perform(try doc.setAttribute(ref, key: key, value: wanted[0]))
            for value in wanted.dropFirst() { doc.perform(try doc.addAttribute(ref, key: key, value: value)) }
            changed = true
        }
        return changed
    }
}

/// Matching an import against the map, before anything changes; every problem is collected.
private struct Plan {
    let doc: MapDocument
    let set: ImportSet
    /// Map node id → the imported element that updates it (merged when several rows name it).
    var updates: [(String, ImportedElement)] = []
    var newNodes: [NewNode] = []
    var edges: [NewEdge] = []
    var errors: [InputError] = []
    /// Feed records sharing a name, each its own new node, for the summary.
    var namesakes: [String] = []
    private var newSourced: [String: [String: [String]]] = [:]
    /// Every name an element answers to (its id, its label lower-cased) → node ids; `spellings` as written, for suggestions.
    private var names: [String: [String]] = [:]
    private var spellings = Set<String>()

    init(doc: MapDocument, set: ImportSet) {
        self.doc = doc
        self.set = set
    }

    mutating func resolve() throws {
        var bySourceID: [String: String] = [:]
        var byLabel: [String: [String]] = [:]
        for node in doc.graph.nodes {
            if let feed = set.feed, node.value("source") == feed, let sourceID = node.value("source-id") {
                bySourceID[ImportedElement.sourceKey(kind: node.kind, id: sourceID)] = node.id
            }
            byLabel[node.label.lowercased(), default: []].append(node.id)
        }
        var updateIndex: [String: Int] = [:]
        var newIndex: [String: Int] = [:]
        var newByLabel: [String: String] = [:]
        var taken = Set<String>()
        for element in set.elements {
            let labelKey = element.label.lowercased()
            // A feed's record is itself only: matched by (source, kind, source id), never by a name it shares.
            let sourced = set.feed != nil && element.sourceKey != nil
            let existing =
                sourced
                ? bySourceID[element.sourceKey!]
                : element.sourceKey.flatMap { bySourceID[$0] }
                    ?? element.id.flatMap { doc.graph.node($0) != nil ? $0 : nil }
                    ?? byLabel[labelKey]?.first { id in
                        element.kind.map { doc.graph.node(id)!.kind == $0 } ?? (byLabel[labelKey]!.count == 1)
                    }
            if let id = existing {
                if let i = updateIndex[id] {
                    updates[i].1.attributes += element.attributes
                } else {
                    updateIndex[id] = updates.count
                    updates.append((id, element))
                }
                remember(element, as: id)
                continue
            }
            // Records a file names by its own keys are distinct even when their labels are the same.
            let newKey =
                element.id ?? element.sourceKey ?? element.fileKey.map(ImportedElement.fileKeyName)
                ?? "\(element.kind ?? "")\u{0}\(labelKey)"
            if let i = newIndex[newKey]
                ?? (element.id == nil && !sourced && element.fileKey == nil
                    ? newByLabel["\(element.kind ?? "")\u{0}\(labelKey)"].flatMap { newIndex[$0] } : nil)
            {
                newNodes[i].attributes += element.attributes
                remember(element, as: newNodes[i].id)
                continue
            }
            let id = element.id ?? freshID(for: element.label, taken: taken)
            if element.id != nil, taken.contains(id) {
                errors.append((element.idPosition ?? element.position).error("ID '\(id)' is given to two elements"))
                continue
            }
            taken.insert(id)
            if sourced { newSourced[element.kind ?? "", default: [:]][element.label, default: []].append(id) }
            newIndex[newKey] = newNodes.count
            newByLabel["\(element.kind ?? "")\u{0}\(labelKey)"] = newKey
            newNodes.append(
                NewNode(kind: element.kind ?? "element", id: id, label: element.label, attributes: element.attributes))
            remember(element, as: id)
        }
        for node in doc.graph.nodes {
            names[node.id, default: []].append(node.id)
            names[node.label.lowercased(), default: []].append(node.id)
            spellings.formUnion([node.id, node.label])
        }
        for connection in set.connections {
            guard let from = end(connection.from, at: connection.fromPosition, role: "From"),
                let to = end(connection.to, at: connection.toPosition, role: "To")
            else { continue }
            edges.append(NewEdge(from: from, to: to, relation: connection.relation, attributes: connection.attributes))
        }
        for (kind, labels) in newSourced.sorted(by: { $0.key < $1.key }) {
            for (label, ids) in labels.sorted(by: { $0.key < $1.key }) where ids.count > 1 {
                namesakes.append(
                    "\(ids.count) \(kind) records are named \"\(label)\": kept apart as \(ids.joined(separator: ", "))")
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
    }

    private mutating func remember(_ element: ImportedElement, as id: String) {
        spellings.formUnion([id, element.label])
        let fileName = element.fileKey.map(ImportedElement.fileKeyName)
        for name in Set([id, element.id, element.label.lowercased(), element.sourceKey, fileName].compactMap { $0 })
        where !(names[name]?.contains(id) ?? false) {
            names[name, default: []].append(id)
        }
    }

    /// An unused id from the label: stable across re-imports because re-imports match by label first.
    private func freshID(for label: String, taken: Set<String>) -> String {
        let base = Syntax.slug(label)
        var id = base, n = 2
        while doc.graph.node(id) != nil || taken.contains(id) || id == "map" || id == "kind" {
            id = "\(base)-\(n)"
            n += 1
        }
        return id
    }

    /// The node a `From`/`To` cell names: an id, else a label (any case).
    private mutating func end(_ name: String, at position: Position, role: String) -> String? {
        let candidates = names[name] ?? names[name.lowercased()] ?? []
        let distinct = Array(Set(candidates)).sorted()
        if distinct.count == 1 { return distinct[0] }
        if distinct.count > 1 {
            errors.append(
                position.error(
                    "\(role) '\(name)' is the label of several elements (ids \(distinct.joined(separator: ", "))); use one of those ids"
                ))
            return nil
        }
        let shown = name.hasPrefix("\u{2}") ? String(name.dropFirst()) : name
        let guess = Suggest.didYouMean(shown, among: spellings.sorted())
        errors.append(position.error("\(role) '\(shown)' is no element's id or label\(guess)"))
        return nil
    }
}
