/// "Did you mean …?" by edit distance.
package enum Suggest {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    package static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            if abs(candidate.count - word.count) > limit { continue }
            let d = distance(word.lowercased(), candidate.lowercased(), limit: limit)
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// Edit distance counting a swap of neighbours as one edit (optimal string alignment),
    /// giving up (returning limit+1) once it must exceed `limit`.
    package static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            var rowMin = row[0]
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], beforePrevious[j - 2] + 1)
                }
                rowMin = min(rowMin, row[j])
            }
            if rowMin > limit { return limit + 1 }
            (beforePrevious, previous, row) = (previous, row, beforePrevious)
        }
        return previous[b.count]
    }
}

extension Suggest {
    /// " (did you mean 'x'?)" when a candidate is a plausible typo of `word`, else `otherwise`.
    package static func didYouMean(
        _ word: String, among candidates: some Sequence<String>, otherwise: @autoclosure () -> String = ""
    ) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? otherwise()
    }

    /// "no node with id 'x'", with the closest id (looked for in sorted order, so the same one every time).
    package static func noSuchNode(_ id: String, in graph: MapGraph) -> String {
        "no node with id '\(id)'" + didYouMean(id, among: graph.nodeIndex.keys.sorted())
    }

    /// "unknown kind 'x'", with the closest kind or else every kind and how to declare one.
    package static func unknownKind(_ kind: String, among known: [String]) -> String {
        "unknown kind '\(kind)'"
            + didYouMean(
                kind, among: known,
                otherwise:
                    "; kinds are \(known.joined(separator: ", ")), or declare one with: kind \(kind) \"Plural label\"")
    }
}
