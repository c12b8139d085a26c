import ArgumentParser

/// `assetmap [FILE]` opens the UI; the subcommands are the scriptable side.
@main
struct AssetMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assetmap",
        abstract: "Map communities, organisations, places, barriers and improvements in a plain-text file.",
        subcommands: [Open.self],
        defaultSubcommand: Open.self
    )
}
