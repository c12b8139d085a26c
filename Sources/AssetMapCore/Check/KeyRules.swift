/// What `check` knows of the keys AssetMap itself reads, beyond their words: which hold one value (a second line
/// is ignored), which hold a number or a date, and which a mistyped key was probably meant to be.
enum KeyRules {
    enum Value { case words, wholeNumber, date, text }

    struct Rule {
        var value: Value
        /// Set for a key of which only the first line counts: the bit standing for it in a record's seen keys.
        var single: UInt16?
    }

    /// Every key a rule is given for, on some kind.
    static let keys = Vocabulary.keys + ["votes", "due", "owner", "review", "history"]
    /// As `Vocabulary`'s: most keys are free text, and their length alone says so.
    private static let keyLengths: UInt64 = keys.reduce(0) { $0 | 1 << UInt64($1.utf8.count) }

    /// The rule for `key` on a record of `kind` (nil: a declared kind), or nil for a key AssetMap does not read there.
    static func rule(kind: BuiltinKind?, key: String) -> Rule? {
        let length = key.utf8.count
        guard length < 64, keyLengths & 1 << UInt64(length) != 0 else { return nil }
        switch (kind, key) {
        case (.barrier, "status"), (.improvement, "status"): return Rule(value: .words, single: 1 << 0)
        case (.barrier, "dimension"): return Rule(value: .words, single: 1 << 1)
        case (.barrier, "impact"): return Rule(value: .words, single: 1 << 2)
        case (.barrier, "effort"): return Rule(value: .words, single: 1 << 3)
        case (.community, "core20"): return Rule(value: .words, single: 1 << 4)
        case (.community, "plus"): return Rule(value: .words, single: 1 << 5)
        case (.barrier, "votes"): return Rule(value: .wholeNumber, single: 1 << 6)
        case (.barrier, "due"), (.improvement, "due"): return Rule(value: .date, single: 1 << 7)
        case (.barrier, "owner"), (.improvement, "owner"): return Rule(value: .text, single: 1 << 8)
        case (.barrier, "review"), (.improvement, "review"), (.barrier, "history"), (.improvement, "history"):
            return Rule(value: .text)
        case (_, "clinical"): return Rule(value: .words)
        default: return nil
        }
    }

    /// The keys read on a record of `kind`, which a mistyped key is compared with.
    static func readKeys(kind: BuiltinKind?) -> [String] {
        keys.filter { rule(kind: kind, key: $0) != nil }
    }

    /// Free-text keys people often write: never taken for a slip, and a key as close to one of them as to a read
    /// key is left alone (`notes` is one letter from both `note` and `votes`).
    static let commonKeys = [
        "note", "notes", "when", "where", "source", "sources", "offers", "area", "updated", "website", "language",
        "languages", "contact", "role", "type", "name", "link", "url", "date", "since", "status-note", "tags", "tag",
    ]

    /// The read key that `key` looks like a slip for, on a record of `kind`; nil when it is not like one.
    static func slip(_ key: String, kind: BuiltinKind?) -> String? {
        if key.hasPrefix("private-") || commonKeys.contains(key) || rule(kind: kind, key: key) != nil { return nil }
        let count = key.count
        let limit = max(1, min(3, count / 3))
        func distance(_ candidate: String) -> Int {
            abs(candidate.count - count) > limit ? limit + 1 : Suggest.distance(key, candidate, limit: limit)
        }
        var best: (key: String, distance: Int)?
        for candidate in readKeys(kind: kind) {
            let d = distance(candidate)
            if d <= limit, best == nil || d < best!.distance { best = (candidate, d) }
        }
        guard let best, !commonKeys.contains(where: { distance($0) <= best.distance }) else { return nil }
        return best.key
    }
}

/// The slips of the keys met while checking, worked out once per key and kind: a map uses a few dozen keys on
/// hundreds of thousands of lines. The last few met are looked through before hashing one.
struct KeySlips {
    private struct Seen: Hashable {
        var key: String
        var kind: BuiltinKind?
    }
    private var known: [Seen: String?] = [:]
    private var recent: [(seen: Seen, slip: String?)] = []
    private var next = 0

    mutating func slip(_ key: String, kind: BuiltinKind?) -> String? {
        if let found = recent.first(where: { $0.seen.kind == kind && Syntax.same($0.seen.key, key) }) {
            return found.slip
        }
        let seen = Seen(key: key, kind: kind)
        let slip: String?
        if let cached = known[seen] {
            slip = cached
        } else {
            slip = KeyRules.slip(key, kind: kind)
            known[seen] = slip
        }
        if recent.count < 8 {
            recent.append((seen, slip))
        } else {
            recent[next] = (seen, slip)
            next = (next + 1) % 8
        }
        return slip
    }
}
