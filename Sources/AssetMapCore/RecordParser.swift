import Foundation

/// Reads a run of a map's lines into nodes, edges and errors. Never throws: problems become diagnostics,
/// and a bad record is skipped (with its attributes) so the rest of the map still loads. A parser writes its
/// records into room made for them beforehand (`RecordCount` says how much), so a large map can be read in
/// parts at once, each part into its own stretch of the one node array and the one edge array.
struct Parser {
    var header: MapHeader?
    /// Built-in kinds first, then declared kinds in file order.
    var kinds: [KindInfo] = KindInfo.builtins
    var syntaxErrors: [Diagnostic] = []
    /// Every declared kind, wherever in the file (a kind may be used before its declaration).
    let declaredKinds: Set<String>
    /// Record lines of the usual shapes read without the lexer (see `UsualRecord`).
    let readsUsualShapes: Bool
    private(set) var nodes: RecordSink<Node>
    private(set) var edges: RecordSink<Edge>
    /// Per edge, where its ends' ids are in its line (the edge's `from` and `to` stay empty: `link` fills them).
    private(set) var ends: RecordSink<EndBytes>
    /// Per node, where its id is in its line.
    private(set) var ids: RecordSink<IDBytes>

    /// The record being read (a node or an edge is the last one written: its attributes and end line are set
    /// in place once its last attribute line is read).
    private var current: Current = .none
    private var pending: [Attribute] = []
    /// Reused for every record line instead of a new array each time.
    private var tokens: [Token] = []

    enum Current { case none, invalid, header, kindDecl(Int), node, edge }

    init(declaredKinds: Set<String>, room: Room, usualShapes: Bool = true) {
        self.declaredKinds = declaredKinds
        readsUsualShapes = usualShapes
        nodes = RecordSink(room.nodes)
        edges = RecordSink(room.edges)
        ends = RecordSink(room.ends)
        ids = RecordSink(room.ids)
        pending.reserveCapacity(16)
        tokens.reserveCapacity(8)
    }

    /// Where a parser writes: room for at least as many records as `RecordCount` allows.
    struct Room {
        var nodes: UnsafeMutableBufferPointer<Node>
        var edges: UnsafeMutableBufferPointer<Edge>
        var ends: UnsafeMutableBufferPointer<EndBytes>
        var ids: UnsafeMutableBufferPointer<IDBytes>
    }

    /// Reads lines `range` (which starts at a record, or at a line no attribute can belong to).
    mutating func read(_ reader: MapLines.Reader, _ range: Range<Int>) {
        for index in range { parseLine(index: index, bytes: reader[index]) }
        finishRecord()
    }

    /// Room for a session's additions beyond what the file holds: growing a full array (or dictionary) of a
    /// large map copies all of it, which would make one added node take longer than a frame.
    static func withHeadroom(_ count: Int) -> Int { count + count / 32 + 64 }

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
        // Blanks, key and colon are ASCII: the value's column is its offset + 1.
        let attribute = Attribute(key: key, value: trimmedTrailing(bytes, from: i), offset: index - currentLine, lineCount: 1, valueColumn: i + 1)
        _ = withCurrentAttributes { attributes in attributes.append(attribute); return true }
        extendCurrent(to: index + 1)
    }

    // MARK: Records

    private mutating func parseRecord(index: Int, bytes: UnsafeBufferPointer<UInt8>) {
        finishRecord()
        current = .invalid
        if readsUsualShapes, let usual = UsualRecord(bytes), readUsual(usual, index: index, bytes: bytes) { return }
        var tokens = self.tokens
        self.tokens = []
        defer { tokens.removeAll(keepingCapacity: true); self.tokens = tokens }
        var lexer = Lexer(bytes: bytes)
        while let token = lexer.next() { tokens.append(token) }
        if let failure = lexer.failure {
            error(index, bytes, failure.offset, failure.message)
            return
        }
        if tokens.count >= 2, tokens[1].kind == .arrow {
            parseEdge(index: index, tokens: tokens, bytes: bytes)
            return
        }
        guard let first = tokens.first, first.kind == .word else {
            error(index, bytes, tokens.first?.offset ?? 0, "a record starts with a kind, the word 'map', the word 'kind', or an edge 'FROM -> TO RELATION'")
            return
        }
        let word = first.text(bytes)
        switch word {
        case "map":
            guard tokens.count >= 2, tokens[1].kind == .string else {
                error(index, bytes, tokens.count >= 2 ? tokens[1].offset : bytes.count, "expected the map's title in double quotes: map \"Title\"")
                return
            }
            if tokens.count > 2 { return unexpected(index, bytes, tokens[2]) }
            if let previous = header {
                error(index, bytes, 0, "the map header appears twice (first on line \(previous.line + 1))")
                return
            }
            header = MapHeader(title: tokens[1].text(bytes), attributes: [], line: index, endLine: index + 1)
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
            if tokens.count > 3 { return unexpected(index, bytes, tokens[3]) }
            let name = tokens[1].text(bytes)
            if name == "map" || name == "kind" {
                error(index, bytes, tokens[1].offset, "'\(name)' is reserved and cannot name a kind")
                return
            }
            if let existing = kinds.first(where: { $0.name == name }) {
                let where_ = existing.line.map { "on line \($0 + 1)" } ?? "as a built-in kind"
                error(index, bytes, tokens[1].offset, "kind '\(name)' is already declared \(where_)")
                return
            }
            kinds.append(KindInfo(name: name, plural: tokens[2].text(bytes), isBuiltin: false, line: index, endLine: index + 1))
            current = .kindDecl(kinds.count - 1)
        default:
            guard let kind = kindName(first.rawBytes(bytes)) else {
                error(index, bytes, 0, Suggest.unknownKind(word, among: KindInfo.builtins.map(\.name) + declaredKinds.sorted()))
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
            if tokens.count > 3 { return unexpected(index, bytes, tokens[3]) }
            addNode(index, bytes, kind: kind, id: tokens[1].offset..<tokens[1].end, label: tokens[2].text(bytes))
        }
    }

    /// False for a line the lexer must read: a header, a kind declaration, a node of no known kind.
    private mutating func readUsual(_ usual: UsualRecord, index: Int, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch usual.shape {
        case .edge:
            addEdge(index, bytes, from: usual.first, to: usual.second, relation: usual.thirdText(bytes), relationOffset: usual.third.lowerBound)
        case .node:
            guard let kind = kindName(UnsafeBufferPointer(rebasing: bytes[usual.first])) else { return false }
            addNode(index, bytes, kind: kind, id: usual.second, label: usual.thirdText(bytes))
        }
        return true
    }

    /// The kind a record's first word names; nil for `map`, `kind` and undeclared words. A built-in kind gives its
    /// name's one String, shared by every node of that kind.
    private func kindName(_ word: UnsafeBufferPointer<UInt8>) -> String? {
        if let builtin = BuiltinKind.named(utf8: word) { return builtin.name }
        let name = String(decoding: word, as: UTF8.self)
        return name != "map" && name != "kind" && declaredKinds.contains(name) ? name : nil
    }

    // Kinds and ids are ASCII, so in a well-formed record every column is the byte offset + 1.

    private mutating func addNode(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, kind: String, id: Range<Int>, label: String) {
        let idBytes = UnsafeBufferPointer(rebasing: bytes[id])
        nodes.append(Node(kind: kind, id: String(decoding: idBytes, as: UTF8.self), label: label, attributes: [],
                          line: index, endLine: index + 1, idColumn: id.lowerBound + 1))
        ids.append(IDBytes(line: Int32(index), start: Int32(id.lowerBound), count: Int32(id.count), hash: IDSlots.hash(idBytes)))
        current = .node
    }

    /// The ends are named once every node is known (`link`); until then the edge keeps where they are.
    private mutating func addEdge(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, from: Range<Int>, to: Range<Int>,
                                  relation: String, relationOffset: Int) {
        ends.append(EndBytes(fromCount: Int32(from.upperBound), toStart: Int32(to.lowerBound), toCount: Int32(to.count)))
        edges.append(Edge(from: "", to: "", relation: relation, attributes: [], line: index, endLine: index + 1,
                          toColumn: to.lowerBound + 1, relationColumn: relationOffset + 1))
        current = .edge
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
        if tokens.count > 4 { return unexpected(index, bytes, tokens[4]) }
        addEdge(index, bytes, from: tokens[0].offset..<tokens[0].end, to: tokens[2].offset..<tokens[2].end,
                relation: tokens[3].text(bytes), relationOffset: tokens[3].offset)
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

    /// Writes out the record just read, with the attributes collected for it.
    mutating func finishRecord() {
        // A new buffer of exactly this size: Array(pending) would share the scratch buffer (and its spare room),
        // and the removeAll below would then allocate a new scratch buffer every time.
        if !pending.isEmpty {
            let attributes = takePending()
            switch current {
            case .header: header!.attributes = attributes
            case .node: nodes.last.pointee.attributes = attributes
            case .edge: edges.last.pointee.attributes = attributes
            case .kindDecl, .none, .invalid: break
            }
        }
        current = .none
    }

    /// The collected attributes moved (not copied: no string retained and released) into an array of their size.
    private mutating func takePending() -> [Attribute] {
        let count = pending.count
        let taken = pending.withUnsafeMutableBufferPointer { scratch in
            let taken = [Attribute](unsafeUninitializedCapacity: count) { room, initialized in
                room.baseAddress!.moveInitialize(from: scratch.baseAddress!, count: count)
                initialized = count
            }
            // The scratch slots were moved from: fill them with empty attributes for `removeAll` to drop.
            scratch.baseAddress!.initialize(repeating: Attribute(key: "", value: "", offset: 0, lineCount: 0, valueColumn: 0), count: count)
            return taken
        }
        pending.removeAll(keepingCapacity: true)
        return taken
    }

    /// The first line of the current record (one with attributes).
    private var currentLine: Int {
        switch current {
        case .header: return header!.line
        case .node: return nodes.last.pointee.line
        case .edge: return edges.last.pointee.line
        case .kindDecl, .none, .invalid: return 0
        }
    }

    private mutating func extendCurrent(to end: Int) {
        switch current {
        case .header: header!.endLine = end
        case .node: nodes.last.pointee.endLine = end
        case .edge: edges.last.pointee.endLine = end
        case .kindDecl(let i): kinds[i].endLine = end
        case .none, .invalid: break
        }
    }

    private mutating func error(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, _ message: String) {
        syntaxErrors.append(Diagnostic(.error, line: index + 1, column: column(bytes, offset), message))
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

/// Records written one after another into room made for them beforehand.
struct RecordSink<Element> {
    let room: UnsafeMutableBufferPointer<Element>
    private(set) var count = 0

    init(_ room: UnsafeMutableBufferPointer<Element>) { self.room = room }

    mutating func append(_ element: Element) {
        precondition(count < room.count, "more records than RecordCount allowed for")
        (room.baseAddress! + count).initialize(to: element)
        count += 1
    }

    /// The record written last, to finish in place.
    var last: UnsafeMutablePointer<Element> { room.baseAddress! + (count - 1) }
}

/// Where an edge's ends are in its line: `from` at its start, `to` further on (both plain ids).
struct EndBytes {
    var fromCount: Int32
    var toStart: Int32
    var toCount: Int32
}

/// Where a node's id is in its line, and its hash (`IDSlots.hash`), worked out while the line is at hand.
struct IDBytes {
    var line: Int32
    var start: Int32
    var count: Int32
    var hash: UInt32
}
