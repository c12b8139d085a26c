/// Reads the lines of a map into a `MapGraph`. Never throws: problems become diagnostics,
/// and a bad record is skipped (with its attributes) so the rest of the map still loads.
struct Parser {
    private var graph = MapGraph()
    private var current: Current = .none
    private var declaredKinds: Set<String> = []

    private enum Current { case none, invalid, header, kindDecl(Int), node(Int), edge(Int) }

    static func parse(_ lines: [String]) -> MapGraph {
        var parser = Parser()
        parser.declaredKinds = Set(lines.compactMap(Parser.kindDeclarationName))
        for (index, line) in lines.enumerated() {
            var line = line
            line.withUTF8 { parser.parseLine(index: index, bytes: $0) }
        }
        parser.buildAdjacency()
        return parser.graph
    }

    /// Kinds may be declared anywhere in the file, so collect them before reading nodes.
    private static func kindDeclarationName(_ line: String) -> String? {
        guard line.hasPrefix("kind ") else { return nil }
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        return String(parts[1])
    }

    // MARK: Lines

    private mutating func parseLine(index: Int, bytes raw: UnsafeBufferPointer<UInt8>) {
        var end = raw.count
        if end > 0 && raw[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let bytes = UnsafeBufferPointer(rebasing: raw[0..<end])
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
        let attribute = Attribute(key: key, value: trimmedTrailing(bytes, from: i), line: index, lineCount: 1, valueColumn: valueColumn)
        _ = withCurrentAttributes { attributes in attributes.append(attribute); return true }
        extendCurrent(to: index + 1)
    }

    // MARK: Records

    private mutating func parseRecord(index: Int, bytes: UnsafeBufferPointer<UInt8>) {
        current = .invalid
        var tokens: [Token] = []
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
        switch first.text {
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
            graph.header = MapHeader(title: tokens[1].text, attributes: [], line: index, endLine: index + 1)
            current = .header
        case "kind":
            guard tokens.count >= 2, tokens[1].kind == .word else {
                error(index, bytes, tokens.count >= 2 ? tokens[1].offset : bytes.count, "expected a kind name: kind NAME \"Plural label\"")
                return
            }
            guard tokens.count >= 3, tokens[2].kind == .string else {
                error(index, bytes, tokens.count >= 3 ? tokens[2].offset : bytes.count, "expected the kind's plural label in double quotes: kind \(tokens[1].text) \"Plural label\"")
                return
            }
            if let extra = tokens.dropFirst(3).first { return unexpected(index, bytes, extra) }
            let name = tokens[1].text
            if name == "map" || name == "kind" {
                error(index, bytes, tokens[1].offset, "'\(name)' is reserved and cannot name a kind")
                return
            }
            if let existing = graph.kinds.first(where: { $0.name == name }) {
                let where_ = existing.line.map { "on line \($0 + 1)" } ?? "as a built-in kind"
                error(index, bytes, tokens[1].offset, "kind '\(name)' is already declared \(where_)")
                return
            }
            graph.kinds.append(KindInfo(name: name, plural: tokens[2].text, isBuiltin: false, line: index, endLine: index + 1))
            current = .kindDecl(graph.kinds.count - 1)
        default:
            guard KindInfo.builtins.contains(where: { $0.name == first.text }) || declaredKinds.contains(first.text) else {
                let known = KindInfo.builtins.map(\.name) + declaredKinds.sorted()
                var message = "unknown kind '\(first.text)'"
                if let guess = Suggest.closest(to: first.text, among: known) { message += " (did you mean '\(guess)'?)" }
                else { message += "; kinds are \(known.joined(separator: ", ")), or declare one with: kind \(first.text) \"Plural label\"" }
                error(index, bytes, 0, message)
                return
            }
            guard tokens.count >= 2, tokens[1].kind == .word else {
                error(index, bytes, tokens.count >= 2 ? tokens[1].offset : bytes.count, "expected an id after '\(first.text)' (letters, digits, '_', '.', '-')")
                return
            }
            guard tokens.count >= 3, tokens[2].kind == .string else {
                error(index, bytes, tokens.count >= 3 ? tokens[2].offset : bytes.count, "expected a label in double quotes after '\(tokens[1].text)'")
                return
            }
            if let extra = tokens.dropFirst(3).first { return unexpected(index, bytes, extra) }
            graph.nodes.append(Node(kind: first.text, id: tokens[1].text, label: tokens[2].text, attributes: [],
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
            error(index, bytes, tokens.count >= 4 ? tokens[3].offset : bytes.count, "expected a relation after '\(tokens[2].text)', a word or a quoted label (e.g. affects, \"gathers at\")")
            return
        }
        if let extra = tokens.dropFirst(4).first { return unexpected(index, bytes, extra) }
        graph.edges.append(Edge(from: tokens[0].text, to: tokens[2].text, relation: tokens[3].text, attributes: [],
                                line: index, endLine: index + 1,
                                fromColumn: column(bytes, tokens[0].offset), toColumn: column(bytes, tokens[2].offset),
                                relationColumn: column(bytes, tokens[3].offset)))
        current = .edge(graph.edges.count - 1)
    }

    private mutating func unexpected(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) {
        let hint = token.kind == .string ? " (only one quoted label per record)" : ""
        error(index, bytes, token.offset, "unexpected \(token.kind == .string ? "\"\(token.text)\"" : "'\(token.text)'") at the end of the record\(hint)")
    }

    // MARK: Helpers

    /// Runs `body` on the attribute list of the current record; nil when there is none.
    private mutating func withCurrentAttributes(_ body: (inout [Attribute]) -> Bool) -> Bool? {
        switch current {
        case .header: return body(&graph.header!.attributes)
        case .node(let i): return body(&graph.nodes[i].attributes)
        case .edge(let i): return body(&graph.edges[i].attributes)
        case .kindDecl, .none, .invalid: return nil
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

    private mutating func buildAdjacency() {
        graph.nodeIndex.reserveCapacity(graph.nodes.count)
        for (i, node) in graph.nodes.enumerated() where graph.nodeIndex[node.id] == nil {
            graph.nodeIndex[node.id] = i
        }
        graph.outgoing = Array(repeating: [], count: graph.nodes.count)
        graph.incoming = Array(repeating: [], count: graph.nodes.count)
        for (e, edge) in graph.edges.enumerated() {
            if let f = graph.nodeIndex[edge.from] { graph.outgoing[f].append(e) }
            if let t = graph.nodeIndex[edge.to] { graph.incoming[t].append(e) }
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
    var text: String
    var offset: Int
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
            return .success(Token(kind: .arrow, text: "->", offset: start))
        }
        if byte == UInt8(ascii: "\"") { return quoted() }
        if Syntax.isIDStart(byte) {
            position += 1
            while position < bytes.count && Syntax.isIDByte(bytes[position]) {
                // `a->b` without spaces: stop the word before the arrow.
                if bytes[position] == UInt8(ascii: "-") && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: ">") { break }
                position += 1
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            return .success(Token(kind: .word, text: text, offset: start))
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
        var text: [UInt8] = []
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return .success(Token(kind: .string, text: String(decoding: text, as: UTF8.self), offset: start))
            }
            if b == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { break }
                let escaped = bytes[position + 1]
                guard escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else {
                    return .failure(Failure(offset: position, message: "unknown escape '\\\(Character(Unicode.Scalar(escaped)))' in a label; only \\\" and \\\\ are allowed"))
                }
                text.append(escaped)
                position += 2
                continue
            }
            text.append(b)
            position += 1
        }
        return .failure(Failure(offset: start, message: "this label has no closing double quote"))
    }
}
