import AssetMapCore
import Foundation
import Dispatch
import TerminalKit

/// Lower-cased search keys for every node, built when the map opens and kept up to date by edits
/// (`follow`; a touched node's old keys stay behind as unused bytes), so a keystroke only scans bytes.
/// All keys live in one byte array; a query that extends the previous one only rescans the nodes the
/// previous one matched.
struct SearchIndex {
    var version: Int
    /// Every field's lower-cased UTF-8, back to back. Field `f` is `bytes[fieldStart[f]..<fieldEnd[f]]`.
    private var bytes: [UInt8] = []
    private var fieldStart: [Int32] = []
    private var fieldEnd: [Int32] = []
    /// Which bytes (modulo 64) each field holds: a field lacking one of the query's cannot match.
    private var fieldMask: [UInt64] = []
    /// "label", "id" or an attribute key.
    private var fieldName: [String] = []
    /// Node `n`'s fields are `firstField[n]..<firstField[n] + fieldCount[n]`; the first is its label.
    private var firstField: [Int32] = []
    private var fieldCount: [Int32] = []
    /// Recent queries (each a prefix of the next) and the nodes each matched at all, to narrow the next scan.
    private var narrowing: [(query: [UInt8], nodes: [Int32])] = []
    /// Scans of at least this many nodes run in parts, one per core (at least two, at most eight).
    var parallelFrom = 20_000
    static let scanParts = max(2, min(8, ProcessInfo.processInfo.activeProcessorCount))

    init(graph: MapGraph, version: Int) {
        self.version = version
        let n = graph.nodes.count
        firstField.reserveCapacity(n)
        fieldCount.reserveCapacity(n)
        fieldStart.reserveCapacity(n * 5)
        fieldEnd.reserveCapacity(n * 5)
        fieldMask.reserveCapacity(n * 5)
        fieldName.reserveCapacity(n * 5)
        for node in graph.nodes {
            let (first, count) = appendFields(of: node)
            firstField.append(first)
            fieldCount.append(count)
        }
    }

    /// Follows an edit: node positions as `delta` moved them, and fresh keys for the nodes it touched.
    mutating func follow(_ delta: GraphDelta, in graph: MapGraph) {
        firstField.replay(delta.splices, nodes: true, filler: 0)
        fieldCount.replay(delta.splices, nodes: true, filler: 0)
        for id in delta.touched {
            guard let node = graph.nodeIndex[id] else { continue }
            let (first, count) = appendFields(of: graph.nodes[node])
            firstField[node] = first
            fieldCount[node] = count
        }
        narrowing = []
    }

    private mutating func appendFields(of node: Node) -> (first: Int32, count: Int32) {
        let first = Int32(fieldStart.count)
        // Read as bytes: a large map's labels and values are places in its file, not Strings (see `MapText`).
        node.withLabelUTF8 { appendField("label", $0) }
        var id = node.id
        id.withUTF8 { appendField("id", $0) }
        for attribute in node.attributes {
            attribute.withValueUTF8 { if !$0.isEmpty { appendField(attribute.key, $0) } }
        }
        return (first, Int32(fieldStart.count) - first)
    }

    private mutating func appendField(_ name: String, _ value: UnsafeBufferPointer<UInt8>) {
        fieldStart.append(Int32(bytes.count))
        SearchIndex.appendLowercased(value, to: &bytes)
        fieldEnd.append(Int32(bytes.count))
        fieldMask.append(SearchIndex.mask(bytes[Int(fieldStart[fieldStart.count - 1])...]))
        fieldName.append(name)
    }

    /// `value.lowercased()` as UTF-8; ASCII (most keys) without building a String.
    static func appendLowercased(_ value: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: value)
        let isASCII = bytes.withUnsafeMutableBufferPointer { all in
            for i in start..<all.count {
                let b = all[i]
                if b >= 0x80 { return false }
                if b &- 0x41 < 26 { all[i] = b | 0x20 }
            }
            return true
        }
        if !isASCII {
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: String(decoding: value, as: UTF8.self).lowercased().utf8)
        }
    }

    static func mask<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var mask: UInt64 = 0
        for b in bytes { mask |= 1 << UInt64(b & 63) }
        return mask
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
        return scan(q, among: nil).top
    }

    /// The same as `matches`, but remembers which nodes matched so the next, longer query scans only those.
    /// (Every kind of match needs the query's letters in order in a field, and a longer query's letters in
    /// order include the shorter one's.)
    mutating func narrowingMatches(_ query: String) -> [Match] {
        let q = Array(query.lowercased().utf8)
        guard !q.isEmpty else { narrowing = []; return [] }
        while let last = narrowing.last, !q.starts(with: last.query) { narrowing.removeLast() }
        let result = scan(q, among: narrowing.last?.nodes)
        if narrowing.last?.query != q { narrowing.append((q, result.matched)) }
        return result.top
    }

    private struct Ranked {
        var node: Int32
        var score: Int32
        var field: Int32
        var labelLength: Int32

        /// Higher score first, then shorter label, then file order.
        func ranksBefore(_ other: Ranked) -> Bool {
            if score != other.score { return score > other.score }
            return labelLength != other.labelLength ? labelLength < other.labelLength : node < other.node
        }
    }

    /// The best `limit` matches among `candidates` (all nodes when nil), and every node that matched. A large scan
    /// is split in parts, one per core; their results are joined in order, so the answer is the same.
    private func scan(_ query: [UInt8], among candidates: [Int32]?) -> (top: [Match], matched: [Int32]) {
        let total = candidates?.count ?? firstField.count
        let parts = total >= parallelFrom ? SearchIndex.scanParts : 1
        let results = Parallel.map(parts) { [self] part in
            scanPart(query, among: candidates, total * part / parts..<total * (part + 1) / parts)
        }
        var top = results[0].top, matched = results[0].matched
        for part in results.dropFirst() {
            var merged: [Ranked] = []
            merged.reserveCapacity(SearchIndex.limit)
            var i = 0, j = 0
            while merged.count < SearchIndex.limit && (i < top.count || j < part.top.count) {
                if j == part.top.count || (i < top.count && top[i].ranksBefore(part.top[j])) {
                    merged.append(top[i]); i += 1
                } else {
                    merged.append(part.top[j]); j += 1
                }
            }
            top = merged
            matched += part.matched
        }
        return (top.map { Match(node: Int($0.node), score: Int($0.score), field: fieldName[Int($0.field)]) }, matched)
    }

    /// `scan` over the candidates at `positions` (node numbers themselves when `candidates` is nil).
    private func scanPart(_ query: [UInt8], among candidates: [Int32]?, _ positions: Range<Int>) -> (
        top: [Ranked], matched: [Int32]
    ) {
        // Keep only the best `limit`, in order, so a query matching most of a big map costs no sort.
        var top: [Ranked] = []
        top.reserveCapacity(SearchIndex.limit + 1)
        var matched: [Int32] = []
        matched.reserveCapacity(positions.count)
        let queryMask = SearchIndex.mask(query)
        query.withUnsafeBufferPointer { q in
            fieldMask.withUnsafeBufferPointer { masks in
                bytes.withUnsafeBufferPointer { all in
                    fieldStart.withUnsafeBufferPointer { starts in
                        fieldEnd.withUnsafeBufferPointer { ends in
                            func visit(_ node: Int32) {
                                let first = Int(firstField[Int(node)]), count = Int(fieldCount[Int(node)])
                                var best: Ranked?
                                for i in 0..<count {
                                    let f = first + i
                                    guard masks[f] & queryMask == queryMask else { continue }
                                    let field = UnsafeBufferPointer(rebasing: all[Int(starts[f])..<Int(ends[f])])
                                    let bonus = i == 0 ? 30 : i == 1 ? 20 : -150
                                    // Only a better score than the node's best so far matters: the scorer stops once it cannot give one.
                                    guard
                                        let score = SearchIndex.score(
                                            q, in: field, above: best.map { Int($0.score) - bonus } ?? .min)
                                    else { continue }
                                    best = Ranked(
                                        node: node, score: Int32(score + bonus), field: Int32(f),
                                        labelLength: ends[first] - starts[first])
                                }
                                guard let best else { return }
                                matched.append(node)
                                if top.count == SearchIndex.limit, !best.ranksBefore(top[top.count - 1]) { return }
                                top.insert(best, at: top.partitioningIndex { !$0.ranksBefore(best) })
                                if top.count > SearchIndex.limit { top.removeLast() }
                            }
                            if let candidates {
                                for position in positions { visit(candidates[position]) }
                            } else {
                                for node in positions { visit(Int32(node)) }
                            }
                        }
                    }
                }
            }
        }
        return (top, matched)
    }

    static func score(_ q: [UInt8], in f: [UInt8]) -> Int? {
        q.withUnsafeBufferPointer { q in f.withUnsafeBufferPointer { f in score(q, in: f) } }
    }

    /// `score(q, in: f)`, or nil when that is not above `above`: each kind of match is looked for only while it
    /// could still beat `above`, so a field scanned after a better one costs little.
    static func score(_ q: UnsafeBufferPointer<UInt8>, in f: UnsafeBufferPointer<UInt8>, above: Int = .min) -> Int? {
        guard q.count <= f.count, above < 1000 else { return nil }
        guard let first = q.first else { return f.isEmpty ? 1000 : 200 > above ? 200 : nil }
        if q.count == 1 { return score(byte: first, in: f, above: above) }
        if q.count == f.count && q.elementsEqual(f) { return 1000 }
        guard above < 800 else { return nil }
        if f[0] == first && UnsafeBufferPointer(rebasing: f[0..<q.count]).elementsEqual(q) { return 800 }
        guard above < 600 else { return nil }
        var substring = false
        var i = 1
        let last = f.count - q.count
        while i <= last {
            if f[i] == first && UnsafeBufferPointer(rebasing: f[i..<(i + q.count)]).elementsEqual(q) {
                if !isWordByte(f[i - 1]) { return 600 }
                substring = true
            }
            i += 1
        }
        guard above < 400 else { return nil }
        if substring { return 400 }
        guard above < 200 else { return nil }
        // Letters in order, fewer and shorter gaps first.
        var qi = 0, gaps = 0, previous = -1
        for i in 0..<f.count where qi < q.count && f[i] == q[qi] {
            if previous >= 0 && i != previous + 1 { gaps += 1 }
            previous = i
            qi += 1
        }
        guard qi == q.count else { return nil }
        let score = max(10, 200 - 10 * gaps)
        return score > above ? score : nil
    }

    /// `score` for a one-byte query (the widest search, typed first): one pass, stopping at a word start.
    private static func score(byte: UInt8, in f: UnsafeBufferPointer<UInt8>, above: Int) -> Int? {
        if f[0] == byte { return f.count == 1 ? 1000 : above < 800 ? 800 : nil }
        guard above < 600 else { return nil }
        var found = false
        var i = 1
        while i < f.count {
            if f[i] == byte {
                if !isWordByte(f[i - 1]) { return 600 }
                found = true
            }
            i += 1
        }
        return found && above < 400 ? 400 : nil
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }
}
