import Foundation

/// What identifies a record across versions of a map: nodes by id, edges by (from, to, relation).
public enum RecordKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case header
    case kind(String)
    case node(String)
    case edge(from: String, to: String, relation: String)

    public var description: String {
        switch self {
        case .header: return "map"
        case .kind(let name): return "kind \(name)"
        case .node(let id): return id
        case .edge(let from, let to, let relation): return Syntax.edgeLine(from: from, to: to, relation: relation)
        }
    }

    /// The edit API's name for the record (kind declarations have none).
    public var ref: RecordRef? {
        switch self {
        case .header: return .header
        case .kind: return nil
        case .node(let id): return .node(id)
        case .edge(let from, let to, let relation): return .edge(from: from, to: to, relation: relation)
        }
    }
}

/// One `key: value` of a record, without its position.
public struct KeyValue: Hashable, Sendable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) { self.key = key; self.value = value }
}

/// A record's content, compared field by field: its head fields (title; kind and label; a kind's plural)
/// and its attributes in file order.
public struct RecordFields: Equatable, Sendable {
    public var head: [String: String]
    public var attributes: [KeyValue]

    public init(head: [String: String], attributes: [KeyValue]) {
        self.head = head
        self.attributes = attributes
    }

    /// The values of `key`, in file order.
    public func values(_ key: String) -> [String] { attributes.lazy.filter { $0.key == key }.map(\.value) }

    /// Keys in first-appearance order.
    public var keys: [String] {
        var seen: Set<String> = []
        return attributes.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// The record's first line as `add`, `link` or `kind` would write it.
    func headLine(for key: RecordKey) -> String {
        switch key {
        case .header: return "map \(Syntax.quote(head["title"] ?? ""))"
        case .kind(let name): return "kind \(name) \(Syntax.quote(head["plural"] ?? name))"
        case .node(let id): return Syntax.nodeLine(kind: head["kind"] ?? "", id: id, label: head["label"] ?? "")
        case .edge(let from, let to, let relation): return Syntax.edgeLine(from: from, to: to, relation: relation)
        }
    }
}

/// A record where it sits in a document: its key, its lines, its head fields and its attributes (with
/// their positions). Its `fields` are built only when asked: most records are only compared.
struct RecordSpan {
    var key: RecordKey
    var lines: Range<Int>
    var attributes: [Attribute]
    /// Title (header), plural (kind), kind and label (node); nothing for an edge.
    var head: (String, String)

    var fields: RecordFields {
        let named: [String: String]
        switch key {
        case .header: named = ["title": head.0]
        case .kind: named = ["plural": head.0]
        case .node: named = ["kind": head.0, "label": head.1]
        case .edge: named = [:]
        }
        return RecordFields(head: named, attributes: attributes.map { KeyValue($0.key, $0.value) })
    }

    /// The same head and the same attributes in the same order (wherever their lines are).
    func sameContent(as other: RecordSpan) -> Bool {
        head == other.head && attributes.count == other.attributes.count
            && zip(attributes, other.attributes).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// A document cut into pieces that keep their identity across versions: records (whole, with their
/// attribute, comment and blank lines inside) and the lines between them (comments and blank lines).
struct MapLayout {
    enum Chunk {
        case record(Int)
        case trivia(line: Int)
    }

    let document: MapDocument
    var records: [RecordSpan] = []
    var chunks: [Chunk] = []
    /// Record by identity; built only when `indexed` (a version only walked, not looked up in, skips it).
    var index: [RecordKey: Int] = [:]

    init(_ document: MapDocument, indexed: Bool = true) {
        self.document = document
        let graph = document.graph
        var few: [RecordSpan] = []
        if let header = graph.header {
            few.append(RecordSpan(key: .header, lines: header.line..<header.endLine, attributes: header.attributes, head: (header.title, "")))
        }
        for kind in graph.kinds where !kind.isBuiltin {
            if let line = kind.line {
                few.append(RecordSpan(key: .kind(kind.name), lines: line..<(kind.endLine ?? line + 1), attributes: [], head: (kind.plural, "")))
            }
        }
        few.sort { $0.lines.lowerBound < $1.lines.lowerBound }
        // Nodes and edges are each in file order: merged, not sorted.
        records.reserveCapacity(graph.nodes.count + graph.edges.count + few.count)
        var n = 0, e = 0, f = 0
        while n < graph.nodes.count || e < graph.edges.count || f < few.count {
            let nodeLine = n < graph.nodes.count ? graph.nodes[n].line : Int.max
            let edgeLine = e < graph.edges.count ? graph.edges[e].line : Int.max
            let fewLine = f < few.count ? few[f].lines.lowerBound : Int.max
            if fewLine < nodeLine && fewLine < edgeLine {
                records.append(few[f]); f += 1
            } else if nodeLine < edgeLine {
                let node = graph.nodes[n]; n += 1
                records.append(RecordSpan(key: .node(node.id), lines: node.line..<node.endLine, attributes: node.attributes, head: (node.kind, node.label)))
            } else {
                let edge = graph.edges[e]; e += 1
                records.append(RecordSpan(key: .edge(from: edge.from, to: edge.to, relation: edge.relation), lines: edge.line..<edge.endLine,
                                          attributes: edge.attributes, head: ("", "")))
            }
        }
        if indexed { index.reserveCapacity(records.count) }
        chunks.reserveCapacity(document.lines.count / 2)
        var line = 0
        for (i, record) in records.enumerated() {
            while line < record.lines.lowerBound { chunks.append(.trivia(line: line)); line += 1 }
            chunks.append(.record(i))
            if indexed { index[record.key] = i }
            line = record.lines.upperBound
        }
        while line < document.lines.count { chunks.append(.trivia(line: line)); line += 1 }
    }

    func fields(_ key: RecordKey) -> RecordFields? { index[key].map { records[$0].fields } }

    /// The record starting at a line, by binary search (no index needed).
    func record(atLine line: Int) -> Int? {
        let i = records.partitioningIndex { $0.lines.lowerBound >= line }
        return i < records.count && records[i].lines.lowerBound == line ? i : nil
    }

    /// The lines of a chunk as text without a CRLF file's "\r".
    func lines(of chunk: Chunk) -> [String] {
        switch chunk {
        case .record(let i): return records[i].lines.map(document.content(ofLine:))
        case .trivia(let line): return [document.content(ofLine: line)]
        }
    }

    func firstLine(of chunk: Chunk) -> Int {
        switch chunk {
        case .record(let i): return records[i].lines.lowerBound
        case .trivia(let line): return line
        }
    }

    /// Why the document cannot be merged record by record: a syntax error, or two records with one identity.
    func mergeRefusal() -> Diagnostic? {
        if let error = document.graph.syntaxErrors.first { return error }
        // A version only walked has no index: its ids are checked by the graph's; a repeated edge in it stays as
        // it is (and `check` reports it).
        let graph = document.graph
        if index.isEmpty, graph.nodeIndex.count == graph.nodes.count { return nil }
        guard index.count != records.count else { return nil }
        var seen: Set<RecordKey> = []
        for record in records where !seen.insert(record.key).inserted {
            return Diagnostic(.error, line: record.lines.lowerBound + 1, column: 1, "\(record.key) appears twice; fix that before merging")
        }
        return nil
    }
}

