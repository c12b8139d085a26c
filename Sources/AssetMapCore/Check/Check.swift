import Foundation

/// Semantic checks of a parsed map, on top of the parser's syntax errors.
extension MapDocument {
    /// Every problem in the map (syntax errors included), sorted by position.
    package func check() -> [Diagnostic] { check(inParallel: graph.nodes.count + graph.edges.count >= 4096) }

    /// Only the errors `check` finds (no warnings), for what must know at once whether a map is sound (the UI
    /// opens a map with errors read-only) without working out every warning first.
    package func errors() -> [Diagnostic] {
        check(inParallel: graph.nodes.count + graph.edges.count >= 4096, warnings: false)
    }

    /// Independent parts, run on both cores for a large map (each core taking the next part as it finishes one);
    /// the final sort makes the order the same.
    func check(inParallel: Bool, warnings: Bool = true) -> [Diagnostic] {
        // What the parts share, worked out at once: each edge's ends, and each node's built-in kind (a small array:
        // neighbours' kinds are looked up at random, which in the node array would miss the cache each time).
        let prepared = Parallel.map(3, parallel: inParallel) { task -> (ends: [Int32], kinds: [BuiltinKind?]) in
            switch task {
            case 0: return (Self.ends(graph.outgoing, edgeCount: graph.edges.count), [])
            case 1: return (Self.ends(graph.incoming, edgeCount: graph.edges.count), [])
            default: return ([], graph.nodes.map { BuiltinKind.named($0.kind) })
            }
        }
        let ends = (from: prepared[0].ends, to: prepared[1].ends), kinds = prepared[2].kinds
        let nodeHalves = [0..<(graph.nodes.count / 2), (graph.nodes.count / 2)..<graph.nodes.count]
        // The longest parts first, so neither core is left with a long one at the end. The parts that read every
        // node's attributes and every edge also note the records holding a `conflict:` line (reading them again
        // for it would take as long again: they are spread through memory).
        let parts = Parallel.map(warnings ? 7 : 3, parallel: inParallel) {
            part -> (out: [Diagnostic], conflictNodes: [Int], conflictEdges: [Int], misindented: [Int]) in
            var out: [Diagnostic] = [], conflictNodes: [Int] = [], conflictEdges: [Int] = [], misindented: [Int] = []
            switch (part, warnings) {
            case (0, true): checkConnections(ends: ends, kinds: kinds, into: &out)
            case (0, false), (1, true): checkControlCharacters(into: &out)
            case (1, false), (2, true):
                out = graph.syntaxErrors
                checkIDs(into: &out)
                if !warnings { checkConflicts(self.conflicts, into: &out) }
            case (2, false), (6, _): checkEdges(ends: ends, into: &out)
            case (3, _), (4, _):
                var slips = KeySlips()
                if part == 3, let header = graph.header { misindented += self.misindented(header) }
                lines.withReader { reader in
                    for i in nodeHalves[part - 3]
                    where checkVocabulary(
                        ofNode: i, kind: kinds[i], slips: &slips, lines: reader, misindented: &misindented, into: &out)
                    {
                        conflictNodes.append(i)
                    }
                }
            default:
                checkRelations(
                    graph.edges.indices, ends: ends, kindOf: { kinds[$0] },
                    holdingConflicts: { conflictEdges.append($0) }, into: &out)
                for e in graph.edges.indices where !graph.edges[e].attributes.isEmpty {
                    misindented += self.misindented(graph.edges[e])
                }
            }
            out.sortByPosition()  // each part on its own core; then one merge
            return (out, conflictNodes, conflictEdges, misindented)
        }
        var lists = parts.map(\.out)
        if warnings {
            var found: [Diagnostic] = []
            checkConflicts(
                conflicts(nodes: parts.flatMap(\.conflictNodes), edges: parts.flatMap(\.conflictEdges)), into: &found)
            lists.append(found.sortedByPosition())
            lists.append(indentationWarning(parts.flatMap(\.misindented)))
        }
        return [Diagnostic].mergedByPosition(lists)
    }

    /// Control characters could take over the terminal of whoever prints the map (`check`, `show`, `cat`).
    private func checkControlCharacters(into out: inout [Diagnostic]) {
        // Noted by the load (and by edits): a String is made only for a line that holds one.
        for index in lines.indicesOfLinesHoldingControls() {
            guard let found = Escaping.firstControl(inLine: lines[index]) else { continue }
            out.append(
                Diagnostic(
                    .error, line: index + 1, column: found.column,
                    "control character \(found.shown) is not allowed (printed, it could change the terminal); remove it"
                ))
        }
    }

    private func checkIDs(into out: inout [Diagnostic]) {
        guard graph.nodeIndex.count != graph.nodes.count else { return }  // every id is unique
        for (i, node) in graph.nodes.enumerated() {
            guard let firstIndex = graph.nodeIndex[node.id], firstIndex != i else { continue }
            let first = graph.nodes[firstIndex]
            out.append(
                Diagnostic(
                    .error, line: node.line + 1, column: node.idColumn,
                    "duplicate id '\(node.id)': already used by \(first.kind) \(Syntax.quote(first.label)) on line \(first.line + 1)"
                ))
        }
    }

    private func checkEdges(ends: EdgeEnds, into out: inout [Diagnostic]) {
        // Duplicates: compare with earlier edges leaving the same node (few); a hash only for unknown or busy sources.
        var seen: [EdgeKey: Int] = [:]
        var unknown = UnknownIDs()
        for e in graph.edges.indices {
            let from = Int(ends.from[e]), to = Int(ends.to[e])
            if from < 0 || to < 0 {
                let edge = graph.edges[e]
                if from < 0 { unknown.note(edge.from, end: "from", line: edge.line, column: edge.fromColumn) }
                if to < 0 && !(from < 0 && edge.to == edge.from) {
                    unknown.note(edge.to, end: "to", line: edge.line, column: edge.toColumn)
                }
            }
            var firstLine: Int?
            if from >= 0 && graph.outgoing[from].count <= 16 {
                // The list is in file order. Known ends are equal when their node indices are (no string compared).
                for other in graph.outgoing[from] {
                    guard other < e else { break }
                    if Int(ends.to[other]) == to && (to >= 0 || graph.edges[other].to == graph.edges[e].to)
                        && graph.edges[other].relation == graph.edges[e].relation
                    {
                        firstLine = graph.edges[other].line
                        break
                    }
                }
            } else {
                let edge = graph.edges[e]
                let key = EdgeKey(from: edge.from, to: edge.to, relation: edge.relation)
                firstLine = seen[key]
                if firstLine == nil { seen[key] = edge.line }
            }
            if let first = firstLine {
                let edge = graph.edges[e]
                out.append(
                    Diagnostic(
                        .error, line: edge.line + 1, column: 1,
                        "duplicate edge \(edge.from) -> \(edge.to) \(Syntax.relationToken(edge.relation)) (first on line \(first + 1))"
                    ))
            }
        }
        unknown.report(among: graph, into: &out)
    }

    /// Links to or from ids no node has, one error per id at its first link: the links after it follow from the
    /// same mistake (an id mistyped, or a node removed), and are counted there.
    private struct UnknownIDs {
        private var order: [String] = []
        private var found: [String: (end: String, line: Int, column: Int, moreLines: [Int])] = [:]

        mutating func note(_ id: String, end: String, line: Int, column: Int) {
            if found[id] == nil {
                order.append(id)
                found[id] = (end, line, column, [])
            } else if found[id]!.moreLines.last != line {
                found[id]!.moreLines.append(line)
            }
        }

        func report(among graph: MapGraph, into out: inout [Diagnostic]) {
            guard !order.isEmpty else { return }
            let sortedIDs = graph.nodeIndex.keys.sorted()
            for id in order {
                let first = found[id]!
                var message = "edge \(first.end) unknown id '\(id)'" + Suggest.didYouMean(id, among: sortedIDs)
                let more = first.moreLines
                if !more.isEmpty {
                    let shown = more.prefix(5).map { String($0 + 1) }.joined(separator: ", ")
                    message +=
                        " … and \(more.count) more link\(more.count == 1 ? "" : "s") \(first.end) '\(id)' (line\(more.count == 1 ? "" : "s") \(shown)\(more.count > 5 ? ", …" : ""))"
                }
                out.append(Diagnostic(.error, line: first.line + 1, column: first.column, message))
            }
        }
    }

    /// Per edge, the node at the end `lists` (one direction's) lists it under (-1: an unknown id).
    private static func ends(_ lists: EdgeLists, edgeCount: Int) -> [Int32] {
        var ends = [Int32](repeating: -1, count: edgeCount)
        lists.withStorage { starts, edges in
            for node in 0..<(starts.count - 1) {
                for k in Int(starts[node])..<Int(starts[node + 1]) { ends[Int(edges[k])] = Int32(node) }
            }
        }
        return ends
    }

    /// Per edge, the node index at each end (-1: unknown id); 32 bits, as a map has up to millions of edges.
    private typealias EdgeEnds = (from: [Int32], to: [Int32])

    private struct EdgeKey: Hashable { var from, to, relation: String }

    /// The warnings `check` gives about one record: its words outside the vocabulary, or a slip in a link's relation.
    /// The command line prints them right after `add`, `set` and `link`.
    package func warnings(about ref: RecordRef) -> [Diagnostic] {
        var out: [Diagnostic] = []
        switch ref {
        case .header: break
        case .node(let id):
            if let i = graph.nodeIndex[id] {
                var slips = KeySlips(), misindented: [Int] = []
                _ = lines.withReader { reader in
                    checkVocabulary(
                        ofNode: i, kind: BuiltinKind.named(graph.nodes[i].kind), slips: &slips, lines: reader,
                        misindented: &misindented, into: &out)
                }
                out += indentationWarning(misindented)
            }
        case .edge(let from, let to, let relation):
            if let e = graph.edgeIndex(from: from, to: to, relation: relation) {
                let ends = (from: [Int32(graph.nodeIndex[from] ?? -1)], to: [Int32(graph.nodeIndex[to] ?? -1)])
                checkRelations(
                    CollectionOfOne(e), ends: ends, kindOf: { BuiltinKind.named(graph.nodes[$0].kind) },
                    positions: { _ in 0 }, into: &out)
            }
        }
        return out.sortedByPosition()
    }

    /// Also says whether the node holds a `conflict:` line. `misindented` gets the lines of its attributes not
    /// indented by two spaces.
    @discardableResult
    private func checkVocabulary(
        ofNode i: Int, kind builtin: BuiltinKind?, slips: inout KeySlips, lines reader: MapLines.Reader,
        misindented: inout [Int], into out: inout [Diagnostic]
    ) -> Bool {
        let kind = graph.nodes[i].kind  // not the whole node: a copy retains all its strings
        let attributes = graph.nodes[i].attributes
        let recordLine = graph.nodes[i].line
        var holdsConflict = false
        var singlesSeen: UInt16 = 0
        // By index, reading the key alone: an attribute copied would retain its value (a string elsewhere in memory).
        for a in attributes.indices {
            let line = recordLine + attributes[a].offset
            if !Self.isIndentedByTwoSpaces(reader[line]) { misindented.append(line) }
            if Self.isConflictKey(attributes[a].key) { holdsConflict = true }
            func warn(column: Int, _ message: String) {
                out.append(Diagnostic(.warning, line: line + 1, column: column, message))
            }
            guard let rule = KeyRules.rule(kind: builtin, key: attributes[a].key) else {
                if let meant = slips.slip(attributes[a].key, kind: builtin) {
                    warn(
                        column: keyColumn(line),
                        "unknown key '\(attributes[a].key)' for \(article(kind)) \(kind) (did you mean '\(meant)'?): "
                            + "AssetMap reads only '\(meant)'")
                }
                continue
            }
            if let bit = rule.single {
                if singlesSeen & bit != 0 {
                    let key = attributes[a].key
                    let first = attributes.first { $0.key == key }!
                    warn(
                        column: keyColumn(line),
                        "second '\(key)' for this \(kind): only the first (line \(recordLine + first.offset + 1)) counts; remove one"
                    )
                    continue
                }
                singlesSeen |= bit
            }
            switch rule.value {
            case .text: continue
            case .wholeNumber:
                if attributes[a].withValueUTF8({ !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) {
                    continue
                }
                warn(
                    column: attributes[a].valueColumn,
                    "\(attributes[a].key) '\(attributes[a].value)' is not a whole number; write digits, e.g. \(attributes[a].key): 3"
                )
            case .date:
                let value = attributes[a].value
                if ReviewDate.isValid(value) { continue }
                let meant = ReviewDate.parse(value).map { " (did you mean \($0)?)" } ?? ""
                warn(
                    column: attributes[a].valueColumn,
                    "\(attributes[a].key) '\(value)' is not a date written YYYY-MM-DD\(meant); a date in another form is not read"
                )
            case .words:
                let words = Vocabulary.words(kind: builtin, key: attributes[a].key)!
                let attribute = attributes[a]
                let isList = Vocabulary.listKeys.contains(attribute.key)
                // Most values are fine: confirm that cheaply, and work out positions only for a bad one.
                if isList ? allKnownASCII(attribute.value, words) : words.contains(attribute.value) { continue }
                for (word, line, column) in items(
                    of: attribute, at: graph.nodes[i].line(of: attribute), splittingCommas: isList)
                where !words.contains(word) {
                    let what = word.isEmpty ? "empty \(attribute.key)" : "unknown \(attribute.key) '\(word)'"
                    let expected =
                        "; expected \(isList ? "a comma-separated list of" : "one of"): \(words.joined(separator: ", "))"
                    let message =
                        "\(what) for \(article(kind)) \(kind)"
                        + (word.isEmpty ? expected : Suggest.didYouMean(word, among: words, otherwise: expected))
                    out.append(Diagnostic(.warning, line: line, column: column, message))
                }
            }
        }
        return holdsConflict
    }

    /// Two spaces, then the key: what AssetMap writes and `fmt` makes (a tab shows as a different width in every
    /// editor, and a mix reads as a mistake).
    private static func isIndentedByTwoSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count > 2 && bytes[0] == 0x20 && bytes[1] == 0x20 && bytes[2] != 0x20 && bytes[2] != 0x09
    }

    /// The attribute lines of a record not indented by two spaces.
    private func misindented(_ record: some AttributeHolder) -> [Int] {
        record.attributes.map(record.line(of:)).filter { !lines.withBytes($0, Self.isIndentedByTwoSpaces) }
    }

    /// One warning for the lines not indented by two spaces, at the first: a map indented otherwise is so
    /// throughout, and `fmt` re-indents it all at once.
    private func indentationWarning(_ misindented: [Int]) -> [Diagnostic] {
        guard let first = misindented.min() else { return [] }
        let indent = lines.withBytes(first) { bytes in Array(bytes.prefix { $0 == 0x20 || $0 == 0x09 }) }
        let tabs = indent.filter { $0 == 0x09 }.count, spaces = indent.count - tabs
        let what =
            tabs == 0
            ? "\(spaces) space\(spaces == 1 ? "" : "s")"
            : spaces == 0 ? "\(tabs == 1 ? "a tab" : "\(tabs) tabs")" : "tabs and spaces"
        let more = misindented.count - 1
        return [
            Diagnostic(
                .warning, line: first + 1, column: 1,
                "attribute indented with \(what), not two spaces (assetmap fmt re-indents the map)"
                    + (more > 0 ? " … and \(more) more line\(more == 1 ? "" : "s") indented otherwise" : ""))
        ]
    }

    /// The 1-based column where the attribute key on `line` starts.
    private func keyColumn(_ line: Int) -> Int {
        lines.withBytes(line) { bytes in bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count } + 1
    }

    /// The review's two relations the wrong way round, or misspelt (`affect`, `address`, `fixes`). `ends` holds each
    /// edge's node indices (-1: unknown id) at `positions(e)`: no id is hashed and no edge copied.
    /// `holdingConflicts` hears of each edge that holds a `conflict:` line.
    private func checkRelations(
        _ edgeIndices: some Sequence<Int>, ends: EdgeEnds, kindOf: (Int) -> BuiltinKind?,
        positions: (Int) -> Int = { $0 }, holdingConflicts: (Int) -> Void = { _ in },
        into out: inout [Diagnostic]
    ) {
        var slips: [String: String?] = [:]  // relation -> the review relation it looks like a slip for
        // A map uses a handful of relations: the last few met are looked through before hashing one.
        var recent: [(relation: String, slip: String?)] = []
        for e in edgeIndices {
            if !graph.edges[e].attributes.isEmpty && Self.holdsConflict(graph.edges[e].attributes) {
                holdingConflicts(e)
            }
            let relation = graph.edges[e].relation
            func warn(_ message: String) {
                out.append(
                    Diagnostic(.warning, line: graph.edges[e].line + 1, column: graph.edges[e].relationColumn, message))
            }
            if Syntax.same(relation, "affects") || Syntax.same(relation, "addresses") {
                let fromIndex = Int(ends.from[positions(e)]), toIndex = Int(ends.to[positions(e)])
                guard fromIndex >= 0, toIndex >= 0,
                    let broken = LinkRule.broken(relation: relation, from: kindOf(fromIndex), to: kindOf(toIndex))
                else { continue }
                let edge = graph.edges[e]
                warn(broken.message(write: "\(edge.to) -> \(edge.from) \(relation)"))
                continue
            }
            let slip: String?
            if let known = recent.first(where: { Syntax.same($0.relation, relation) }) {
                slip = known.slip
            } else {
                if slips[relation] == nil { slips[relation] = Self.reviewRelationSlip(relation) }
                slip = slips[relation]!
                if recent.count < 8 { recent.append((relation, slip)) } else { recent[e % 8] = (relation, slip) }
            }
            if let meant = slip {
                warn(
                    "relation '\(relation)' (did you mean '\(meant)'? the review reads only 'affects' and 'addresses')")
            }
        }
    }

    /// `affects` or `addresses` when `relation` looks like a slip for one of them.
    static func reviewRelationSlip(_ relation: String) -> String? {
        let synonyms = [
            "address": "addresses", "fixes": "addresses", "fix": "addresses", "solves": "addresses",
            "affect": "affects", "effects": "affects", "impacts": "affects",
        ]
        let word = relation.lowercased()
        if let meant = synonyms[word] ?? (word == "affects" || word == "addresses" ? word : nil) { return meant }
        return Suggest.closest(to: word, among: ["affects", "addresses"])
    }

    /// True when `value` is ASCII and each of its comma-separated items (trimmed of spaces and tabs) is one of `words`.
    /// Read in place: no array or string per item.
    private func allKnownASCII(_ value: String, _ words: [String]) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: ",") && bytes[end] != 0x0A {
                    if bytes[end] >= 0x80 { return false }
                    end += 1
                }
                var first = start, last = end
                while first < last && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
                while last > first && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
                if first < last {
                    let item = UnsafeBufferPointer(rebasing: bytes[first..<last])
                    if !words.contains(where: { $0.utf8.count == item.count && $0.utf8.elementsEqual(item) }) {
                        return false
                    }
                }
                start = end + 1
            }
            return true
        }
    }

    /// The words of an attribute value with the 1-based line and column where each starts.
    /// `line`: the attribute's line in the document.
    private func items(of attribute: Attribute, at line: Int, splittingCommas: Bool) -> [(String, Int, Int)] {
        guard splittingCommas else { return [(attribute.value, line + 1, attribute.valueColumn)] }
        var result: [(String, Int, Int)] = []
        var lineIndex = line
        for (k, text) in attribute.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let start: Int
            if k == 0 {
                start = attribute.valueColumn
            } else {
                // The next `+` line: blank and comment lines between continuation lines are skipped. Read by
                // Unicode scalars, as the parser reads bytes: "+" and a combining mark are one Character.
                let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
                repeat {
                    lineIndex += 1
                } while lineIndex < lines.count
                    && content(ofLine: lineIndex).unicodeScalars.drop(while: isBlank).first != "+"
                guard lineIndex < lines.count else { break }
                // The value text starts after the "+" and the one space the parser drops.
                let scalars = Substring(content(ofLine: lineIndex)).unicodeScalars
                var textStart = scalars.index(after: scalars.firstIndex { !isBlank($0) }!)
                if textStart < scalars.endIndex, scalars[textStart] == " " {
                    textStart = scalars.index(after: textStart)
                }
                start = String(scalars[..<textStart]).count + 1
            }
            var offset = 0
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                let leading = part.prefix { $0 == " " || $0 == "\t" }.count
                let word = part.trimmingCharacters(in: .whitespaces)
                if !word.isEmpty { result.append((word, lineIndex + 1, start + offset + leading)) }
                offset += part.count + 1
            }
        }
        return result
    }

    private func article(_ word: String) -> String {
        "aeiou".contains(word.first ?? "x") ? "an" : "a"
    }

    private func checkConnections(ends: EdgeEnds, kinds: [BuiltinKind?], into out: inout [Diagnostic]) {
        let idsUnique = graph.nodeIndex.count == graph.nodes.count
        graph.outgoing.withStorage { outStarts, outEdges in
            graph.incoming.withStorage { inStarts, inEdges in
                for i in graph.nodes.indices where idsUnique || graph.nodeIndex[graph.nodes[i].id] == i {
                    let leaving = Int(outStarts[i])..<Int(outStarts[i + 1]),
                        entering = Int(inStarts[i])..<Int(inStarts[i + 1])
                    // Fields read in place: a copy of the node would retain and release its four references.
                    func warn(_ message: String) {
                        out.append(
                            Diagnostic(
                                .warning, line: graph.nodes[i].line + 1, column: graph.nodes[i].idColumn, message))
                    }
                    let id = graph.nodes[i].id
                    if leaving.isEmpty && entering.isEmpty {
                        var message = "\(graph.nodes[i].kind) '\(id)' has no edges"
                        if kinds[i] == .barrier {
                            message += ": link it to the communities it affects and the improvements that address it"
                        }
                        warn(message)
                        continue
                    }
                    guard kinds[i] == .barrier else { continue }
                    var affectsCommunity = false, addressed = false
                    func neighbour(_ n: Int32) {
                        guard n >= 0 else { return }
                        if kinds[Int(n)] == .community {
                            affectsCommunity = true
                        } else if kinds[Int(n)] == .improvement {
                            addressed = true
                        }
                    }
                    for k in leaving { neighbour(ends.to[Int(outEdges[k])]) }
                    for k in entering { neighbour(ends.from[Int(inEdges[k])]) }
                    guard !affectsCommunity || !addressed else { continue }
                    if !affectsCommunity {
                        warn("barrier '\(id)' affects no community (add e.g. \(id) -> COMMUNITY affects)")
                    }
                    if !addressed {
                        warn("no improvement addresses barrier '\(id)' (add e.g. IMPROVEMENT -> \(id) addresses)")
                    }
                }
            }
        }
    }
}
