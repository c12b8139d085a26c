import ArgumentParser
import AssetMapCore

// Scriptable edits, each through `MapFile.edit`: locked against other edits, the map re-read under the
// lock, refused if it has errors (or is read-only, without --force), the same operations the UI uses
// applied, and saved atomically keeping the file's owner, permissions, symlinks and hard links.

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a node.",
        discussion: """
            assetmap add walsall.map place generation-cafe "Generation Café" when="Fridays 17:00"
            Without an id (assetmap add walsall.map place "Generation Café"), one is made from the \
            label and printed. The node goes after the last node of its kind.
            """)

    @OptionGroup var map: MapToEdit

    @Argument(help: "community, organisation, place, barrier, improvement, or a declared kind.")
    var kind: String

    @Argument(
        help: ArgumentHelp(
            "The new id (optional), the label, then any attributes.", valueName: "[id] label [key=value]"))
    var words: [String]

    @Option(help: "The new node's id (then every argument after KIND is LABEL [key=value...]).")
    var id: String?

    func validate() throws {
        if words.isEmpty { throw ValidationError("give the node's label, e.g. \"Refugee and Migrant Centre\"") }
    }

    func run() throws {
        var rest = words[...]
        var explicitID = id
        // `KIND ID LABEL`: the second word is a label, not key=value.
        if explicitID == nil, rest.count >= 2, Syntax.isValidID(rest[rest.startIndex]),
            !CLI.looksLikePair(rest[rest.startIndex + 1])
        {
            explicitID = rest.removeFirst()
        }
        let label = rest.removeFirst()
        let attributes = try CLI.pairs(Array(rest))
        try map.edit(warningsAbout: { [.node($0)] }) { doc in
            let newID = explicitID ?? doc.suggestID(for: label)
            doc.perform(try doc.addTrackedNode(kind: kind, id: newID, label: label, attributes: attributes))
            return (["added \(kind) \(newID)"], newID)
        }
    }
}

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set attributes of a node, an edge (FROM->TO) or the map header (map).",
        discussion: """
            assetmap set walsall.map proof-of-address status=agreed
            assetmap set walsall.map 'registration-cards->proof-of-address' owner="Healthwatch Walsall"
            A key that appears several times is replaced by the one value given;
            with --occurrence N only its Nth line changes and the others stay:
            assetmap set walsall.map refugees note="Meets on Fridays" --occurrence 2
            A due date may be typed 21/12/2026 (UK order), tomorrow, +2w or YYYY-MM-DD; it is stored as \
            YYYY-MM-DD. A word outside a key's vocabulary (status, clinical, ...) lands with check's warning.
            """)

    @OptionGroup var map: MapToEdit

    @Argument(help: "A node id, FROM->TO for an edge, or map for the header.")
    var record: String

    @Argument(help: ArgumentHelp("The value may be empty; quote it for spaces.", valueName: "key=value"))
    var assignments: [String]

    @Option(help: "Which edge, when there are several between FROM and TO.")
    var relation: String?

    @Option(help: "Change only the Nth line of a key that repeats (1 is the first), keeping the others.")
    var occurrence: Int?

    func validate() throws {
        if assignments.isEmpty { throw ValidationError("give at least one key=value") }
        if let occurrence, occurrence < 1 { throw ValidationError("--occurrence counts from 1") }
    }

    func run() throws {
        let pairs = try CLI.pairs(assignments)
        try map.edit(warningsAbout: { [$0] }) { doc in
            let ref = try CLI.record(record, relation: relation, in: doc)
            return (
                try pairs.map { pair in
                    let change =
                        try occurrence.map {
                            try doc.replaceAttribute(ref, key: pair.key, occurrence: $0 - 1, value: pair.value)
                        }
                        ?? doc.setTracked(ref, key: pair.key, value: pair.value)
                    return doc.perform(change).summary
                }, ref
            )
        }
    }
}

struct UnsetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unset",
        abstract: "Remove attributes (every line with that key) from a node, an edge (FROM->TO) or the header (map).")

    @OptionGroup var map: MapToEdit

    @Argument(help: "A node id, FROM->TO for an edge, or map for the header.")
    var record: String

    @Argument(help: ArgumentHelp("The keys to remove.", valueName: "key"))
    var keys: [String]

    @Option(help: "Which edge, when there are several between FROM and TO.")
    var relation: String?

    func validate() throws {
        if keys.isEmpty { throw ValidationError("give at least one key") }
    }

    func run() throws {
        try map.edit { doc in
            let ref = try CLI.record(record, relation: relation, in: doc)
            return try keys.map { key in
                // A status, owner or due date removed leaves a history line, like one changed.
                guard case .node(let id) = ref, doc.graph.node(id)?.value(key) != nil,
                    HistoryEntry.trackedKeys.contains(key)
                else {
                    return doc.perform(try doc.removeAttribute(ref, key: key)).summary
                }
                return doc.perform(try doc.setTracked(ref, key: key, value: "")).summary
            }
        }
    }
}

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Add an edge FROM -> TO RELATION.",
        discussion:
            "assetmap link walsall.map proof-of-address refugees affects\nassetmap link walsall.map refugees generation-cafe \"gathers at\" note=\"Fridays\""
    )

    @OptionGroup var map: MapToEdit

    @Argument(help: "The id of the node the edge leaves.")
    var from: String

    @Argument(help: "The id of the node the edge goes to.")
    var to: String

    @Argument(help: "A word or a phrase, e.g. affects or \"gathers at\".")
    var relation: String

    @Argument(help: ArgumentHelp("Attributes of the edge.", valueName: "key=value"))
    var attributes: [String] = []

    func run() throws {
        let pairs = try CLI.pairs(attributes)
        try map.edit(warningsAbout: { [$0] }) { doc in
            let change = try doc.link(from: from, to: to, relation: relation, attributes: pairs)
            return ([doc.perform(change).summary], RecordRef.edge(from: from, to: to, relation: relation))
        }
    }
}

struct UnlinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlink",
        abstract: "Remove the edges FROM -> TO (only those with RELATION, when given).")

    @OptionGroup var map: MapToEdit

    @Argument(help: "The id of the node the edge leaves.")
    var from: String

    @Argument(help: "The id of the node the edge goes to.")
    var to: String

    @Argument(help: "Only the edge with this relation.")
    var relation: String?

    func run() throws {
        try map.edit { doc in
            let change = try doc.unlink(from: from, to: to, relation: relation)
            return [doc.perform(change).summary]
        }
    }
}

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a node and its edges.")

    @OptionGroup var map: MapToEdit

    @Argument(help: "The node's id.")
    var id: String

    func run() throws {
        try map.edit { doc in
            let change = try doc.removeNode(id)
            return [doc.perform(change).summary]
        }
    }
}

struct RenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Change a node's label, or its id (and every edge naming it).",
        discussion: """
            assetmap rename walsall.map rmc "Refugee and Migrant Centre, Walsall"
            assetmap rename walsall.map rmc --id refugee-migrant-centre
            """)

    @OptionGroup var map: MapToEdit

    @Argument(help: "The node's id.")
    var id: String

    @Argument(help: "The new label.")
    var label: String?

    @Option(name: .customLong("id"), help: "The new id; edges to and from the node follow it.")
    var newID: String?

    func validate() throws {
        if label == nil && newID == nil { throw ValidationError("give a new label, or --id NEW_ID, or both") }
    }

    func run() throws {
        try map.edit { doc in
            var done: [String] = []
            if let label { done.append(doc.perform(try doc.renameNode(id, label: label)).summary) }
            if let newID { done.append(doc.perform(try doc.changeID(id, to: newID)).summary) }
            return done
        }
    }
}
