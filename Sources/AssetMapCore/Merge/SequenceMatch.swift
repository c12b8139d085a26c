/// Lines up two sequences: walks both while they agree, and where they differ finds the nearest place where
/// they agree again; each stretch between is lined up by patience diff (elements that occur once in each are
/// matched along their longest common order, then the stretches between those anchors the same way, small
/// stretches exactly). Linear when the sequences are long and differ little, as versions of one map do.
enum SequenceMatch {
    /// For each element of `a`, the index of its partner in `b`, or -1.
    static func match(_ a: [Int], _ b: [Int]) -> [Int] {
        var partner = [Int](repeating: -1, count: a.count)
        var stack: [(Range<Int>, Range<Int>)] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { partner[i] = j; i += 1; j += 1; continue }
            guard let (x, y) = resume(a, i, b, j) else { break }
            stack.append((i..<x, j..<y))
            (i, j) = (x, y)
        }
        stack.append((i..<a.count, j..<b.count))
        while var (ra, rb) = stack.popLast() {
            // Equal ends first: the common case between versions.
            while !ra.isEmpty && !rb.isEmpty && a[ra.lowerBound] == b[rb.lowerBound] {
                partner[ra.lowerBound] = rb.lowerBound
                ra = (ra.lowerBound + 1)..<ra.upperBound
                rb = (rb.lowerBound + 1)..<rb.upperBound
            }
            while !ra.isEmpty && !rb.isEmpty && a[ra.upperBound - 1] == b[rb.upperBound - 1] {
                partner[ra.upperBound - 1] = rb.upperBound - 1
                ra = ra.lowerBound..<(ra.upperBound - 1)
                rb = rb.lowerBound..<(rb.upperBound - 1)
            }
            guard !ra.isEmpty && !rb.isEmpty else { continue }
            let anchors = uniqueAnchors(a, ra, b, rb)
            if anchors.isEmpty {
                if ra.count * rb.count <= 40_000 { exact(a, ra, b, rb, into: &partner) }
                continue
            }
            var (lastA, lastB) = (ra.lowerBound, rb.lowerBound)
            for (i, j) in anchors {
                partner[i] = j
                stack.append((lastA..<i, lastB..<j))
                (lastA, lastB) = (i + 1, j + 1)
            }
            stack.append((lastA..<ra.upperBound, lastB..<rb.upperBound))
        }
        return partner
    }

    /// After `a[i] != b[j]`, the nearest (x, y) from which a few elements agree: first within 64 steps either
    /// way, then in windows four times larger each time (the first element of `a`'s window found in `b`'s).
    /// Nil when the rest never agree for long enough.
    private static func resume(_ a: [Int], _ i: Int, _ b: [Int], _ j: Int) -> (Int, Int)? {
        let n = a.count, m = b.count
        func agree(_ x: Int, _ y: Int) -> Bool {
            let run = min(4, n - x, m - y)
            return run > 0 && (0..<run).allSatisfy { a[x + $0] == b[y + $0] }
        }
        for distance in 1...64 {
            for x in 0...distance where i + x < n && j + distance - x < m && agree(i + x, j + distance - x) {
                return (i + x, j + distance - x)
            }
        }
        var window = 256
        while true {
            let endA = min(n, i + window), endB = min(m, j + window)
            var first: [Int: Int] = [:]
            for y in (j..<endB).reversed() { first[b[y]] = y }
            for x in i..<endA { if let y = first[a[x]], agree(x, y) { return (x, y) } }
            if endA == n && endB == m { return nil }
            window *= 4
        }
    }

    /// Elements occurring exactly once in each range, as (index in a, index in b) pairs forming the longest
    /// increasing run in b (patience sorting).
    private static func uniqueAnchors(_ a: [Int], _ ra: Range<Int>, _ b: [Int], _ rb: Range<Int>) -> [(Int, Int)] {
        var countA: [Int: Int] = [:], positionB: [Int: Int] = [:]
        for i in ra { countA[a[i], default: 0] += 1 }
        for j in rb where countA[b[j]] == 1 {
            positionB[b[j]] = positionB[b[j]] == nil ? j : -1
        }
        var pairs: [(Int, Int)] = []
        for i in ra where countA[a[i]] == 1 {
            if let j = positionB[a[i]], j >= 0 { pairs.append((i, j)) }
        }
        guard !pairs.isEmpty else { return [] }
        // Longest increasing subsequence of the b positions: pile tops and back links.
        var tops: [Int] = [], back = [Int](repeating: -1, count: pairs.count)
        for (k, pair) in pairs.enumerated() {
            let pile = tops.partitioningIndex { pairs[$0].1 >= pair.1 }
            if pile > 0 { back[k] = tops[pile - 1] }
            if pile == tops.count { tops.append(k) } else { tops[pile] = k }
        }
        var result: [(Int, Int)] = []
        var k = tops.last!
        while k >= 0 { result.append(pairs[k]); k = back[k] }
        return result.reversed()
    }

    /// Longest common subsequence by dynamic programming, for small stretches.
    private static func exact(_ a: [Int], _ ra: Range<Int>, _ b: [Int], _ rb: Range<Int>, into partner: inout [Int]) {
        let n = ra.count, m = rb.count
        var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * (m + 1) + j] =
                    a[ra.lowerBound + i] == b[rb.lowerBound + j]
                    ? table[(i + 1) * (m + 1) + j + 1] + 1
                    : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
            }
        }
        var i = 0, j = 0
        while i < n && j < m {
            if a[ra.lowerBound + i] == b[rb.lowerBound + j] {
                partner[ra.lowerBound + i] = rb.lowerBound + j
                i += 1; j += 1
            } else if table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
    }
}
