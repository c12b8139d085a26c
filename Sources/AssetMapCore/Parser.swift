import Foundation

/// Reads the lines of a map into a `MapGraph`. Never throws: problems become diagnostics,
/// and a bad record is skipped (with its attributes) so the rest of the map still loads.
struct Parser {
    private var graph = MapGraph()
    private var current: Current = .none
    private var declaredKinds: Set<String> = []
    /// The current record's attributes, moved into it once the record ends (one allocation per record).
    private var pending: [Attribute] = []
    /// Reused for every record line instead of a new array each time.
    private var tokens: [Token] = []
    /// Node ids by their bytes, and per edge the node indices its ends found while parsing (-1: not yet).
    private var ids = IDTable()
    private var edgeEnds: [(from: Int32, to: Int32)] = []
    private var lastEdgeSource = -1

    private enum Current { case none, invalid, header, kindDecl(Int), node(Int), edge(Int) }

    static func parse(_ lines: [String]) -> MapGraph {
        var parser = Parser()
        parser.pending.reserveCapacity(16)
        parser.tokens.reserveCapacity(8)
        // First pass: declared kinds (usable before their declaration), and how many records to make room for,
        // so the node and edge arrays are allocated once instead of doubling (which briefly holds two copies).
        var records = 0, edgeLines = 0
        for line in lines {
            var bytesOfLine = line
            bytesOfLine.withUTF8 { bytes in
                guard let first = bytes.first, first != 0x20, first != 0x09, first != UInt8(ascii: "#"), first != 0x0D else { return }
                records += 1
                if first == UInt8(ascii: "k"), let name = Parser.kindDeclarationName(line) { parser.declaredKinds.insert(name) }
                var i = 1
                while i < bytes.count && !(bytes[i] == UInt8(ascii: ">") && bytes[i - 1] == UInt8(ascii: "-")) { i += 1 }
                if i < bytes.count { edgeLines += 1 }
            }
        }
        parser.graph.edges.reserveCapacity(withHeadroom(edgeLines))
        parser.graph.nodes.reserveCapacity(withHeadroom(records - edgeLines))
        parser.edgeEnds.reserveCapacity(edgeLines)
        parser.ids = IDTable(expectedNodes: records - edgeLines)
        for (index, line) in lines.enumerated() {
            var line = line
            line.withUTF8 { parser.parseLine(index: index, bytes: $0) }
        }
        parser.flushAttributes()
        parser.buildAdjacency()
        return parser.graph
    }

    /// Room for a session's additions beyond what the file holds: growing a full array (or dictionary) of a
    /// large map copies all of it, which would make one added node take longer than a frame.
    static func withHeadroom(_ count: Int) -> Int { count + count / 32 + 64 }

    /// Kinds may be declared anywhere in the file, so collect them before reading nodes.
    fileprivate static func kindDeclarationName(_ line: String) -> String? {
        guard line.utf8.starts(with: "kind ".utf8) || line.utf8.starts(with: "kind\t".utf8) else { return nil }
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 2 else { return nil }
        return String(parts[1])
    }

    // MARK: Lines

    private mutating func parseLine(index: Int, bytes raw: UnsafeBufferPointer<UInt8>) {
        var end = raw.count
        if end > 0 && raw[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        // Some Windows editors start UTF-8 files with a byte-order mark: read past it, keep it in the file.
        let start = index == 0 && end >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0
        let bytes = UnsafeBufferPointer(rebasing: raw[start..<end])
        var indent = 0
        while indent < bytes.count && (bytes[indent] == 0x20 || bytes[indent] == 0x09) { indent += 1 }
        if indent == bytes.count { return }  // blank
        if bytes[indent] == UInt8(ascii: "#") { return }  // comment
        if indent == 0 {
            parseRecord(index: index, bytes: bytes)
        } else if bytes[indent] == UInt8(ascii: "+") {
            parseContinuation(index: index, bytes: bytes, at: indent)
        } else {
            parseAttribute(index: index, bytes: bytes, at: indent)
        }
    }

    private mutating func parseContinuation(index: Int, bytes: UnsafeBufferPointer<UInt8>, at start: Int) {
        var textStart = start + 1
        if textStart < bytes.count && bytes[textStart] == 0x20 { textStart += 1 }
        let text = trimmedTrailing(bytes, from: textStart)
        let appended = withCurrentAttributes { attributes in
            guard !attributes.isEmpty else { return false }
            attributes[attributes.count - 1].value += "\n" + text
            attributes[attributes.count - 1].lineCount += 1
            return true
        }
        switch appended {
        case true?: extendCurrent(to: index + 1)
        case false?: error(index, bytes, start, "a '+' continuation line must follow an attribute line")
        case nil: if case .invalid = current {} else {
            error(index, bytes, start, "a '+' continuation line must follow an attribute of a record")
        }
        }
    }

    private mutating func parseAttribute(index: Int, bytes: UnsafeBufferPointer<UInt8>, at start: Int) {
        if case .invalid = current { return }
        if case .kindDecl = current {
            error(index, bytes, start, "a kind declaration takes no attributes; attributes belong to nodes, edges and the map header")
            return
        }
        if case .none = current {
            error(index, bytes, start, "an indented line must follow a record (a node, an edge or the map header); records start at column 1")
            return
        }
        var i = start
        guard isLowerLetter(bytes[i]) else {
            error(index, bytes, start, "expected an attribute 'key: value' where the key starts with a lower-case letter")
            return
        }
        while i < bytes.count && isKeyByte(bytes[i]) { i += 1 }
        let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard i < bytes.count && bytes[i] == UInt8(ascii: ":") else {
            let what = i < bytes.count ? "'\(character(bytes, at: i))'" : "the end of the line"
            error(index, bytes, i, "expected ':' after attribute key '\(key)', found \(what) (keys use a-z, 0-9, '_' and '-')")
            return
        }
        i += 1
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
        let valueColumn = column(bytes, i)
        let attribute = Attribute(key: key, value: trimmedTrailing(bytes, from: i), offset: index - currentLine, lineCount: 1, valueColumn: valueColumn)
        _ = withCurrentAttributes { attributes in attributes.append(attribute); return true }
        extendCurrent(to: index + 1)
    }

    // MARK: Records

    private mutating func parseRecord(index: Int, bytes: UnsafeBufferPointer<UInt8>) {
        flushAttributes()
        current = .invalid
        var tokens = self.tokens
        self.tokens = []
        defer { tokens.removeAll(keepingCapacity: true); self.tokens = tokens }
        var lexer = Lexer(bytes: bytes)
        while true {
            switch lexer.next() {
            case .success(nil): break
            case .success(let token?): tokens.append(token); continue
            case .failure(let failure):
                error(index, bytes, failure.offset, failure.message)
                return
            }
            break
        }
        if tokens.count >= 2, tokens[1].kind == .arrow {
            parseEdge(index: index, tokens: tokens, bytes: bytes)
            return
        }
        guard let first = tokens.first, first.kind == .word else {
            error(index, bytes, tokens.first?.offset ?? 0, "a record starts with a kind, the word 'map', the word 'kind', or an edge 'FROM -> TO RELATION'")
            return
        }
        switch first.text(bytes) {
        case "map":
            guard tokens.count >= 2, tokens[1].kind == .string else {
                error(index, bytes, tokens.count >= 2 ? tokens[1].offset : bytes.count, "expected the map's title in double quotes: map \"Title\"")
                return
            }
            if let extra = tokens.dropFirst(2).first { return unexpected(index, bytes, extra) }
            if let previous = graph.header {
                error(index, bytes, 0, "the map header appears twice (first on line \(previous.line + 1))")
                return
            }
            graph.header = MapHeader(title: tokens[1].text(bytes), attributes: [], line: index, endLine: index + 1)
            current = .header
        case "kind":
            guard tokens.count >= 2, tokens[1].kind == .word else {
                error(index, bytes, tokens.count >= 2 ? tokens[1].offset : bytes.count, "expected a kind name: kind NAME \"Plural label\"")
                return
            }
            guard tokens.count >= 3, tokens[2].kind == .string else {
                error(index, bytes, tokens.count >= 3 ? tokens[2].offset : bytes.count, "expected the kind's plural label in double quotes: kind \(tokens[1].text(bytes)) \"Plural label\"")
                return
            }
            if let extra = tokens.dropFirst(3).first { return unexpected(index, bytes, extra) }
            let name = tokens[1].text(bytes)
            if name == "map" || name == "kind" {
                error(index, bytes, tokens[1].offset, "'\(name)' is reserved and cannot name a kind")
                return
            }
            if let existing = graph.kinds.first(where: { $0.name == name }) {
                let where_ = existing.line.map { "on line \($0 + 1)" } ?? "as a built-in kind"
                error(index, bytes, tokens[1].offset, "kind '\(name)' is already declared \(where_)")
                return
            }
            graph.kinds.append(KindInfo(name: name, plural: tokens[2].text(bytes), isBuiltin: false, line: index, endLine: index + 1))
            current = .kindDecl(graph.kinds.count - 1)
        default:
            guard KindInfo.builtins.contains(where: { $0.name == first.text(bytes) }) || declaredKinds.contains(first.text(bytes)) else {
                error(index, bytes, 0, Suggest.unknownKind(first.text(bytes), among: KindInfo.builtins.map(\.name) + declaredKinds.sorted()))
                return
            }
            guard tokens.count >= 2, tokens[1].kind == .word else {
                error(index, bytes, tokens.count >= 2 ? tokens[1].offset : bytes.count, "expected an id after '\(first.text(bytes))' (letters, digits, '_', '.', '-')")
                return
            }
            guard tokens.count >= 3, tokens[2].kind == .string else {
                error(index, bytes, tokens.count >= 3 ? tokens[2].offset : bytes.count, "expected a label in double quotes after '\(tokens[1].text(bytes))'")
                return
            }
            if let extra = tokens.dropFirst(3).first { return unexpected(index, bytes, extra) }
            ids.add(node: graph.nodes.count, id: tokens[1].rawBytes(bytes))
            graph.nodes.append(Node(kind: first.text(bytes), id: tokens[1].text(bytes), label: tokens[2].text(bytes), attributes: [],
                                    line: index, endLine: index + 1, idColumn: column(bytes, tokens[1].offset)))
            current = .node(graph.nodes.count - 1)
        }
    }

    private mutating func parseEdge(index: Int, tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) {
        guard tokens[0].kind == .word else {
            error(index, bytes, tokens[0].offset, "an edge starts with the id of the node it leaves")
            return
        }
        guard tokens.count >= 3, tokens[2].kind == .word else {
            error(index, bytes, tokens.count >= 3 ? tokens[2].offset : bytes.count, "expected the id of the node the edge goes to after '->'")
            return
        }
        guard tokens.count >= 4, tokens[3].kind != .arrow else {
            error(index, bytes, tokens.count >= 4 ? tokens[3].offset : bytes.count, "expected a relation after '\(tokens[2].text(bytes))', a word or a quoted label (e.g. affects, \"gathers at\")")
            return
        }
        if let extra = tokens.dropFirst(4).first { return unexpected(index, bytes, extra) }
        // An end naming a node already read shares that node's id string (no new allocation, no hashing later).
        // Edges leaving one node are usually together: try the previous edge's source before hashing.
        let fromBytes = tokens[0].rawBytes(bytes)
        let fromIndex = lastEdgeSource >= 0 && ids.matches(lastEdgeSource, fromBytes) ? lastEdgeSource : ids.find(fromBytes)
        lastEdgeSource = fromIndex ?? -1
        let toIndex = ids.find(tokens[2].rawBytes(bytes))
        let from = fromIndex.map { graph.nodes[$0].id } ?? tokens[0].text(bytes)
        let to = toIndex.map { graph.nodes[$0].id } ?? tokens[2].text(bytes)
        edgeEnds.append((Int32(fromIndex ?? -1), Int32(toIndex ?? -1)))
        graph.edges.append(Edge(from: from, to: to, relation: tokens[3].text(bytes), attributes: [],
                                line: index, endLine: index + 1,
                                fromColumn: column(bytes, tokens[0].offset), toColumn: column(bytes, tokens[2].offset),
                                relationColumn: column(bytes, tokens[3].offset)))
        current = .edge(graph.edges.count - 1)
    }

    private mutating func unexpected(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) {
        let hint = token.kind == .string ? " (only one quoted label per record)" : ""
        error(index, bytes, token.offset, "unexpected \(token.kind == .string ? "\"\(token.text(bytes))\"" : "'\(token.text(bytes))'") at the end of the record\(hint)")
    }

    // MARK: Helpers

    /// Runs `body` on the attribute list of the current record; nil when there is none.
    private mutating func withCurrentAttributes(_ body: (inout [Attribute]) -> Bool) -> Bool? {
        switch current {
        case .header, .node, .edge: return body(&pending)
        case .kindDecl, .none, .invalid: return nil
        }
    }

    /// Moves the collected attributes into the record they belong to.
    private mutating func flushAttributes() {
        guard !pending.isEmpty else { return }
        // A new buffer of exactly this size: Array(pending) would share the scratch buffer (and its spare room),
        // and the removeAll below would then allocate a new scratch buffer every time.
        let attributes = pending.map { $0 }
        pending.removeAll(keepingCapacity: true)
        switch current {
        case .header: graph.header!.attributes = attributes
        case .node(let i): graph.nodes[i].attributes = attributes
        case .edge(let i): graph.edges[i].attributes = attributes
        case .kindDecl, .none, .invalid: break
        }
    }

    /// The first line of the current record (one with attributes).
    private var currentLine: Int {
        switch current {
        case .header: return graph.header!.line
        case .node(let i): return graph.nodes[i].line
        case .edge(let i): return graph.edges[i].line
        case .kindDecl, .none, .invalid: return 0
        }
    }

    private mutating func extendCurrent(to end: Int) {
        switch current {
        case .header: graph.header!.endLine = end
        case .node(let i): graph.nodes[i].endLine = end
        case .edge(let i): graph.edges[i].endLine = end
        case .kindDecl(let i): graph.kinds[i].endLine = end
        case .none, .invalid: break
        }
    }

    private mutating func error(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, _ message: String) {
        graph.syntaxErrors.append(Diagnostic(.error, line: index + 1, column: column(bytes, offset), message))
    }

    private func column(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        TextColumn.column(bytes, offset)
    }

    private func character(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset...]), as: UTF8.self)
        return rest.first.map(String.init) ?? ""
    }

    private func trimmedTrailing(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        var end = bytes.count
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        guard start < end else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// `recheckingEndsFrom`: edges from there on found their ends among only part of the nodes (the second half of
    /// a file read on two cores); when an id repeats, its first node may be in the other part.
    private mutating func buildAdjacency(recheckingEndsFrom recheck: Int = .max) {
        // The id table and the lists of the ends found while parsing are built at once, on two cores for a large map.
        let nodes = graph.nodes, ends = edgeEnds
        let parts = AdjacencyParts()
        let work: @Sendable (Int) -> Void = { task in
            if task == 0 {
                var nodeIndex: [String: Int] = [:]
                nodeIndex.reserveCapacity(Parser.withHeadroom(nodes.count))
                for i in nodes.indices where nodeIndex[nodes[i].id] == nil { nodeIndex[nodes[i].id] = i }
                parts.nodeIndex = nodeIndex
            } else {
                (parts.outgoing, parts.incoming) = Parser.adjacency(ends, nodeCount: nodes.count)
            }
        }
        if nodes.count + ends.count >= 4096 { DispatchQueue.concurrentPerform(iterations: 2, execute: work) } else { work(0); work(1) }
        let nodeIndex = parts.nodeIndex
        graph.nodeIndex = nodeIndex
        var outgoing = parts.outgoing, incoming = parts.incoming
        parts.outgoing = []
        parts.incoming = []
        if nodeIndex.count != graph.nodes.count && recheck < edgeEnds.count {
            for e in recheck..<edgeEnds.count {
                if edgeEnds[e].from >= 0 { edgeEnds[e].from = Int32(nodeIndex[graph.nodes[Int(edgeEnds[e].from)].id]!) }
                if edgeEnds[e].to >= 0 { edgeEnds[e].to = Int32(nodeIndex[graph.nodes[Int(edgeEnds[e].to)].id]!) }
            }
            for e in edgeEnds.indices {
                if edgeEnds[e].from < 0 { edgeEnds[e].from = Int32(nodeIndex[graph.edges[e].from] ?? -1) }
                if edgeEnds[e].to < 0 { edgeEnds[e].to = Int32(nodeIndex[graph.edges[e].to] ?? -1) }
            }
            (outgoing, incoming) = Parser.adjacency(edgeEnds, nodeCount: graph.nodes.count)
        } else {
            // Ends not found while parsing (a node declared after the edge, or an unknown id) are looked up now
            // and put in their place in file order (mostly at the end: they are met in order).
            func insert(_ e: Int, into list: inout [Int]) {
                var position = list.count
                while position > 0 && list[position - 1] > e { position -= 1 }
                list.insert(e, at: position)
            }
            for e in edgeEnds.indices {
                if edgeEnds[e].from < 0, let i = nodeIndex[graph.edges[e].from] { insert(e, into: &outgoing[i]) }
                if edgeEnds[e].to < 0, let i = nodeIndex[graph.edges[e].to] { insert(e, into: &incoming[i]) }
            }
        }
        var attached = 0
        for list in outgoing { attached += list.count }
        for list in incoming { attached += list.count }
        graph.unresolvedEnds = 2 * graph.edges.count - attached
        graph.outgoing = outgoing
        graph.incoming = incoming
    }

    /// Per node, the edges leaving and entering it (ends below 0 left out), each list allocated once at its size.
    private static func adjacency(_ ends: [(from: Int32, to: Int32)], nodeCount: Int) -> (outgoing: [[Int]], incoming: [[Int]]) {
        var outDegree = [Int](repeating: 0, count: nodeCount)
        var inDegree = outDegree
        for end in ends {
            if end.from >= 0 { outDegree[Int(end.from)] += 1 }
            if end.to >= 0 { inDegree[Int(end.to)] += 1 }
        }
        var outgoing = outDegree.map { degree -> [Int] in
            var list: [Int] = []
            list.reserveCapacity(degree)
            return list
        }
        var incoming = inDegree.map { degree -> [Int] in
            var list: [Int] = []
            list.reserveCapacity(degree)
            return list
        }
        for (e, end) in ends.enumerated() {
            if end.from >= 0 { outgoing[Int(end.from)].append(e) }
            if end.to >= 0 { incoming[Int(end.to)].append(e) }
        }
        return (outgoing, incoming)
    }
}

/// What the two tasks of `buildAdjacency` hand back (each writes only its own fields).
private final class AdjacencyParts: @unchecked Sendable {
    var nodeIndex: [String: Int] = [:]
    var outgoing: [[Int]] = []
    var incoming: [[Int]] = []
}

/// Node indices by id bytes (first node wins, like `nodeIndex`): open addressing over an arena of the ids.
private struct IDTable {
    private var slots: [Int32]
    private var arena: [UInt8] = []
    private var spans: [(start: Int, count: Int)] = []
    private var used = 0

    init(expectedNodes: Int = 0) {
        var capacity = 1024
        while capacity < expectedNodes * 2 { capacity *= 2 }
        slots = [Int32](repeating: -1, count: capacity)
        spans.reserveCapacity(expectedNodes)
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Whether node `node` (already added) has exactly this id.
    func matches(_ node: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = spans[node]
        guard span.count == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            span.count == 0 || memcmp(stored.baseAddress! + span.start, bytes.baseAddress!, span.count) == 0
        }
    }

    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = IDTable.hash(bytes) & mask
        while slots[slot] >= 0 {
            if matches(Int(slots[slot]), bytes) { return Int(slots[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Records node `node` (always the next index); a repeated id keeps its first node.
    mutating func add(node: Int, id bytes: UnsafeBufferPointer<UInt8>) {
        spans.append((arena.count, bytes.count))
        arena.append(contentsOf: bytes)
        guard find(bytes) == nil else { return }
        if (used + 1) * 2 > slots.count { grow() }
        insert(node, hash: IDTable.hash(bytes))
    }

    private mutating func insert(_ node: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(node)
        used += 1
    }

    private mutating func grow() {
        let old = slots.filter { $0 >= 0 }
        slots = [Int32](repeating: -1, count: slots.count * 2)
        used = 0
        for node in old {
            let span = spans[Int(node)]
            let h = arena.withUnsafeBufferPointer { IDTable.hash(UnsafeBufferPointer(rebasing: $0[span.start..<(span.start + span.count)])) }
            insert(Int(node), hash: h)
        }
    }
}

@inline(__always) private func isLowerLetter(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
@inline(__always) private func isKeyByte(_ b: UInt8) -> Bool {
    isLowerLetter(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
}

/// 1-based character columns from UTF-8 byte offsets.
enum TextColumn {
    static func column(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        let end = min(offset, bytes.count)
        var ascii = true
        for i in 0..<end where bytes[i] >= 0x80 { ascii = false; break }
        if ascii { return end + 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self).count + 1
    }
}

struct Token {
    enum Kind { case word, string, arrow }
    var kind: Kind
    /// Byte range in the line; a string's range includes its quotes.
    var offset: Int
    var end: Int
    var hasEscapes = false

    /// The token's text (a label unescaped), made only when a record needs it.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch kind {
        case .arrow: return "->"
        case .word: return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        case .string:
            let inside = UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<(end - 1)])
            guard hasEscapes else { return String(decoding: inside, as: UTF8.self) }
            var text: [UInt8] = []
            text.reserveCapacity(inside.count)
            var i = 0
            while i < inside.count {
                if inside[i] == UInt8(ascii: "\\") { i += 1 }
                text.append(inside[i])
                i += 1
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    /// The token's bytes (a label's without quotes; only meaningful for words and escape-free labels).
    func rawBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        kind == .string ? UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<(end - 1)]) : UnsafeBufferPointer(rebasing: bytes[offset..<end])
    }
}

/// Splits a record line into words, quoted labels and `->`.
struct Lexer {
    struct Failure: Error { var offset: Int; var message: String }
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func next() -> Result<Token?, Failure> {
        while position < bytes.count && (bytes[position] == 0x20 || bytes[position] == 0x09) { position += 1 }
        guard position < bytes.count else { return .success(nil) }
        let start = position
        let byte = bytes[position]
        if byte == UInt8(ascii: "-") && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: ">") {
            position += 2
            return .success(Token(kind: .arrow, offset: start, end: position))
        }
        if byte == UInt8(ascii: "\"") { return quoted() }
        if Syntax.isIDStart(byte) {
            position += 1
            while position < bytes.count && Syntax.isIDByte(bytes[position]) {
                // `a->b` without spaces: stop the word before the arrow.
                if bytes[position] == UInt8(ascii: "-") && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: ">") { break }
                position += 1
            }
            return .success(Token(kind: .word, offset: start, end: position))
        }
        let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        let ch = rest.first.map(String.init) ?? "?"
        let hint = byte == UInt8(ascii: "#") ? " (comments are whole lines starting with '#')"
            : byte == UInt8(ascii: "'") || rest.hasPrefix("“") || rest.hasPrefix("”") ? " (labels use straight double quotes \")"
            : byte == UInt8(ascii: ":") ? " (attributes go on their own indented line: '  key: value')"
            : " (ids use letters, digits, '_', '.' and '-'; labels go in double quotes)"
        return .failure(Failure(offset: start, message: "unexpected '\(ch)'\(hint)"))
    }

    private mutating func quoted() -> Result<Token?, Failure> {
        let start = position
        position += 1
        var hasEscapes = false
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return .success(Token(kind: .string, offset: start, end: position, hasEscapes: hasEscapes))
            }
            if b == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { break }
                let escaped = bytes[position + 1]
                guard escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else {
                    return .failure(Failure(offset: position, message: "unknown escape '\\\(Character(Unicode.Scalar(escaped)))' in a label; only \\\" and \\\\ are allowed"))
                }
                hasEscapes = true
                position += 2
                continue
            }
            position += 1
        }
        return .failure(Failure(offset: start, message: "this label has no closing double quote"))
    }
}

// MARK: - Re-reading part of a file after an edit

extension Parser {
    /// Reads `lines[range]` on their own, as `parse` reads them when the range starts at a record (or at a line
    /// no attribute can belong to): records and errors, without adjacency.
    static func parseRegion(_ lines: [String], _ range: Range<Int>, declaredKinds: Set<String>) -> MapGraph {
        var parser = Parser()
        parser.declaredKinds = declaredKinds
        for index in range {
            var line = lines[index]
            line.withUTF8 { parser.parseLine(index: index, bytes: $0) }
        }
        parser.flushAttributes()
        return parser.graph
    }
}

extension MapGraph {
    /// Moves every record at or after line `start` by `delta` lines. Nodes and edges are each in file order, so
    /// only their tails move; the two tails are shifted on two cores when large (the pass is memory bound).
    mutating func shiftLines(from start: Int, by delta: Int) {
        guard delta != 0 else { return }
        if header != nil, header!.line >= start {
            header!.line += delta
            header!.endLine += delta
        }
        for i in kinds.indices {
            guard let line = kinds[i].line, line >= start else { continue }
            kinds[i].line = line + delta
            kinds[i].endLine = kinds[i].endLine.map { $0 + delta }
        }
        let firstNode = nodes.partitioningIndex { $0.line >= start }
        let firstEdge = edges.partitioningIndex { $0.line >= start }
        nodes.withUnsafeMutableBufferPointer { nodeBuffer in
            edges.withUnsafeMutableBufferPointer { edgeBuffer in
                let nodeTail = UnsafeSendable(UnsafeMutableBufferPointer(rebasing: nodeBuffer[firstNode...]))
                let edgeTail = UnsafeSendable(UnsafeMutableBufferPointer(rebasing: edgeBuffer[firstEdge...]))
                let both = nodeTail.value.count >= 10_000 && edgeTail.value.count >= 10_000
                Parser.inParallel(both ? 2 : 1) { part in
                    if !both || part == 0 { MapGraph.shift(nodeTail.value, by: delta) }
                    if !both || part == 1 { MapGraph.shift(edgeTail.value, by: delta) }
                }
            }
        }
    }

    // Attributes are placed relative to their record, so only the records' own lines move.
    private static func shift(_ nodes: UnsafeMutableBufferPointer<Node>, by delta: Int) {
        for i in nodes.indices {
            nodes[i].line += delta
            nodes[i].endLine += delta
        }
    }

    private static func shift(_ edges: UnsafeMutableBufferPointer<Edge>, by delta: Int) {
        for i in edges.indices {
            edges[i].line += delta
            edges[i].endLine += delta
        }
    }
}

// MARK: - Loading a file's bytes

extension Parser {
    /// The file's lines (split at every "\n", without the empty piece after a final newline) and the graph `parse`
    /// reads from them; nil when `validate` is set and the bytes are not UTF-8. An empty file counts as ending with
    /// a newline. A file of at least `parallelFrom`
    /// bytes is read as two halves on two cores, split before a record line in the middle, and the halves joined.
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, validate: Bool, parallelFrom: Int = 1 << 20)
        -> (lines: [String], hasFinalNewline: Bool, graph: MapGraph)? {
        var chunks = [LoadChunk(start: 0, end: bytes.count)]
        if bytes.count >= parallelFrom, let split = recordStart(after: bytes.count / 2, in: bytes) {
            chunks = [LoadChunk(start: 0, end: split), LoadChunk(start: split, end: bytes.count)]
        }
        let input = UnsafeSendable(bytes)
        let scanned = UnsafeSendable(UnsafeMutablePointer<LoadChunk>.allocate(capacity: chunks.count))
        scanned.value.initialize(from: chunks, count: chunks.count)
        inParallel(chunks.count) { scanned.value[$0].scan(input.value, validate: validate) }
        chunks = Array(UnsafeBufferPointer(start: scanned.value, count: chunks.count))
        scanned.value.deinitialize(count: chunks.count)
        scanned.value.deallocate()
        if validate && chunks.contains(where: { !$0.isValidUTF8 }) { return nil }
        // A header or kind declaration in the second half would need the first half's (order of kinds, "appears
        // twice"): rare, since they open the file; such a file is read in one piece.
        if chunks.count == 2 && chunks[1].hasHeaderOrKind { chunks = [chunks[0].joined(chunks[1])] }
        let hasFinalNewline = bytes.last ?? 0x0A == 0x0A
        if !hasFinalNewline { chunks[chunks.count - 1].lineCount += 1 }  // the text after the last "\n"
        for i in chunks.indices.dropFirst() { chunks[i].firstLine = chunks[i - 1].firstLine + chunks[i - 1].lineCount }
        let declaredKinds = chunks.reduce(into: Set<String>()) { $0.formUnion($1.declaredKinds) }
        let lineCount = chunks.reduce(0) { $0 + $1.lineCount }
        let records = chunks.reduce(0) { $0 + $1.records }, edgeLines = chunks.reduce(0) { $0 + $1.edgeLines }

        let parsers = UnsafeSendable(UnsafeMutablePointer<Parser>.allocate(capacity: chunks.count))
        defer { parsers.value.deinitialize(count: chunks.count); parsers.value.deallocate() }
        let lines = [String](unsafeUninitializedCapacity: withHeadroom(lineCount)) { buffer, initialized in
            let lineSlots = UnsafeSendable(buffer.baseAddress)
            let chunkList = chunks
            inParallel(chunkList.count) { c in
                let chunk = chunkList[c]
                var parser = Parser()
                parser.declaredKinds = declaredKinds
                parser.pending.reserveCapacity(16)
                parser.tokens.reserveCapacity(8)
                // The first half makes room for both, so the second is appended without growing.
                parser.graph.edges.reserveCapacity(c == 0 ? withHeadroom(edgeLines) : chunk.edgeLines)
                parser.graph.nodes.reserveCapacity(c == 0 ? withHeadroom(records - edgeLines) : chunk.records - chunk.edgeLines)
                parser.edgeEnds.reserveCapacity(c == 0 ? edgeLines : chunk.edgeLines)
                parser.ids = IDTable(expectedNodes: chunk.records - chunk.edgeLines)
                let bytes = input.value
                var lineStart = chunk.start
                for index in chunk.firstLine..<(chunk.firstLine + chunk.lineCount) {
                    let lineEnd = nextNewline(from: lineStart, before: chunk.end, in: bytes)
                    let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                    (lineSlots.value! + index).initialize(to: String(decoding: line, as: UTF8.self))
                    parser.parseLine(index: index, bytes: line)
                    lineStart = lineEnd + 1
                }
                parser.flushAttributes()
                (parsers.value + c).initialize(to: parser)
            }
            initialized = lineCount
        }

        var parser = parsers.value.move()
        parsers.value.initialize(to: Parser())
        var recheckFrom = Int.max
        if chunks.count == 2 {
            // Node indices in the second half start after the first half's nodes; its errors follow the first's.
            let second = parsers.value + 1
            let offset = Int32(parser.graph.nodes.count)
            recheckFrom = parser.graph.edges.count
            parser.graph.nodes.appendMoving(from: &second.pointee.graph.nodes,
                                            filler: Node(kind: "", id: "", label: "", attributes: [], line: 0, endLine: 0, idColumn: 0))
            parser.graph.edges.appendMoving(from: &second.pointee.graph.edges,
                                            filler: Edge(from: "", to: "", relation: "", attributes: [], line: 0, endLine: 0,
                                                         fromColumn: 0, toColumn: 0, relationColumn: 0))
            parser.edgeEnds.append(contentsOf: second.pointee.edgeEnds.lazy.map { ($0.from < 0 ? -1 : $0.from + offset, $0.to < 0 ? -1 : $0.to + offset) })
            parser.graph.syntaxErrors.append(contentsOf: second.pointee.graph.syntaxErrors)
        }
        parser.buildAdjacency(recheckingEndsFrom: recheckFrom)
        return (lines, hasFinalNewline, parser.graph)
    }

    /// The start of the first line after `offset` that begins a record at column 1 (so no attribute belongs across it).
    private static func recordStart(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = offset
        while i < bytes.count {
            let start = nextNewline(from: i, before: bytes.count, in: bytes) + 1
            guard start < bytes.count else { return nil }
            let first = bytes[start]
            if first != 0x20 && first != 0x09 && first != UInt8(ascii: "#") && first != 0x0D && first != 0x0A { return start }
            i = start
        }
        return nil
    }

    /// The index of the next "\n" at or after `start`, or `end`.
    fileprivate static func nextNewline(from start: Int, before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard start < end, let found = memchr(bytes.baseAddress! + start, 0x0A, end - start) else { return end }
        return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    static func inParallel(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: count, execute: body) }
    }
}

extension Array {
    /// Moves `other`'s elements onto the end, leaving `other` holding fillers: a copy would retain every string in
    /// them and releasing `other` would release them all again.
    fileprivate mutating func appendMoving(from other: inout [Element], filler: Element) {
        reserveCapacity(count + other.count)
        other.withUnsafeMutableBufferPointer { source in
            guard let base = source.baseAddress else { return }
            for i in source.indices {
                append((base + i).move())
                (base + i).initialize(to: filler)
            }
        }
    }
}

/// One part of a file being loaded: what a first quick pass learns about it.
private struct LoadChunk {
    var start: Int, end: Int
    var firstLine = 0
    /// Its lines (each ended by a "\n"; the last chunk's final piece is added later).
    var lineCount = 0
    var records = 0, edgeLines = 0
    var declaredKinds: Set<String> = []
    var hasHeaderOrKind = false
    var isValidUTF8 = true

    init(start: Int, end: Int) { self.start = start; self.end = end }

    /// Counts as `Parser.parse`'s first pass does, to size the arrays and know the declared kinds before any node.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, validate: Bool) {
        if validate { isValidUTF8 = UTF8Check.isValid(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
        guard isValidUTF8 else { return }
        var lineStart = start
        while lineStart < end {
            let lineEnd = Parser.nextNewline(from: lineStart, before: end, in: bytes)
            if lineEnd < end { lineCount += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            lineStart = lineEnd + 1
            guard let first = line.first, first != 0x20, first != 0x09, first != UInt8(ascii: "#"), first != 0x0D else { continue }
            records += 1
            if line.starts(with: "map".utf8) || line.starts(with: "kind".utf8) { hasHeaderOrKind = true }
            if first == UInt8(ascii: "k"), let name = Parser.kindDeclarationName(String(decoding: line, as: UTF8.self)) { declaredKinds.insert(name) }
            var i = 1
            while i < line.count && !(line[i] == UInt8(ascii: ">") && line[i - 1] == UInt8(ascii: "-")) { i += 1 }
            if i < line.count { edgeLines += 1 }
        }
    }

    func joined(_ next: LoadChunk) -> LoadChunk {
        var whole = LoadChunk(start: start, end: next.end)
        whole.lineCount = lineCount + next.lineCount
        whole.records = records + next.records
        whole.edgeLines = edgeLines + next.edgeLines
        whole.declaredKinds = declaredKinds.union(next.declaredKinds)
        return whole
    }
}

/// A pointer handed to the threads of `concurrentPerform`, each touching only its own elements.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
