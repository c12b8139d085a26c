import Foundation

/// One `key: value` line (plus its `+` continuation lines) under a record.
package struct Attribute: Equatable, Hashable, Sendable {
    package var key: String
    /// Continuation lines are joined with "\n".
    package var value: String {
        get { valueText.string }
        set { valueText = MapText(newValue) }
    }
    var valueText: MapText
    /// Where the `key:` line is: this many lines after its record's first line (`line(of:)` gives the
    /// document's line). Relative, so an edit above a record moves only the record's own line number.
    @Narrow package var offset: Int
    /// The key line and its continuation lines.
    @Narrow package var lineCount: Int
    /// 1-based column where the value starts on the key line.
    @Narrow package var valueColumn: Int

    /// A `private-` key, or a merge conflict on one (its `conflict:` line holds both private values).
    package var isPrivate: Bool {
        key.hasPrefix("private-")
            || (MapDocument.isConflictKey(key)
                && value.prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces).hasPrefix("private-"))
    }

    /// Runs `body` on the value's UTF-8 without making a String (most long values are kept as places in the file).
    package func withValueUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try valueText.withUTF8(body)
    }

    package init(key: String, value: String, offset: Int, lineCount: Int, valueColumn: Int) {
        self.init(key: key, value: MapText(value), offset: offset, lineCount: lineCount, valueColumn: valueColumn)
    }

    init(key: String, value: MapText, offset: Int, lineCount: Int, valueColumn: Int) {
        self.key = key
        valueText = value
        self.offset = offset
        self.lineCount = lineCount
        self.valueColumn = valueColumn
    }
}

package struct Node: Equatable, Sendable {
    // The label first: its enum's tag byte then shares a word with the line numbers.
    var labelText: MapText
    /// 0-based line of the record's first line; `endLine` is one past its last attribute line.
    @Narrow package var line: Int
    @Narrow package var endLine: Int
    @Narrow package var idColumn: Int
    package var kind: String
    package var id: String
    package var attributes: [Attribute]

    package var label: String {
        get { labelText.string }
        set { labelText = MapText(newValue) }
    }

    /// Runs `body` on the label's UTF-8 without making a String (most long labels are kept as places in the file).
    package func withLabelUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try labelText.withUTF8(body)
    }

    package init(
        kind: String, id: String, label: String, attributes: [Attribute], line: Int, endLine: Int, idColumn: Int
    ) {
        self.init(
            kind: kind, id: id, label: MapText(label), attributes: attributes, line: line, endLine: endLine,
            idColumn: idColumn)
    }

    init(kind: String, id: String, label: MapText, attributes: [Attribute], line: Int, endLine: Int, idColumn: Int) {
        labelText = label
        self.line = line
        self.endLine = endLine
        self.idColumn = idColumn
        self.kind = kind
        self.id = id
        self.attributes = attributes
    }
}

package struct Edge: Equatable, Sendable {
    package var from: String
    package var to: String
    package var relation: String
    package var attributes: [Attribute]
    @Narrow package var line: Int
    @Narrow package var endLine: Int
    @Narrow package var toColumn: Int
    @Narrow package var relationColumn: Int
    /// A record starts its line, so an edge's from id is at column 1 (not stored: a large map has many edges).
    package var fromColumn: Int { 1 }
}

/// A line number or column kept in 32 bits: a large map holds a million of them, and a file over 2 GB is refused.
@propertyWrapper
package struct Narrow: Equatable, Hashable, Sendable {
    private var stored: Int32
    package init(wrappedValue: Int) { stored = Int32(wrappedValue) }
    package var wrappedValue: Int {
        get { Int(stored) }
        set { stored = Int32(newValue) }
    }
}

package struct MapHeader: Equatable, Sendable {
    package var title: String
    package var attributes: [Attribute]
    package var line: Int
    package var endLine: Int
}

/// A kind of node: built in, or declared with `kind NAME "Plural label"`.
package struct KindInfo: Equatable, Hashable, Sendable {
    package var name: String
    package var plural: String
    package var isBuiltin: Bool
    /// 0-based line of the declaration; nil for built-ins.
    package var line: Int?
    package var endLine: Int?

    /// The five kinds every map has, in the order people think of them.
    package static let builtins: [KindInfo] = BuiltinKind.allCases.map {
        KindInfo(name: $0.name, plural: $0.plural, isBuiltin: true)
    }
}

/// Anything with attributes: lookups shared by nodes, edges and the header.
package protocol AttributeHolder {
    var attributes: [Attribute] { get }
    /// 0-based line of the record's first line.
    var line: Int { get }
}

extension AttributeHolder {
    /// 0-based line of the attribute's `key:` line in the document.
    package func line(of attribute: Attribute) -> Int { line + attribute.offset }
    /// The attribute's key line and continuation lines in the document.
    package func lines(of attribute: Attribute) -> Range<Int> {
        line(of: attribute)..<(line(of: attribute) + attribute.lineCount)
    }

    /// The first value for `key`.
    package func value(_ key: String) -> String? { attributes.first { $0.key == key }?.value }
    /// Every value for `key`, in file order.
    package func values(_ key: String) -> [String] { attributes.filter { $0.key == key }.map(\.value) }
    /// A comma-separated attribute (`clinical: smi, cancer`) as trimmed, non-empty items.
    package func list(_ key: String) -> [String] {
        values(key).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension Node: AttributeHolder {}
extension Edge: AttributeHolder {}
extension MapHeader: AttributeHolder {}

/// What a parsed map holds, with adjacency for fast neighbour lookups.
package struct MapGraph: Sendable {
    package var header: MapHeader?
    /// Built-in kinds first, then declared kinds in file order.
    package var kinds: [KindInfo] = KindInfo.builtins
    package var nodes: [Node] = []
    package var edges: [Edge] = []
    /// Id → index into `nodes` (the first node, when an id is duplicated).
    package var nodeIndex: NodeIndex { NodeIndex(slots: ids, nodes: nodes) }
    /// What `nodeIndex` reads.
    var ids = IDSlots()
    /// Per node index: indices into `edges` leaving / entering it, in file order.
    package internal(set) var outgoing = EdgeLists()
    package internal(set) var incoming = EdgeLists()
    /// Edge ends naming no node (in neither `outgoing` nor `incoming`): a node added with that id must claim them.
    package internal(set) var unresolvedEnds = 0
    /// Syntax errors found while parsing.
    package var syntaxErrors: [Diagnostic] = []

    package init() {}

    package func node(_ id: String) -> Node? { nodeIndex[id].map { nodes[$0] } }

    package func kind(named name: String) -> KindInfo? { kinds.first { $0.name == name } }

    package func nodes(ofKind kind: String) -> [Node] { nodes.filter { $0.kind == kind } }

    /// Edges touching the node, both directions, in file order.
    package func edges(touching id: String) -> [Edge] {
        guard let i = nodeIndex[id] else { return [] }
        return (outgoing[i] + incoming[i]).sorted().map { edges[$0] }
    }

    /// The index of the edge with these endpoints (and relation, if given).
    package func edgeIndex(from: String, to: String, relation: String? = nil) -> Int? {
        guard let i = nodeIndex[from] else {
            return edges.firstIndex { $0.from == from && $0.to == to && (relation == nil || $0.relation == relation) }
        }
        return outgoing[i].first { edges[$0].to == to && (relation == nil || edges[$0].relation == relation) }
    }
}
