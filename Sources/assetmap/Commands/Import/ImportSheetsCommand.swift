import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ImportSheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheets",
        abstract: "Import spreadsheets in Kumu's model, Kumu's JSON, GEXF or GraphML (the default).",
        discussion: """
            assetmap import elements.csv connections.csv -o walsall.map
            assetmap import partners.xlsx --into walsall.map
            assetmap import project.json -o kumu.map          (Kumu: Export JSON, or a blueprint)
            assetmap import network.gexf -o gephi.map --kind organisation
            An elements sheet starts with Label (or ID, Label); a connections sheet with From, To (or ID, From, To);
            an edge list with Source, Target. Every sheet of an .xlsx is read. Re-importing updates what changed and
            never duplicates. Column rules and examples: docs/IMPORT.md.
            """)

    @Argument(help: "CSV, .xlsx, .json (Kumu), .gexf or .graphml files.")
    var files: [String]

    @Option(
        help:
            "The field that gives each node's kind (default: kind, type, element type or category), or, when no node has that field, the kind of every node."
    )
    var kind: String?

    @Option(
        help:
            "The CSV files' encoding when it is not UTF-8, UTF-16 with a byte-order mark or Windows-1252: macintosh (Mac Roman), latin1, windows-1250, utf-16le…"
    )
    var encoding: String?

    @OptionGroup var target: ImportTarget

    func validate() throws {
        if let encoding, TextDecoding.encoding(named: encoding) == nil {
            throw ValidationError(
                "--encoding '\(encoding)' is not one AssetMap reads; use one of \(TextDecoding.names.keys.sorted().joined(separator: ", "))"
            )
        }
    }

    func run() throws {
        let title = URL(fileURLWithPath: files.first ?? "Imported map").deletingPathExtension().lastPathComponent
        try target.run(defaultTitle: title) {
            try ImportFiles.records(files, encoding: encoding.flatMap(TextDecoding.encoding(named:)))
                .importSet(kind: kind)
        }
    }
}
