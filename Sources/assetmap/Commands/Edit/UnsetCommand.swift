import ArgumentParser
import AssetMapCore

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
