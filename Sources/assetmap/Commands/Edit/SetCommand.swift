import ArgumentParser
import AssetMapCore

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
