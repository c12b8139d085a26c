import AssetMapCore

/// Lower-cased search keys for every node, built once per document version (the only O(N) work a
/// keystroke does is scanning these).
struct SearchIndex {
    struct Field {
        var name: String  // "label", "id" or an attribute key
        var bytes: [UInt8]
    }

    var version: Int
    var fields: [[Field]]

    init(graph: MapGraph, version: Int) {
        self.version = version
        fields = graph.nodes.map { node in
            var list = [Field(name: "label", bytes: Array(node.label.lowercased().utf8)),
                        Field(name: "id", bytes: Array(node.id.lowercased().utf8))]
            for attribute in node.attributes where !attribute.value.isEmpty {
                list.append(Field(name: attribute.key, bytes: Array(attribute.value.lowercased().utf8)))
            }
            return list
        }
    }

    struct Match: Equatable {
        var node: Int
        var score: Int
        /// Where it matched: "label", "id" or an attribute key.
        var field: String
    }

    static let limit = 200

    /// Ranked matches: exact, then prefix, word start, substring, then in-order letters (fewer gaps first).
    /// Labels outrank ids, which outrank attribute values.
    func matches(_ query: String) -> [Match] {
        let q = Array(query.lowercased().utf8)
        guard !q.isEmpty else { return [] }
        // Keep only the best `limit`, in order, so a query matching most of a big map costs no sort.
        var top: [Match] = []
        top.reserveCapacity(SearchIndex.limit + 1)
        for (node, nodeFields) in fields.enumerated() {
            var best: Match?
            for (i, field) in nodeFields.enumerated() {
                guard var score = SearchIndex.score(q, in: field.bytes) else { continue }
                score += i == 0 ? 30 : i == 1 ? 20 : -150
                if best == nil || score > best!.score { best = Match(node: node, score: score, field: field.name) }
            }
            guard let best else { continue }
            if top.count == SearchIndex.limit, !ranksBefore(best, top[top.count - 1]) { continue }
            var low = 0, high = top.count
            while low < high {
                let mid = (low + high) / 2
                if ranksBefore(top[mid], best) { low = mid + 1 } else { high = mid }
            }
            top.insert(best, at: low)
            if top.count > SearchIndex.limit { top.removeLast() }
        }
        return top
    }

    /// Higher score first, then shorter label, then file order.
    private func ranksBefore(_ a: Match, _ b: Match) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let la = fields[a.node][0].bytes.count, lb = fields[b.node][0].bytes.count
        return la != lb ? la < lb : a.node < b.node
    }

    static func score(_ q: [UInt8], in f: [UInt8]) -> Int? {
        guard q.count <= f.count else { return nil }
        if q == f { return 1000 }
        var substringAt: Int?
        var wordStart = false
        if let first = q.first {
            var i = 0
            let last = f.count - q.count
            while i <= last {
                if f[i] == first && f[i..<(i + q.count)].elementsEqual(q) {
                    if i == 0 { return 800 }
                    if substringAt == nil { substringAt = i }
                    if !isWordByte(f[i - 1]) { wordStart = true; break }
                }
                i += 1
            }
        }
        if wordStart { return 600 }
        if substringAt != nil { return 400 }
        // Letters in order, fewer and shorter gaps first.
        var qi = 0, gaps = 0, previous = -1
        for (i, b) in f.enumerated() where qi < q.count && b == q[qi] {
            if previous >= 0 && i != previous + 1 { gaps += 1 }
            previous = i
            qi += 1
        }
        guard qi == q.count else { return nil }
        return max(10, 200 - 10 * gaps)
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }
}
