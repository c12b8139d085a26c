import Foundation

/// Reads the lines of a map into a `MapGraph`. Never throws: problems become diagnostics,
/// and a bad record is skipped (with its attributes) so the rest of the map still loads.
struct Parser {
    var graph = MapGraph()
    var current: Current = .none
    var declaredKinds: Set<String> = []
    /// The current record's attributes, moved into it once the record ends (one allocation per record).
    var pending: [Attribute] = []
    /// Reused for every record line instead of a new array each time.
    var tokens: [Token] = []
    /// Node ids by their bytes, and per edge the node indices its ends found while parsing (-1: not yet).
    var ids = IDTable()
    var edgeEnds: [(from: Int32, to: Int32)] = []
    var lastEdgeSource = -1

    enum Current { case none, invalid, header, kindDecl(Int), node(Int), edge(Int) }

    static func parse(_ lines: MapLines) -> MapGraph {
        lines.withReader { reader in
            var parser = Parser()
            parser.pending.reserveCapacity(16)
            parser.tokens.reserveCapacity(8)
            // First pass: declared kinds (usable before their declaration), and how many records to make room for,
            // so the node and edge arrays are allocated once instead of doubling (which briefly holds two copies).
            var records = 0, edgeLines = 0
            for index in lines.indices {
                let bytes = reader[index]
                guard let first = bytes.first, first != 0x20, first != 0x09, first != UInt8(ascii: "#"), first != 0x0D else { continue }
                records += 1
                if first == UInt8(ascii: "k"), let name = Parser.kindDeclarationName(bytes) { parser.declaredKinds.insert(name) }
                var i = 1
                while i < bytes.count && !(bytes[i] == UInt8(ascii: ">") && bytes[i - 1] == UInt8(ascii: "-")) { i += 1 }
                if i < bytes.count { edgeLines += 1 }
            }
            parser.graph.edges.reserveCapacity(withHeadroom(edgeLines))
            parser.graph.nodes.reserveCapacity(withHeadroom(records - edgeLines))
            parser.edgeEnds.reserveCapacity(edgeLines)
            parser.ids = IDTable(expectedNodes: records - edgeLines)
            for index in lines.indices { parser.parseLine(index: index, bytes: reader[index]) }
            parser.flushAttributes()
            parser.buildAdjacency()
            return parser.graph
        }
    }

    /// Reads `lines[range]` on their own, as `parse` reads them when the range starts at a record (or at a line
    /// no attribute can belong to): records and errors, without adjacency.
    static func parseRegion(_ lines: MapLines, _ range: Range<Int>, declaredKinds: Set<String>) -> MapGraph {
        lines.withReader { reader in
            var parser = Parser()
            parser.declaredKinds = declaredKinds
            for index in range { parser.parseLine(index: index, bytes: reader[index]) }
            parser.flushAttributes()
            return parser.graph
        }
    }

    /// Room for a session's additions beyond what the file holds: growing a full array (or dictionary) of a
    /// large map copies all of it, which would make one added node take longer than a frame.
    static func withHeadroom(_ count: Int) -> Int { count + count / 32 + 64 }

    /// Kinds may be declared anywhere in the file, so collect them before reading nodes.
    private static func kindDeclarationName(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        guard line.count > 4, line.starts(with: "kind".utf8), isBlank(line[4]) else { return nil }
        var start = 5
        while start < line.count && isBlank(line[start]) { start += 1 }
        var end = start
        while end < line.count && !isBlank(line[end]) { end += 1 }
        return start < end ? String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self) : nil
    }

    // MARK: Lines

    private mutating func parseLine(index: Int, bytes raw: UnsafeBufferPointer<UInt8>) {
        let bytes = raw.last == UInt8(ascii: "\r") ? UnsafeBufferPointer(rebasing: raw.dropLast()) : raw
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
    mutating func flushAttributes() {
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
}
