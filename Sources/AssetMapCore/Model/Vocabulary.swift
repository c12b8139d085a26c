/// The words `check` knows for some attributes, so a misspelling gets a warning and a suggestion.
/// Public so the UI and review mode offer the same choices.
package enum Vocabulary {
    package static let barrierStatus = ["open", "discussed", "agreed", "in-progress", "resolved", "parked"]
    package static let improvementStatus = ["proposed", "agreed", "in-progress", "done", "dropped"]
    /// Core20PLUS5 clinical areas for adults.
    package static let clinicalAdult = ["maternity", "smi", "respiratory", "cancer", "hypertension"]
    /// Core20PLUS5 clinical areas for children and young people.
    package static let clinicalChildren = ["asthma", "diabetes", "epilepsy", "oral-health", "mental-health"]
    package static let clinical = clinicalAdult + clinicalChildren
    /// A community's `ages`: which of the two fives apply to it (none said: both).
    package static let ages = ["adults", "children", "all"]
    /// The clinical areas that apply to a community whose `ages` is `ages`.
    package static func clinical(forAges ages: String?) -> [String] {
        switch ages {
        case "adults": clinicalAdult
        case "children": clinicalChildren
        default: clinical
        }
    }
    /// The five access dimensions of Levesque et al. 2013.
    package static let dimensions = [
        "approachability", "acceptability", "availability", "affordability", "appropriateness",
    ]
    package static let yesNo = ["yes", "no"]
    /// A barrier's `impact` and `effort` (the priority grid).
    package static let levels = ["high", "low"]

    /// Keys whose value is a comma-separated list of words (`clinical: smi, cancer`).
    package static let listKeys = ["clinical"]

    /// The allowed words for `key` on a record of `kind`, or nil when the value is free text.
    package static func words(kind: String, key: String) -> [String]? { words(kind: BuiltinKind.named(kind), key: key) }

    /// Every key `words(kind:key:)` knows, for some kind.
    static let keys = ["status", "dimension", "impact", "effort", "core20", "plus", "ages", "clinical"]
    /// The lengths of `keys`, as bits: most keys are free text, and their length alone says so (a string
    /// comparison that fails is a call, and `check` asks for every attribute of a map).
    private static let keyLengths: UInt64 = keys.reduce(0) { $0 | 1 << UInt64($1.utf8.count) }

    /// `words(kind:key:)` for a kind already looked up (nil: a declared kind).
    static func words(kind: BuiltinKind?, key: String) -> [String]? {
        let length = key.utf8.count
        guard length < 64, keyLengths & 1 << UInt64(length) != 0 else { return nil }
        switch (kind, key) {
        case (.barrier, "status"): return barrierStatus
        case (.improvement, "status"): return improvementStatus
        case (.barrier, "dimension"): return dimensions
        case (.barrier, "impact"), (.barrier, "effort"): return levels
        case (.community, "core20"), (.community, "plus"): return yesNo
        case (.community, "ages"): return ages
        case (_, "clinical"): return clinical
        default: return nil
        }
    }

    /// `words(kind:key:)` in the groups people know them by (the clinical areas: adults, then children and
    /// young people), for pickers; nil when the value is free text.
    package static func groups(kind: String, key: String) -> [(title: String?, words: [String])]? {
        guard let words = words(kind: kind, key: key) else { return nil }
        if words == clinical { return [("Adults", clinicalAdult), ("Children and young people", clinicalChildren)] }
        return [(nil, words)]
    }

    /// The keys adding a node of `kind` asks for, in order, each picked from its words (`groups`): what the review
    /// and the insights read (a community's `core20` and `plus` decide its silent-group insight).
    package static func askedWhenAdding(kind: String) -> [String] {
        switch BuiltinKind.named(kind) {
        case .barrier: return ["dimension", "clinical"]
        case .community: return ["core20", "plus"]
        default: return []
        }
    }

    /// Values a new node of `kind` starts with, without asking: a barrier is `open` until the review says otherwise.
    package static func startingValues(kind: String) -> [(key: String, value: String)] {
        BuiltinKind.named(kind) == .barrier ? [("status", barrierStatus[0])] : []
    }

    /// The links adding a node of `kind` asks for before its keys, in order: the relation, and the kinds of node
    /// it goes to (a barrier: the communities it affects, then the places and organisations where it happens).
    package static func linksAskedWhenAdding(kind: String) -> [(relation: String, kinds: [String])] {
        guard BuiltinKind.named(kind) == .barrier else { return [] }
        return [
            ("affects", [BuiltinKind.community.name]),
            ("happens at", [BuiltinKind.place.name, BuiltinKind.organisation.name]),
        ]
    }

    /// What a word stands for, where the word alone does not say.
    package static let glosses = [
        "smi": "severe mental illness", "respiratory": "chronic respiratory disease",
        "cancer": "early diagnosis", "hypertension": "case-finding",
        "adults": "the adult five clinical areas", "children": "the children and young people's five",
        "all": "both fives",
    ]

    /// Column headings for a grid of clinical areas (at most 5 characters) or access dimensions (at most 6).
    package static let shortNames = [
        "maternity": "mat", "smi": "smi", "respiratory": "resp", "cancer": "canc", "hypertension": "hyp",
        "asthma": "asth", "diabetes": "diab", "epilepsy": "epil", "oral-health": "oral", "mental-health": "mh",
        "approachability": "reach", "acceptability": "accept", "availability": "avail",
        "affordability": "afford", "appropriateness": "approp",
    ]

    /// A list key's value from its words, as `check` and `Node.list` read it back.
    package static func listValue(_ words: [String]) -> String { words.joined(separator: ", ") }
}
