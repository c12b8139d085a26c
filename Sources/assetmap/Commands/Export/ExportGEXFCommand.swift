import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ExportGEXF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gexf",
        abstract:
            "GEXF 1.3 for Gephi: nodes with their kind and typed attributes, edges with their relation and direction.",
        discussion: "assetmap export gexf walsall.map -o walsall.gexf")

    @OptionGroup var source: ExportSource

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output = "-"

    func run() throws {
        try source.write(GraphExport.gexf(source.graph(), includePrivate: source.includePrivate), to: output)
    }
}
