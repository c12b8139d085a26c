import AssetMapCore
import Foundation

/// One field of a record as its file names it (`Description`, `element type`, a GEXF attribute's title), with its
/// values (several from Kumu's `|`, a JSON list, a GEXF `liststring`) and where it is.
package struct RecordField: Sendable {
    package var name: String
    package var values: [String]
    package var position: Position
    /// Where the field's name is, when not beside its value (a sheet's header cell).
    package var namePosition: Position?

    package init(_ name: String, _ values: [String], at position: Position, nameAt namePosition: Position? = nil) {
        (self.name, self.values, self.position, self.namePosition) = (name, values, position, namePosition)
    }
}

/// A graph as any file describes it (sheets, Kumu's JSON, GEXF, GraphML), before it becomes map records: every
/// reader makes one, and `importSet` turns it into an import by one set of rules. Fields without a meaning are kept
/// as attributes, never dropped.
package struct RecordGraph: Sendable {
    package struct Node: Sendable {
        package var position: Position
        /// How the file's own edges name this node besides its id and label (Kumu's `_id`, a GEXF or GraphML id).
        package var key: String?
        /// The id the file gives the node in the map (an `ID` column, a blueprint's `id`).
        package var id: RecordField?
        package var label: RecordField?
        package var fields: [RecordField]

        package init(
            position: Position, key: String? = nil, id: RecordField? = nil, label: RecordField?,
            fields: [RecordField] = []
        ) {
            (self.position, self.key, self.id, self.label, self.fields) = (position, key, id, label, fields)
        }
    }

    package struct Edge: Sendable {
        /// Each value of an end names one element (by key, id or label): one edge per pair.
        package var from: RecordField
        package var to: RecordField
        package var fields: [RecordField]

        package init(from: RecordField, to: RecordField, fields: [RecordField] = []) {
            (self.from, self.to, self.fields) = (from, to, fields)
        }
    }

    package var nodes: [Node] = []
    package var edges: [Edge] = []
    /// An edge list: ends that name no node become nodes (labelled so) instead of errors.
    package var endsMakeNodes = false
    /// The map title the file gives (Kumu's project name, GEXF's description).
    package var title: String?
    /// What the reader passed over, for the summary.
    package var notes: [String] = []
    /// What a field is called in this format, for messages: `column header`, `attribute`, `field`.
    package var fieldNoun = "column header"
    /// Errors the reader found (a bad cell), reported with the conversion's.
    package var errors: [InputError] = []

    package init() {}

    /// Fields whose words name a node's kind, first found first.
    package static let kindFields = ["kind", "type", "element type", "category"]
    /// Fields whose words name an edge's relation, first found first.
    package static let relationFields = ["type", "relation", "connection type", "label"]
    static let noteFields: Set<String> = ["description", "note"]

    /// `Element_Type ` → `element type`: how fields are matched to a meaning.
    package static func normalized(_ name: String) -> String {
        name.lowercased().split { $0.isWhitespace || $0 == "_" }.joined(separator: " ")
    }

    /// Another file's records after these (several sheets or files make one import).
    package mutating func append(_ other: RecordGraph) {
        nodes += other.nodes
        edges += other.edges
        endsMakeNodes = endsMakeNodes || other.endsMakeNodes
        title = title ?? other.title
        notes += other.notes
        errors += other.errors
    }

    /// The import these records make. `kind`: the field that gives each node's kind, else (when no node has such a
    /// field) the kind of every node; nil: the first of `kindFields` a node has.
    package func importSet(kind: String? = nil) throws -> ImportSet {
        var set = ImportSet()
        set.notes = notes
        set.title = title
        var errors = errors
        var reported = Set<Position>()
        func report(_ error: InputError) {
            guard reported.insert(Position(error.file, row: error.row, column: error.column)).inserted else { return }
            errors.append(error)
        }
        let chosen = kind.map(Self.normalized)
        let kindNames =
            chosen.map { name in
                nodes.contains { $0.fields.contains { Self.normalized($0.name) == name } } ? [name] : []
            }
            ?? Self.kindFields
        let everyKind = chosen != nil && kindNames.isEmpty ? kind.map(KindWords.kind(for:)) : nil
        if let plural = everyKind?.plural { set.declare(everyKind!.name, plural: plural) }

        func lines(_ field: RecordField, key: String) -> [(key: String, value: String)] {
            let values = field.values.map(\.trimmed).filter { !$0.isEmpty }
            if values.isEmpty { return [] }
            if key == "note" { return [(key, values.joined(separator: "\n"))] }
            if Vocabulary.listKeys.contains(key) { return [(key, values.joined(separator: ", "))] }
            return values.map { (key, $0) }
        }
        func key(of field: RecordField) -> String? {
            if let key = KumuSheets.key(forHeader: field.name) { return key }
            report(
                (field.namePosition ?? field.position).error(
                    "the \(fieldNoun) '\(field.name)' cannot name an attribute: it needs a letter or a digit"))
            return nil
        }
        func text(_ fields: [RecordField]) -> Bool {
            for field in fields {
                for value in field.values {
                    do { _ = try MapDocument.checkedValue(value) } catch {
                        report(field.position.error((error as? EditError)?.message ?? "\(error)"))
                        return false
                    }
                }
            }
            return true
        }

        var names = Set<String>()
        var keys: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            if let key = node.key {
                if keys[key] != nil {
                    report(node.position.error("two nodes have the id '\(key)'"))
                    continue
                }
                keys[key] = index
            }
            for field in node.fields where !field.values.isEmpty || !field.name.trimmed.isEmpty { _ = key(of: field) }
            let label = node.label?.values.first?.trimmed ?? ""
            let at = node.label?.position ?? node.position
            guard !label.isEmpty else { report(at.error("the element has no Label")); continue }
            guard !label.contains(where: \.isNewline) else {
                report(at.error("a Label must fit on one line")); continue
            }
            guard text(node.fields + [node.label!] + (node.id.map { [$0] } ?? [])) else { continue }
            var element = ImportedElement(position: at, label: label, kind: everyKind?.name)
            element.fileKey = node.key
            if let id = node.id, let text = id.values.first?.trimmed, !text.isEmpty {
                element.idPosition = id.position
                guard Syntax.isValidID(text), text != "map", text != "kind" else {
                    report(
                        id.position.error(
                            "ID '\(text)' is not a valid id: use letters, digits, '_', '.' and '-', starting with a letter, digit or '_'"
                        ))
                    continue
                }
                element.id = text
            }
            var kindField: Int?
            if everyKind == nil {
                for name in kindNames {
                    if let i = node.fields.firstIndex(where: { Self.normalized($0.name) == name }) {
                        kindField = i
                        if let type = node.fields[i].values.first?.trimmed, !type.isEmpty {
                            let kind = KindWords.kind(for: type)
                            if let plural = kind.plural { set.declare(kind.name, plural: plural) }
                            element.kind = kind.name
                        }
                        break
                    }
                }
            }
            for (i, field) in node.fields.enumerated() where i != kindField {
                let name = Self.normalized(field.name)
                if Self.noteFields.contains(name) {
                    element.attributes += lines(field, key: "note")
                } else if let key = KumuSheets.key(forHeader: field.name) {
                    element.attributes += lines(field, key: key)
                }
            }
            names.formUnion([node.key, element.id, label.lowercased()].compactMap { $0 })
            set.elements.append(element)
        }

        for edge in edges {
            var relation = KumuSheets.defaultRelation
            var relationField: Int?
            for name in Self.relationFields {
                if let i = edge.fields.firstIndex(where: { Self.normalized($0.name) == name }) {
                    if let text = edge.fields[i].values.first?.trimmed, !text.isEmpty {
                        relation = text
                        relationField = i
                        break
                    }
                }
            }
            if let i = relationField, relation.contains(where: \.isNewline) {
                report(edge.fields[i].position.error("a connection's Type must fit on one line"))
                continue
            }
            guard text(edge.fields + [edge.from, edge.to]) else { continue }
            var attributes: [(key: String, value: String)] = []
            for (i, field) in edge.fields.enumerated() where i != relationField {
                if let key = key(of: field) { attributes += lines(field, key: key) }
            }
            let sources = edge.from.values.map(\.trimmed).filter { !$0.isEmpty }
            let targets = edge.to.values.map(\.trimmed).filter { !$0.isEmpty }
            if sources.isEmpty { report(edge.from.position.error("the connection has no From")) }
            if targets.isEmpty { report(edge.to.position.error("the connection has no To")) }
            func end(_ name: String, _ position: Position) -> String {
                if keys[name] != nil { return ImportedElement.fileKeyName(name) }
                if endsMakeNodes && !names.contains(name) && !names.contains(name.lowercased()) {
                    names.insert(name.lowercased())
                    set.elements.append(ImportedElement(position: position, label: name, kind: everyKind?.name))
                }
                return name
            }
            for source in sources {
                for target in targets {
                    set.connections.append(
                        ImportedConnection(
                            from: end(source, edge.from.position), fromPosition: edge.from.position,
                            to: end(target, edge.to.position), toPosition: edge.to.position,
                            relation: relation, attributes: attributes))
                }
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return set
    }
}
