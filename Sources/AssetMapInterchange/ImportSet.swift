import AssetMapCore

/// Where a value came from: a cell of a sheet (or a field of a JSON record, as row = record number).
package struct Position: Equatable, Hashable, Sendable {
    package var file: String
    package var row: Int
    package var column: Int

    package init(_ file: String, row: Int, column: Int) {
        (self.file, self.row, self.column) = (file, row, column)
    }

    func error(_ message: String) -> InputError { InputError(file, row: row, column: column, message) }
}

/// A node as an import describes it, before it is matched against the map.
package struct ImportedElement: Sendable {
    package var position: Position
    /// The id the sheet gives (an `ID` column), and where.
    package var id: String?
    package var idPosition: Position?
    package var label: String
    /// A built-in or declared kind; nil when the sheet gives none (matched by label alone, else `element`).
    package var kind: String?
    /// `(key, value)` in column order; a key may repeat.
    package var attributes: [(key: String, value: String)]
    /// A feed's own id for the record (Open Referral): matched before the id and the label.
    package var sourceID: String?
    /// How the file's own edges name the record (a GEXF id, Kumu's `_id`): those edges name it as `fileKeyName`.
    package var fileKey: String?
    package static func fileKeyName(_ key: String) -> String { "\u{2}\(key)" }

    /// A feed's id with the kind (a feed numbers organisations and locations apart); connections may name it.
    package var sourceKey: String? { sourceID.map { Self.sourceKey(kind: kind ?? "", id: $0) } }
    package static func sourceKey(kind: String, id: String) -> String { "\u{1}\(kind)/\(id)" }

    package init(
        position: Position, id: String? = nil, idPosition: Position? = nil, label: String, kind: String?,
        attributes: [(key: String, value: String)] = [], sourceID: String? = nil
    ) {
        (self.position, self.id, self.idPosition, self.label, self.kind) = (position, id, idPosition, label, kind)
        (self.attributes, self.sourceID) = (attributes, sourceID)
    }
}

/// An edge as an import describes it: its ends name elements by id or by label.
package struct ImportedConnection: Sendable {
    package var from: String
    package var fromPosition: Position
    package var to: String
    package var toPosition: Position
    package var relation: String
    package var attributes: [(key: String, value: String)]

    package init(
        from: String, fromPosition: Position, to: String, toPosition: Position, relation: String,
        attributes: [(key: String, value: String)] = []
    ) {
        (self.from, self.fromPosition, self.to, self.toPosition) = (from, fromPosition, to, toPosition)
        (self.relation, self.attributes) = (relation, attributes)
    }
}

/// Everything one import brings: the same model for spreadsheets (Kumu's) and directories (Open Referral).
package struct ImportSet: Sendable {
    package var elements: [ImportedElement] = []
    package var connections: [ImportedConnection] = []
    /// Kinds the map must declare when it does not yet: name → plural label.
    package var kinds: [(name: String, plural: String)] = []
    /// For a feed: its name (the `source` attribute). Nodes from this source that the feed no longer has are flagged.
    package var feed: String?
    /// Sheets passed over (neither elements nor connections), what a feed was read as, for the summary.
    package var notes: [String] = []
    /// Records a feed left out and warnings on records it kept, one summary line each (`--strict` refuses them).
    package var problems: [String] = []
    /// False when only part of a feed was read (a page missing): then nothing is flagged as gone from it.
    package var complete = true
    /// The title the input gives a new map (Kumu's project name).
    package var title: String?
    /// Keys gathered from several records of the feed (an organisation's services): a partial read only adds to them.
    package var gatheredKeys: Set<String> = []
    /// Keys whose latest value wins (a date): a partial read never moves them back.
    package var latestKeys: Set<String> = []

    package init() {}

    mutating func declare(_ kind: String, plural: String) {
        if KindInfo.builtins.contains(where: { $0.name == kind }) || kinds.contains(where: { $0.name == kind }) {
            return
        }
        kinds.append((kind, plural))
    }
}

/// Kumu's and people's words for a kind → the map's kind.
enum KindWords {
    private static let synonyms: [String: String] = [
        "community": "community", "population": "community", "people": "community", "cohort": "community",
        "organisation": "organisation", "organization": "organisation", "org": "organisation",
        "charity": "organisation",
        "provider": "organisation", "agency": "organisation", "partner": "organisation",
        "place": "place", "venue": "place", "location": "place", "site": "place", "space": "place", "building": "place",
        "barrier": "barrier", "obstacle": "barrier", "problem": "barrier", "issue": "barrier", "challenge": "barrier",
        "improvement": "improvement", "solution": "improvement", "idea": "improvement", "action": "improvement",
        "proposal": "improvement", "intervention": "improvement", "recommendation": "improvement",
    ]

    /// The kind a `Type` cell names, and the plural label when it must be declared.
    /// Case-insensitive, singular or plural, US spellings, close words and slips ("Comunity") understood.
    static func kind(for type: String) -> (name: String, plural: String?) {
        let words = type.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let singular = singularOf(words)
        if let known = synonyms[singular] ?? synonyms[words] { return (known, nil) }
        if let slip = Suggest.closest(to: singular, among: KindInfo.builtins.map(\.name)) { return (slip, nil) }
        let name = Syntax.slug(singular)
        let display = type.trimmed
        let plural = singular == words ? pluralOf(display) : display
        return (
            ["map", "kind"].contains(name) ? name + "-kind" : name, plural.prefix(1).uppercased() + plural.dropFirst()
        )
    }

    /// "Company" → "Companies", "Church" → "Churches", "Event" → "Events".
    static func pluralOf(_ word: String) -> String {
        let lower = word.lowercased()
        let irregular = ["person": "people", "child": "children", "man": "men", "woman": "women"]
        if let plural = irregular[lower] { return word.first!.isUppercase ? plural.capitalized : plural }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return String(word.dropLast()) + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: lower.hasSuffix) { return word + "es" }
        return word + "s"
    }

    static func singularOf(_ word: String) -> String {
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("ses") || word.hasSuffix("shes") || word.hasSuffix("ches") { return String(word.dropLast(2)) }
        if word.hasSuffix("s") && !word.hasSuffix("ss") { return String(word.dropLast()) }
        return word
    }
}
