import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ExportGEXF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gexf",
        abstract: "GEXF for Gephi: nodes with their kind and attributes, directed edges with their relation.",
        discussion: "assetmap export gexf walsall.map -o walsall.gexf")

    @OptionGroup var source: ExportSource

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output = "-"

    func run() throws {
        try source.write(MapExport.gexf(source.graph(), includePrivate: source.includePrivate), to: output)
    }
}
