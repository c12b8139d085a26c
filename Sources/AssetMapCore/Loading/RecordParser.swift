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

    /// The record read last (a node or an edge is the last one written: its attributes and end line are set in
    /// place once its attribute lines are read).
    private var current: Current = .none
    /// Reused for every record line instead of a new array each time.
    private var tokens: [Token] = []
    private let texts: TextMaker

    enum Current { case none, invalid, header, kindDecl(Int), node, edge }

    init(_ reader: MapLines.Reader, declaredKinds: Set<String>, room: Room, usualShapes: Bool = true) {
        texts = TextMaker(reader)
        self.declaredKinds = declaredKinds
        readsUsualShapes = usualShapes
        nodes = RecordSink(room.nodes)
        edges = RecordSink(room.edges)
        ends = RecordSink(room.ends)
        ids = RecordSink(room.ids)
        tokens.reserveCapacity(8)
    }

    /// Where a parser writes: room for at least as many records as `RecordCount` allows. Each part's room is a
    /// piece of the load's arrays no other part's overlaps (`readRecords`), written only by that part's parser.
    struct Room: @unchecked Sendable {
        var nodes: UnsafeMutableBufferPointer<Node>
        var edges: UnsafeMutableBufferPointer<Edge>
        var ends: UnsafeMutableBufferPointer<EndBytes>
        var ids: UnsafeMutableBufferPointer<IDBytes>
    }

    /// Reads lines `range` (which starts at a record, or at a line no attribute can belong to).
    mutating func read(_ reader: MapLines.Reader, _ range: Range<Int>) {
        var index = range.lowerBound
        while index < range.upperBound {
            let line = ParsedLine(reader[index])
            switch line.kind {
            case .blank, .comment: break
            case .record:
                parseRecord(index: index, bytes: line.bytes)
                switch current {
                case .header, .node, .edge:
                    index = readAttributes(reader, of: index, upTo: range.upperBound)
                    continue
                case .kindDecl, .none, .invalid: break
                }
            // Attribute lines of a node, an edge or the header are read with it: these follow no such record.
            case .continuation(let at):
                if case .invalid = current { break }
                error(index, line.bytes, at, "a '+' continuation line must follow an attribute of a record")
            case .attribute(let at):
                switch current {
                case .invalid: break
                case .kindDecl:
                    error(
                        index, line.bytes, at,
                        "a kind declaration takes no attributes; attributes belong to nodes, edges and the map header")
                default:
                    error(
                        index, line.bytes, at,
                        "an indented line must follow a record (a node, an edge or the map header); records start at column 1"
                    )
                }
            }
            index += 1
        }
        current = .none
    }

    /// Room for a session's additions beyond what the file holds: growing a full array (or dictionary) of a
    /// large map copies all of it, which would make one added node take longer than a frame.
    static func withHeadroom(_ count: Int) -> Int { count + count / 32 + 64 }

    // MARK: Attributes

    /// The attribute lines after the record on line `record` and their `+` continuation lines (blank lines and
    /// comments may come between), read into an array of their number; where the next record starts.
    private mutating func readAttributes(_ reader: MapLines.Reader, of record: Int, upTo end: Int) -> Int {
        var next = record + 1, count = 0
        while next < end {
            let kind = ParsedLine(reader[next]).kind
            if case .record = kind { break }
            if case .attribute = kind { count += 1 }
            next += 1
        }
        guard count > 0 else {  // most edges: nothing to allocate
            for index in (record + 1)..<next {
                let line = ParsedLine(reader[index])
                if case .continuation(let at) = line.kind { error(index, line.bytes, at, Self.continuationFirst) }
            }
            return next
        }
        var last = record  // the record's last line
        // Whether a `+` line continues `room[filled - 1]`: not after a line that was no attribute (an error).
        var continues = false
        let attributes = [Attribute](unsafeUninitializedCapacity: count) { room, filled in
            for index in (record + 1)..<next {
                let line = ParsedLine(reader[index])
                switch line.kind {
                case .attribute(let at):
                    continues = false
                    guard let attribute = attribute(index, line.bytes, at, offset: index - record) else { continue }
                    (room.baseAddress! + filled).initialize(to: attribute)
                    filled += 1
                    continues = true
                case .continuation(let at):
                    guard continues else {
                        error(index, line.bytes, at, Self.continuationFirst)
                        continue
                    }
                    var textStart = at + 1
                    if textStart < line.bytes.count && line.bytes[textStart] == 0x20 { textStart += 1 }
                    let more = String(
                        decoding: UnsafeBufferPointer(
                            rebasing: line.bytes[textStart..<trimmedEnd(line.bytes, from: textStart)]), as: UTF8.self)
                    room[filled - 1].value += "\n" + more
                    room[filled - 1].lineCount += 1
                case .blank, .comment, .record: continue
                }
                last = index
            }
        }
        switch current {
        case .header: header!.attributes = attributes; header!.endLine = last + 1
        case .node: nodes.last.pointee.attributes = attributes; nodes.last.pointee.endLine = last + 1
        case .edge: edges.last.pointee.attributes = attributes; edges.last.pointee.endLine = last + 1
        case .kindDecl, .none, .invalid: break
        }
        return next
    }

    private static let continuationFirst = "a '+' continuation line must follow an attribute line"

    /// A `key: value` line's attribute, or nil after an error.
    private mutating func attribute(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, offset: Int)
        -> Attribute?
    {
        var i = start
        guard isLowerLetter(bytes[i]) else {
            error(
                index, bytes, start, "expected an attribute 'key: value' where the key starts with a lower-case letter")
            return nil
        }
        while i < bytes.count && isKeyByte(bytes[i]) { i += 1 }
        let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard i < bytes.count && bytes[i] == UInt8(ascii: ":") else {
            let what = i < bytes.count ? "'\(character(bytes, at: i))'" : "the end of the line"
            error(
                index, bytes, i,
                "expected ':' after attribute key '\(key)', found \(what) (keys use a-z, 0-9, '_' and '-')")
            return nil
        }
        i = Lexer.blanksEnd(bytes, from: i + 1)
        // Blanks, key and colon are ASCII: the value's column is its offset + 1.
        return Attribute(
            key: key, value: texts.text(bytes, i..<trimmedEnd(bytes, from: i)), offset: offset, lineCount: 1,
            valueColumn: i + 1)
    }

    // MARK: Records

    private mutating func parseRecord(index: Int, bytes: UnsafeBufferPointer<UInt8>) {
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
            error(
                index, bytes, tokens.first?.offset ?? 0,
                "a record starts with a kind, the word 'map', the word 'kind', or an edge 'FROM -> TO RELATION'")
            return
        }
        let word = first.text(bytes)
        switch word {
        case "map":
            guard tokens.count >= 2, tokens[1].kind == .string else {
                error(
                    index, bytes, tokens.count >= 2 ? tokens[1].offset : bytes.count,
                    "expected the map's title in double quotes: map \"Title\"")
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
            // The name is the second token, as `KindLine.name` (what the load counted as declared) reads it.
            guard tokens.count >= 2, tokens[1].kind == .word else {
                error(
                    index, bytes, tokens.count >= 2 ? tokens[1].offset : bytes.count,
                    "expected a kind name: kind NAME \"Plural label\"")
                return
            }
            guard tokens.count >= 3, tokens[2].kind == .string else {
                error(
                    index, bytes, tokens.count >= 3 ? tokens[2].offset : bytes.count,
                    "expected the kind's plural label in double quotes: kind \(tokens[1].text(bytes)) \"Plural label\"")
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
            kinds.append(
                KindInfo(name: name, plural: tokens[2].text(bytes), isBuiltin: false, line: index, endLine: index + 1))
            current = .kindDecl(kinds.count - 1)
        default:
            guard let kind = kindName(first.rawBytes(bytes)) else {
                error(
                    index, bytes, 0,
                    Suggest.unknownKind(word, among: KindInfo.builtins.map(\.name) + declaredKinds.sorted()))
                return
            }
            guard tokens.count >= 2, tokens[1].kind == .word else {
                error(
                    index, bytes, tokens.count >= 2 ? tokens[1].offset : bytes.count,
                    "expected an id after '\(first.text(bytes))' (letters, digits, '_', '.', '-')")
                return
            }
            guard tokens.count >= 3, tokens[2].kind == .string else {
                error(
                    index, bytes, tokens.count >= 3 ? tokens[2].offset : bytes.count,
                    "expected a label in double quotes after '\(tokens[1].text(bytes))'")
                return
            }
            if tokens.count > 3 { return unexpected(index, bytes, tokens[3]) }
            addNode(
                index, bytes, kind: kind, id: tokens[1].offset..<tokens[1].end, label: MapText(tokens[2].text(bytes)))
        }
    }

    /// False for a line the lexer must read: a header, a kind declaration, a node of no known kind.
    private mutating func readUsual(_ usual: UsualRecord, index: Int, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch usual.shape {
        case .edge:
            addEdge(
                index, bytes, from: usual.first, to: usual.second,
                relation: String(decoding: UnsafeBufferPointer(rebasing: bytes[usual.thirdText]), as: UTF8.self),
                relationOffset: usual.third.lowerBound)
        case .node:
            guard let kind = kindName(UnsafeBufferPointer(rebasing: bytes[usual.first])) else { return false }
            addNode(index, bytes, kind: kind, id: usual.second, label: texts.text(bytes, usual.thirdText))
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

    private mutating func addNode(
        _ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, kind: String, id: Range<Int>, label: MapText
    ) {
        let idBytes = UnsafeBufferPointer(rebasing: bytes[id])
        nodes.append(
            Node(
                kind: kind, id: String(decoding: idBytes, as: UTF8.self), label: label, attributes: [],
                line: index, endLine: index + 1, idColumn: id.lowerBound + 1))
        ids.append(
            IDBytes(
                line: Int32(index), start: Int32(id.lowerBound), count: Int32(id.count), hash: IDSlots.hash(idBytes)))
        current = .node
    }

    /// The ends are named once every node is known (`link`); until then the edge keeps where they are.
    private mutating func addEdge(
        _ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, from: Range<Int>, to: Range<Int>,
        relation: String, relationOffset: Int
    ) {
        ends.append(
            EndBytes(fromCount: Int32(from.upperBound), toStart: Int32(to.lowerBound), toCount: Int32(to.count)))
        edges.append(
            Edge(
                from: "", to: "", relation: relation, attributes: [], line: index, endLine: index + 1,
                toColumn: to.lowerBound + 1, relationColumn: relationOffset + 1))
        current = .edge
    }

    private mutating func parseEdge(index: Int, tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) {
        guard tokens[0].kind == .word else {
            error(index, bytes, tokens[0].offset, "an edge starts with the id of the node it leaves")
            return
        }
        guard tokens.count >= 3, tokens[2].kind == .word else {
            error(
                index, bytes, tokens.count >= 3 ? tokens[2].offset : bytes.count,
                "expected the id of the node the edge goes to after '->'")
            return
        }
        guard tokens.count >= 4, tokens[3].kind != .arrow else {
            error(
                index, bytes, tokens.count >= 4 ? tokens[3].offset : bytes.count,
                "expected a relation after '\(tokens[2].text(bytes))', a word or a quoted label (e.g. affects, \"gathers at\")"
            )
            return
        }
        if tokens.count > 4 { return unexpected(index, bytes, tokens[4]) }
        addEdge(
            index, bytes, from: tokens[0].offset..<tokens[0].end, to: tokens[2].offset..<tokens[2].end,
            relation: tokens[3].text(bytes), relationOffset: tokens[3].offset)
    }

    private mutating func unexpected(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) {
        let hint = token.kind == .string ? " (only one quoted label per record)" : ""
        error(
            index, bytes, token.offset,
            "unexpected \(token.kind == .string ? "\"\(token.text(bytes))\"" : "'\(token.text(bytes))'") at the end of the record\(hint)"
        )
    }

    // MARK: Helpers

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

    /// Where the text from `start` ends without its trailing blanks.
    private func trimmedEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = bytes.count
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return end
    }
}

/// A line as the parser sees it: without a final "\r", and what it holds by its first bytes.
struct ParsedLine {
    enum Kind {
        case blank, comment, record
        /// With where the `+` or the key is.
        case continuation(Int), attribute(Int)
    }
    let bytes: UnsafeBufferPointer<UInt8>
    let kind: Kind

    @inline(__always) init(_ raw: UnsafeBufferPointer<UInt8>) {
        bytes = raw.last == UInt8(ascii: "\r") ? UnsafeBufferPointer(rebasing: raw.dropLast()) : raw
        let indent = Lexer.blanksEnd(bytes, from: 0)
        kind =
            indent == bytes.count
            ? .blank
            : bytes[indent] == UInt8(ascii: "#")
                ? .comment
                : indent == 0
                    ? .record
                    : bytes[indent] == UInt8(ascii: "+") ? .continuation(indent) : .attribute(indent)
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

    /// The from and to ids' bytes in the edge's line.
    @inline(__always) func ids(in line: UnsafeBufferPointer<UInt8>) -> (
        from: UnsafeBufferPointer<UInt8>, to: UnsafeBufferPointer<UInt8>
    ) {
        (
            UnsafeBufferPointer(rebasing: line[0..<Int(fromCount)]),
            UnsafeBufferPointer(rebasing: line[Int(toStart)..<Int(toStart + toCount)])
        )
    }
}

/// Where a node's id is in its line, and its hash (`IDSlots.hash`), worked out while the line is at hand.
struct IDBytes {
    var line: Int32
    var start: Int32
    var count: Int32
    var hash: UInt32
}
