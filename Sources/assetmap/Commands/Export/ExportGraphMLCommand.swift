import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ExportGraphML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graphml",
        abstract: "GraphML for yEd, networkx and igraph: label, kind and attributes as declared keys.",
        discussion: "assetmap export graphml walsall.map -o walsall.graphml")

    @OptionGroup var source: ExportSource

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output = "-"

    func run() throws {
        try source.write(GraphExport.graphML(source.graph(), includePrivate: source.includePrivate), to: output)
    }
}
