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

/// A record where it sits in a document: its key, its lines and its attributes (with their positions).
struct RecordSpan {
    var key: RecordKey
    var lines: Range<Int>
    var attributes: [Attribute]
    var fields: RecordFields
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
    var index: [RecordKey: Int] = [:]

    init(_ document: MapDocument) {
        self.document = document
        let graph = document.graph
        if let header = graph.header {
            records.append(Self.span(.header, header.line, header.endLine, header.attributes, ["title": header.title]))
        }
        for kind in graph.kinds where !kind.isBuiltin {
            if let line = kind.line { records.append(Self.span(.kind(kind.name), line, kind.endLine ?? line + 1, [], ["plural": kind.plural])) }
        }
        records.reserveCapacity(graph.nodes.count + graph.edges.count + records.count)
        for node in graph.nodes {
            records.append(Self.span(.node(node.id), node.line, node.endLine, node.attributes, ["kind": node.kind, "label": node.label]))
        }
        for edge in graph.edges {
            records.append(Self.span(.edge(from: edge.from, to: edge.to, relation: edge.relation), edge.line, edge.endLine, edge.attributes, [:]))
        }
        records.sort { $0.lines.lowerBound < $1.lines.lowerBound }
        index.reserveCapacity(records.count)
        var line = 0
        for (i, record) in records.enumerated() {
            while line < record.lines.lowerBound { chunks.append(.trivia(line: line)); line += 1 }
            chunks.append(.record(i))
            index[record.key] = i
            line = record.lines.upperBound
        }
        while line < document.lines.count { chunks.append(.trivia(line: line)); line += 1 }
    }

    private static func span(_ key: RecordKey, _ line: Int, _ endLine: Int, _ attributes: [Attribute], _ head: [String: String]) -> RecordSpan {
        RecordSpan(key: key, lines: line..<endLine, attributes: attributes,
                   fields: RecordFields(head: head, attributes: attributes.map { KeyValue($0.key, $0.value) }))
    }

    func fields(_ key: RecordKey) -> RecordFields? { index[key].map { records[$0].fields } }

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
        guard index.count != records.count else { return nil }
        var seen: Set<RecordKey> = []
        for record in records where !seen.insert(record.key).inserted {
            return Diagnostic(.error, line: record.lines.lowerBound + 1, column: 1, "\(record.key) appears twice; fix that before merging")
        }
        return nil
    }
}

/// Chunks as numbers equal when two chunks are the same record or the same text between records, for
/// lining up versions. One table serves all the versions compared.
struct ChunkCodes {
    private var codes: [AnyHashable: Int] = [:]

    mutating func codes(of layout: MapLayout) -> [Int] {
        layout.chunks.map { chunk in
            let key: AnyHashable
            switch chunk {
            case .record(let i): key = layout.records[i].key
            case .trivia(let line): key = layout.document.content(ofLine: line)
            }
            if let code = codes[key] { return code }
            codes[key] = codes.count
            return codes.count - 1
        }
    }
}
