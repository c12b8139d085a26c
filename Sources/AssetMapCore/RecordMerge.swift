/// A record's content after a three-way merge, as changes to ours: what to write over our version.
struct MergedRecord {
    var head: [String: String]
    /// Keys whose values differ from ours, with the merged values in order (empty: the key goes), in
    /// ours' key order and then theirs'.
    var changedKeys: [(key: String, values: [String])] = []
    var conflicts: [FieldConflict] = []

    var headChanged = false
    var isUnchanged: Bool { !headChanged && changedKeys.isEmpty && conflicts.isEmpty }
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
