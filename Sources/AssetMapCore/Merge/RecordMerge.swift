/// A record's content after a three-way merge, as changes to ours: what to write over our version.
struct MergedRecord {
    var head: [String: String]
    /// Keys whose values differ from ours, with the merged values in order (empty: the key goes), in
    /// ours' key order and then theirs'.
    var changedKeys: [(key: String, values: [String])] = []
    var conflicts: [FieldConflict] = []
    /// Comment runs inside the record to rewrite: lines relative to its first line, and their new text.
    var comments: [(lines: Range<Int>, text: [String])] = []
    /// Both sides changed one comment run differently: ours is followed by their lines ours lacks.
    var commentsKeptBoth = false
    /// Their comment above the first value of a key ours does not have, to go with it.
    var commentsAboveNewKeys: [String: [String]] = [:]

    var headChanged = false
    var isUnchanged: Bool { !headChanged && changedKeys.isEmpty && conflicts.isEmpty && comments.isEmpty }
}

/// The comment and blank lines inside a record, each run keyed by the attribute it stands above: that
/// attribute's key and which of the key's values it is (so a run follows its neighbour, not its line number).
struct CommentRuns {
    struct Anchor: Hashable {
        var key: String
        var occurrence: Int
    }

    /// In the record's order; each run's lines relative to the record's first line, and their text.
    private(set) var anchors: [Anchor] = []
    private(set) var runs: [Anchor: (lines: Range<Int>, text: [String])] = [:]

    init(_ layout: MapLayout, _ record: Int) {
        let first = layout.records[record].lines.lowerBound
        var occurrences: [String: Int] = [:]
        var end = 1
        for attribute in layout.attributes(record) {
            let anchor = Anchor(key: attribute.key, occurrence: occurrences[attribute.key, default: 0])
            occurrences[attribute.key] = anchor.occurrence + 1
            let lines = end..<attribute.offset
            runs[anchor] = (lines, lines.map { layout.document.content(ofLine: first + $0) })
            anchors.append(anchor)
            end = attribute.offset + attribute.lineCount
        }
    }

    /// Their changes to our record's comment runs where ours left a run as it was; where both changed one
    /// differently, ours followed by their lines ours lacks (comments are never in conflict).
    static func merge(base: CommentRuns, ours: CommentRuns, theirs: CommentRuns, into merged: inout MergedRecord) {
        for anchor in ours.anchors {
            guard let mine = ours.runs[anchor] else { continue }
            let before = base.runs[anchor]?.text ?? [], other = theirs.runs[anchor]?.text ?? []
            if other == before || other == mine.text { continue }
            if mine.text == before {
                merged.comments.append((mine.lines, other))
                continue
            }
            let known = Set(mine.text)
            let added = other.filter { !known.contains($0) }
            guard !added.isEmpty else { continue }
            merged.comments.append((mine.lines, mine.text + added))
            merged.commentsKeptBoth = true
        }
        let ourKeys = Set(ours.anchors.map(\.key))
        for anchor in theirs.anchors
        where anchor.occurrence == 0 && !ourKeys.contains(anchor.key) && base.runs[anchor] == nil {
            if let text = theirs.runs[anchor]?.text, !text.isEmpty { merged.commentsAboveNewKeys[anchor.key] = text }
        }
    }
}

/// Field by field three-way merge of one record.
enum RecordMerge {
    /// Keys whose values are a list that grows (dated notes): merged as a union in order, never in conflict.
    static let appendOnlyKeys: Set<String> = ["review", "history", MapDocument.conflictKey]

    /// `base` is nil when both sides added the record.
    static func merge(base: RecordFields?, ours: RecordFields, theirs: RecordFields) -> MergedRecord {
        let base = base ?? RecordFields(head: [:], attributes: [])
        var result = MergedRecord(head: ours.head)
        for name in ours.head.keys.sorted() {
            let (b, o, t) = (base.head[name], ours.head[name], theirs.head[name])
            if o == t || t == b { continue }
            if o == b { result.head[name] = t; result.headChanged = true; continue }
            result.conflicts.append(FieldConflict(.head(name), ours: o, theirs: t))
        }
        var keys = ours.keys
        let known = Set(keys)
        keys += theirs.keys.filter { !known.contains($0) }
        keys += base.keys.filter { !known.contains($0) && !theirs.keys.contains($0) }
        for key in keys {
            let (b, o, t) = (base.values(key), ours.values(key), theirs.values(key))
            if o == t || t == b { continue }
            if o == b { result.changedKeys.append((key, t)); continue }
            if isList(key, b, o, t) {
                let merged = union(base: b, ours: o, theirs: t)
                if merged != o { result.changedKeys.append((key, merged)) }
                continue
            }
            result.conflicts.append(FieldConflict(.attribute(key), ours: o.first, theirs: t.first))
        }
        return result
    }

    /// A key is a list when it is repeated in any version, is one of the append-only keys, or every value
    /// either side holds starts with a date.
    private static func isList(_ key: String, _ b: [String], _ o: [String], _ t: [String]) -> Bool {
        if appendOnlyKeys.contains(key) || b.count > 1 || o.count > 1 || t.count > 1 { return true }
        let values = o + t
        return !values.isEmpty && values.allSatisfy { ReviewDate.isValid(String($0.prefix(10))) }
    }

    /// Ours, less what theirs removed from the base, plus what theirs added that ours lacks, in their order.
    static func union(base: [String], ours: [String], theirs: [String]) -> [String] {
        var removedByTheirs = counts(base)
        for value in theirs where removedByTheirs[value, default: 0] > 0 { removedByTheirs[value]! -= 1 }
        var result: [String] = []
        for value in ours {
            if removedByTheirs[value, default: 0] > 0 { removedByTheirs[value]! -= 1 } else { result.append(value) }
        }
        var have = counts(ours), inBase = counts(base)
        for value in theirs {
            if inBase[value, default: 0] > 0 { inBase[value]! -= 1; continue }
            if have[value, default: 0] > 0 { have[value]! -= 1; continue }
            result.append(value)
        }
        return result
    }

    private static func counts(_ values: [String]) -> [String: Int] {
        values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}
