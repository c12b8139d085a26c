import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ExportKumu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kumu",
        abstract: "Kumu's JSON blueprint (elements; connections, directed).",
        discussion: "assetmap export kumu walsall.map -o walsall.json   (in Kumu: Import, then JSON)")

    @OptionGroup var source: ExportSource

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output = "-"

    func run() throws {
        try source.write(MapExport.kumuJSON(source.graph(), includePrivate: source.includePrivate), to: output)
    }
}
