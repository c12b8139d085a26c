import Foundation

extension Parser {
    struct Loaded {
        var lines: MapLines
        var hasFinalNewline: Bool
        var hasByteOrderMark: Bool
        var graph: MapGraph
    }

    /// A map this long is read in two parts at once (smaller ones are done before the threads would start).
    static let partsFrom = 20_000

    /// The file's lines and the graph read from them; nil when `validate` is set and the bytes are not UTF-8.
    /// Lines are split at every "\n", without the empty piece after a final newline (an empty file counts as
    /// ending with one); a UTF-8 byte-order mark (some Windows editors write one) is left out of the first line.
    /// The lines are ranges of `data`, which is kept as read. `usualShapes: false` reads every record line with the
    /// lexer (tests and the fuzzer compare the two).
    static func load(_ data: Data, validate: Bool, partsFrom: Int = partsFrom, usualShapes: Bool = true) -> Loaded? {
        let split = data.withUnsafeBytes { raw -> (spans: [MapLines.Span], hasByteOrderMark: Bool)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
            return LineSplit.spans(
                data, bytes, from: hasByteOrderMark ? 3 : 0, validate: validate, inParts: bytes.count / 32 >= partsFrom
            )
            .map { ($0, hasByteOrderMark) }
        }
        guard let split else { return nil }
        let lines = MapLines(file: data, spans: split.spans)
        return Loaded(
            lines: lines, hasFinalNewline: data.last ?? 0x0A == 0x0A, hasByteOrderMark: split.hasByteOrderMark,
            graph: parse(lines, partsFrom: partsFrom, usualShapes: usualShapes))
    }

    /// The graph of a whole map: records read (in two parts at once for a long map), then linked.
    static func parse(_ lines: MapLines, partsFrom: Int = partsFrom, usualShapes: Bool = true) -> MapGraph {
        let parts = partition(lines, partsFrom: partsFrom)
        var read = readRecords(lines, parts, usualShapes: usualShapes)
        link(&read.graph, lines, ends: read.ends, ids: read.ids, partsFrom: partsFrom)
        return read.graph
    }

    /// Reads `lines[range]` on their own, as `parse` reads them when the range starts at a record (or at a line
    /// no attribute can belong to): records and errors, each edge naming its ends as written, without adjacency.
    static func parseRegion(_ lines: MapLines, _ range: Range<Int>, declaredKinds: Set<String>) -> MapGraph {
        var count = lines.withReader { RecordCount($0, range) }
        count.declaredKinds = declaredKinds
        var read = readRecords(lines, [count])
        lines.withReader { reader in
            for e in read.graph.edges.indices {
                let (from, to) = read.ends[e].ids(in: reader[read.graph.edges[e].line])
                read.graph.edges[e].from = String(decoding: from, as: UTF8.self)
                read.graph.edges[e].to = String(decoding: to, as: UTF8.self)
            }
        }
        return read.graph
    }

    /// The lines in one part, or in two split at a record near the middle. The second part must read the same
    /// on its own, so it may hold no header or kind declaration (those read differently after earlier ones).
    private static func partition(_ lines: MapLines, partsFrom: Int) -> [RecordCount] {
        guard lines.count >= partsFrom, lines.count >= 2 else {
            return [lines.withReader { RecordCount($0, lines.indices) }]
        }
        var middle = lines.count / 2
        lines.withReader { reader in
            while middle < lines.count && !RecordCount.isRecordLine(reader[middle]) { middle += 1 }
        }
        let ranges = [0..<middle, middle..<lines.count]
        var counts = Parallel.map(2) { part in lines.withReader { RecordCount($0, ranges[part]) } }
        guard !counts[1].hasHeaderOrKind else { return [counts.reduce(RecordCount(), +)] }
        let declared = counts[0].declaredKinds.union(counts[1].declaredKinds)
        for i in counts.indices { counts[i].declaredKinds = declared }
        return counts
    }

    /// The records of each part, read at once into one stretch each of the node and edge arrays, then closed up.
    private static func readRecords(_ lines: MapLines, _ parts: [RecordCount], usualShapes: Bool = true)
        -> (graph: MapGraph, ends: [EndBytes], ids: [IDBytes])
    {
        let total = parts.reduce(RecordCount(), +)
        // Each part's records start where the ones before it could end at most.
        let nodeStarts = parts.map(\.nodes).starts, edgeStarts = parts.map(\.edges).starts
        var parsers: [PartRead] = []
        var ends: [EndBytes] = [], ids: [IDBytes] = []
        var edges: [Edge] = []
        let nodes = [Node](unsafeUninitializedCapacity: withHeadroom(total.nodes)) { nodeRoom, nodeCount in
            edges = [Edge](unsafeUninitializedCapacity: withHeadroom(total.edges)) { edgeRoom, edgeCount in
                ends = [EndBytes](unsafeUninitializedCapacity: total.edges) { endRoom, endCount in
                    ids = [IDBytes](unsafeUninitializedCapacity: total.nodes) { idRoom, idCount in
                        let rooms = parts.indices.map { k in
                            Room(
                                nodes: nodeRoom.slice(nodeStarts[k], parts[k].nodes),
                                edges: edgeRoom.slice(edgeStarts[k], parts[k].edges),
                                ends: endRoom.slice(edgeStarts[k], parts[k].edges),
                                ids: idRoom.slice(nodeStarts[k], parts[k].nodes))
                        }
                        parsers = Parallel.map(parts.count) { k in
                            lines.withReader { reader in
                                var parser = Parser(
                                    reader, declaredKinds: parts[k].declaredKinds, room: rooms[k],
                                    usualShapes: usualShapes)
                                parser.read(reader, parts[k].lines)
                                return PartRead(parser)
                            }
                        }
                        // Close the gaps a part left (fewer records than its lines allowed for: lines with errors).
                        nodeCount = nodeRoom.closeUp(parsers.map(\.nodes), starts: nodeStarts)
                        edgeCount = edgeRoom.closeUp(parsers.map(\.edges), starts: edgeStarts)
                        endCount = endRoom.closeUp(parsers.map(\.ends), starts: edgeStarts)
                        idCount = idRoom.closeUp(parsers.map(\.ids), starts: nodeStarts)
                    }
                }
            }
        }
        var graph = MapGraph()
        graph.nodes = nodes
        graph.edges = edges
        // Only the first part can hold the header and kind declarations (see `partition`).
        graph.header = parsers[0].header
        graph.kinds = parsers[0].kinds
        graph.syntaxErrors = parsers.flatMap(\.syntaxErrors)
        return (graph, ends, ids)
    }
}

/// What a part's parser read, once it is done: its records are in its room.
private struct PartRead: Sendable {
    let nodes: Int, edges: Int, ends: Int, ids: Int
    let header: MapHeader?
    let kinds: [KindInfo]
    let syntaxErrors: [Diagnostic]

    init(_ parser: Parser) {
        (nodes, edges, ends, ids) = (parser.nodes.count, parser.edges.count, parser.ends.count, parser.ids.count)
        (header, kinds, syntaxErrors) = (parser.header, parser.kinds, parser.syntaxErrors)
    }
}

/// What a run of lines holds, counted before it is read: room enough for its nodes and edges, and the kinds
/// it declares (a kind may be used before its declaration).
struct RecordCount {
    var lines: Range<Int> = 0..<0
    /// At least as many as the nodes and the edges the lines hold: a record line is counted as an edge when
    /// "->" comes before any double quote (as in every edge), else as a node.
    var nodes = 0
    var edges = 0
    var declaredKinds: Set<String> = []
    /// A record line starting with `map` or `kind`.
    var hasHeaderOrKind = false

    init() {}

    init(_ reader: MapLines.Reader, _ range: Range<Int>) {
        lines = range
        for index in range {
            let bytes = reader[index]
            guard Self.isRecordLine(bytes) else { continue }
            if Self.isEdgeLine(bytes) { edges += 1 } else { nodes += 1 }
            if bytes[0] == UInt8(ascii: "m") && bytes.count >= 3 && bytes[1] == UInt8(ascii: "a")
                && bytes[2] == UInt8(ascii: "p")
            {
                hasHeaderOrKind = true
            }
            if bytes[0] == UInt8(ascii: "k") && bytes.count >= 4 && bytes[1] == UInt8(ascii: "i")
                && bytes[2] == UInt8(ascii: "n") && bytes[3] == UInt8(ascii: "d")
            {
                hasHeaderOrKind = true
                if let name = KindLine.name(in: bytes) {
                    declaredKinds.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self))
                }
            }
        }
    }

    /// A line at column 1 that is not blank or a comment: a record, or an error where one was meant.
    static func isRecordLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        return first != 0x20 && first != 0x09 && first != UInt8(ascii: "#") && first != 0x0D
    }

    /// Whether `->` comes before any `"` in a record line (as in every edge; never in a node).
    static func isEdgeLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        // Eight bytes at a time to the first `"` or `>` (ids and blanks hold neither).
        while i + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let found = Bytes.zeros(word ^ 0x2222_2222_2222_2222) | Bytes.zeros(word ^ 0x3E3E_3E3E_3E3E_3E3E)
            if found != 0 { i += found.trailingZeroBitCount / 8; break }
            i += 8
        }
        while i < bytes.count {
            if base[i] == UInt8(ascii: "\"") { return false }
            if base[i] == UInt8(ascii: ">") && i > 0 && base[i - 1] == UInt8(ascii: "-") { return true }
            i += 1
        }
        return false
    }

    /// Two consecutive runs as one.
    static func + (a: RecordCount, b: RecordCount) -> RecordCount {
        var sum = RecordCount()
        sum.lines = a.lines.isEmpty ? b.lines : b.lines.isEmpty ? a.lines : a.lines.lowerBound..<b.lines.upperBound
        sum.nodes = a.nodes + b.nodes
        sum.edges = a.edges + b.edges
        sum.declaredKinds = a.declaredKinds.union(b.declaredKinds)
        sum.hasHeaderOrKind = a.hasHeaderOrKind || b.hasHeaderOrKind
        return sum
    }
}

extension Array where Element == Int {
    /// Where each part starts when the parts are laid end to end.
    fileprivate var starts: [Int] { reduce(into: [0]) { $0.append($0.last! + $1) }.dropLast() }
}

extension UnsafeMutableBufferPointer {
    fileprivate func slice(_ start: Int, _ count: Int) -> UnsafeMutableBufferPointer {
        UnsafeMutableBufferPointer(rebasing: self[start..<(start + count)])
    }

    /// Parts that filled `counts` elements from `starts` are moved (not copied) to lie end to end; the total.
    fileprivate func closeUp(_ counts: [Int], starts: [Int]) -> Int {
        var end = 0
        for (count, start) in zip(counts, starts) {
            if start != end && count > 0 {
                (baseAddress! + end).moveInitialize(from: baseAddress! + start, count: count)
            }
            end += count
        }
        return end
    }
}
