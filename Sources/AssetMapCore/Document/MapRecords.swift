import Foundation

/// What identifies a record across versions of a map: nodes by id, edges by (from, to, relation).
package enum RecordKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case header
    case kind(String)
    case node(String)
    case edge(from: String, to: String, relation: String)

    package var description: String {
        switch self {
        case .header: return "map"
        case .kind(let name): return "kind \(name)"
        case .node(let id): return id
        case .edge(let from, let to, let relation): return Syntax.edgeLine(from: from, to: to, relation: relation)
        }
    }

    /// The edit API's name for the record (kind declarations have none).
    package var ref: RecordRef? {
        switch self {
        case .header: return .header
        case .kind: return nil
        case .node(let id): return .node(id)
        case .edge(let from, let to, let relation): return .edge(from: from, to: to, relation: relation)
        }
    }
}

/// One `key: value` of a record, without its position.
package struct KeyValue: Hashable, Sendable {
    package var key: String
    package var value: String
    package init(_ key: String, _ value: String) { self.key = key; self.value = value }
}

/// A record's content, compared field by field: its head fields (title; kind and label; a kind's plural)
/// and its attributes in file order.
package struct RecordFields: Equatable, Sendable {
    package var head: [String: String]
    package var attributes: [KeyValue]

    package init(head: [String: String], attributes: [KeyValue]) {
        self.head = head
        self.attributes = attributes
    }

    /// The values of `key`, in file order.
    package func values(_ key: String) -> [String] { attributes.lazy.filter { $0.key == key }.map(\.value) }

    /// Keys in first-appearance order.
    package var keys: [String] {
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

/// A record where it sits in a document: which element of the graph it is, and its lines. Its key, head and
/// attributes are read from the graph only when asked: most records are only compared by their text.
struct RecordSpan {
    enum Source: Equatable {
        case header
        case kind(Int)
        case node(Int)
        case edge(Int)
    }

    var source: Source
    var lines: Range<Int>
}

/// A document cut into pieces that keep their identity across versions: records (whole, with their
/// attribute, comment and blank lines inside) and the lines between them (comments and blank lines).
struct MapLayout {
    enum Chunk {
        case record(Int)
        case trivia(line: Int)
    }

    let document: MapDocument
    private(set) var records: [RecordSpan] = []
    private(set) var chunks: [Chunk] = []
    /// Per record, a hash of its lines: the same text gives the same code (equal codes are compared in full).
    private(set) var textCodes: [Int] = []

    init(_ document: MapDocument) {
        self.document = document
        let graph = document.graph
        var few: [RecordSpan] = []
        if let header = graph.header { few.append(RecordSpan(source: .header, lines: header.line..<header.endLine)) }
        for (k, kind) in graph.kinds.enumerated() where !kind.isBuiltin {
            if let line = kind.line {
                few.append(RecordSpan(source: .kind(k), lines: line..<(kind.endLine ?? line + 1)))
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
                records.append(RecordSpan(source: .node(n), lines: nodeLine..<graph.nodes[n].endLine)); n += 1
            } else {
                records.append(RecordSpan(source: .edge(e), lines: edgeLine..<graph.edges[e].endLine)); e += 1
            }
        }
        chunks.reserveCapacity(document.lines.count / 2)
        textCodes.reserveCapacity(records.count)
        var line = 0
        document.lines.withReader { reader in
            for (i, record) in records.enumerated() {
                while line < record.lines.lowerBound { chunks.append(.trivia(line: line)); line += 1 }
                chunks.append(.record(i))
                var code: UInt64 = 0xcbf2_9ce4_8422_2325
                for l in record.lines { Self.mix(reader[l], into: &code) }
                textCodes.append(Int(truncatingIfNeeded: code))
                line = record.lines.upperBound
            }
        }
        while line < document.lines.count { chunks.append(.trivia(line: line)); line += 1 }
    }

    /// Folds a line's bytes (and its end) into `code`, eight at a time: a fast hash, not a secure one (equal
    /// codes are compared in full).
    private static func mix(_ bytes: UnsafeBufferPointer<UInt8>, into code: inout UInt64) {
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0
        func fold(_ word: UInt64) { code = (code ^ word) &* 0x9E37_79B9_7F4A_7C15; code ^= code >> 29 }
        while i + 8 <= raw.count { fold(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)); i += 8 }
        var tail: UInt64 = 0x0A
        while i < raw.count { tail = tail << 8 | UInt64(raw[i]); i += 1 }
        fold(tail)
    }

    // MARK: A record's identity and content

    func key(_ i: Int) -> RecordKey {
        let graph = document.graph
        switch records[i].source {
        case .header: return .header
        case .kind(let k): return .kind(graph.kinds[k].name)
        case .node(let n): return .node(graph.nodes[n].id)
        case .edge(let e):
            let edge = graph.edges[e]
            return .edge(from: edge.from, to: edge.to, relation: edge.relation)
        }
    }

    /// Title (header), plural (kind), kind and label (node); nothing for an edge.
    func head(_ i: Int) -> (String, String) {
        let graph = document.graph
        switch records[i].source {
        case .header: return (graph.header?.title ?? "", "")
        case .kind(let k): return (graph.kinds[k].plural, "")
        case .node(let n): return (graph.nodes[n].kind, graph.nodes[n].label)
        case .edge: return ("", "")
        }
    }

    func attributes(_ i: Int) -> [Attribute] {
        let graph = document.graph
        switch records[i].source {
        case .header: return graph.header?.attributes ?? []
        case .kind: return []
        case .node(let n): return graph.nodes[n].attributes
        case .edge(let e): return graph.edges[e].attributes
        }
    }

    func fields(_ i: Int) -> RecordFields {
        let (first, second) = head(i)
        let named: [String: String]
        switch records[i].source {
        case .header: named = ["title": first]
        case .kind: named = ["plural": first]
        case .node: named = ["kind": first, "label": second]
        case .edge: named = [:]
        }
        return RecordFields(head: named, attributes: attributes(i).map { KeyValue($0.key, $0.value) })
    }

    /// The same lines, byte for byte.
    func sameText(_ i: Int, as other: MapLayout, _ j: Int) -> Bool {
        let mine = records[i].lines, theirs = other.records[j].lines
        guard textCodes[i] == other.textCodes[j], mine.count == theirs.count else { return false }
        return document.lines.withReader { a in
            other.document.lines.withReader { b in
                zip(mine, theirs).allSatisfy { x, y in
                    a[x].count == b[y].count
                        && (a[x].isEmpty || memcmp(a[x].baseAddress!, b[y].baseAddress!, a[x].count) == 0)
                }
            }
        }
    }

    /// The same head and the same attributes in the same order (wherever their lines are).
    func sameContent(_ i: Int, as other: MapLayout, _ j: Int) -> Bool {
        if sameText(i, as: other, j) { return true }
        let mine = attributes(i), theirs = other.attributes(j)
        return head(i) == other.head(j) && mine.count == theirs.count
            && zip(mine, theirs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// For each record, the same record (by identity) in `other` or -1, and whether its text is the same. Records
    /// whose text did not change are lined up in order by their codes; only the rest are looked up by key.
    func partners(in other: MapLayout) -> (partner: [Int], sameText: [Bool]) {
        var partner = SequenceMatch.match(textCodes, other.textCodes)
        var same = [Bool](repeating: false, count: records.count)
        var matched = [Bool](repeating: false, count: other.records.count)
        for i in partner.indices where partner[i] >= 0 {
            if sameText(i, as: other, partner[i]) {
                matched[partner[i]] = true; same[i] = true
            } else {
                partner[i] = -1
            }
        }
        var rest: [RecordKey: Int] = [:]
        for j in other.records.indices where !matched[j] { rest[other.key(j)] = j }
        guard !rest.isEmpty else { return (partner, same) }
        for i in partner.indices where partner[i] < 0 {
            if let j = rest.removeValue(forKey: key(i)) { partner[i] = j }
        }
        return (partner, same)
    }

    /// The record starting at a line, by binary search.
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

    /// Why the document cannot be merged record by record: a syntax error, or two records with one identity
    /// (edges only when `edges`: a repeated edge in our own version stays as it is, and `check` reports it).
    func mergeRefusal(edges: Bool = true) -> Diagnostic? {
        let graph = document.graph
        if let error = graph.syntaxErrors.first { return error }
        func twice(_ key: RecordKey, _ line: Int) -> Diagnostic {
            Diagnostic(.error, line: line + 1, column: 1, "\(key) appears twice; fix that before merging")
        }
        if graph.nodeIndex.count != graph.nodes.count,
            let n = graph.nodes.indices.first(where: { graph.nodeIndex[graph.nodes[$0].id] != $0 })
        {
            return twice(.node(graph.nodes[n].id), graph.nodes[n].line)
        }
        guard edges else { return nil }
        // Along each node's outgoing edges, compared in pairs when they are a few; the rest by key.
        var byKey = [Bool](repeating: true, count: graph.edges.count)
        var first: Int?
        func found(_ e: Int) { if first.map({ e < $0 }) ?? true { first = e } }
        func same(_ x: Int, _ y: Int) -> Bool {
            graph.edges[x].to == graph.edges[y].to && graph.edges[x].relation == graph.edges[y].relation
        }
        for list in graph.outgoing where list.count <= 16 {
            for (k, e) in list.enumerated() {
                byKey[e] = false
                if list[..<k].contains(where: { same($0, e) }) { found(e) }
            }
        }
        var seen: Set<RecordKey> = []
        for e in graph.edges.indices where byKey[e] {
            let edge = graph.edges[e]
            if !seen.insert(.edge(from: edge.from, to: edge.to, relation: edge.relation)).inserted { found(e) }
        }
        return first.map {
            twice(
                .edge(from: graph.edges[$0].from, to: graph.edges[$0].to, relation: graph.edges[$0].relation),
                graph.edges[$0].line)
        }
    }
}
