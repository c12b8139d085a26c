import ArgumentParser
import AssetMapCore
import Foundation

extension DotOptions.RankDir: ExpressibleByArgument {}
extension DotOptions.Engine: ExpressibleByArgument {}

struct ExportDot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dot",
        abstract: "Graphviz DOT (or SVG, PNG, PDF through Graphviz's dot) for slides.",
        discussion: """
            assetmap export dot walsall.map --legend -o walsall.dot
            assetmap export dot walsall.map --focus proof-of-address --depth 2 -o barrier.svg
            assetmap export dot walsall.map --engine sfdp --no-edge-labels --size 1920x1080 -o whole-map.png
            Private attributes (keys starting private-) are left out unless --include-private.
            """)

    @Argument(help: "The map file.")
    var file: String

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output: String?

    @Option(
        help:
            "dot, or any format Graphviz writes: svg, png, pdf, jpg, webp… (default: from the output's extension, else dot)."
    )
    var format: String?

    @Flag(help: "Add a key showing each kind's shape and colour.")
    var legend = false

    @Option(help: "Only nodes of this kind (repeatable).")
    var kind: [String] = []

    @Option(help: "Only the neighbourhood of this node.")
    var focus: String?

    @Option(help: "How many edges away from --focus to go.")
    var depth = 1

    @Flag(help: "Group the nodes of each kind in a box.")
    var cluster = false

    @Option(help: "Layout direction: LR (left to right) or TB (top to bottom).")
    var rankdir: DotOptions.RankDir = .LR

    @Flag(help: "Include attributes whose key starts with private-.")
    var includePrivate = false

    @Option(
        help: "Layout: dot (flows in --rankdir), sfdp or neato (by forces, compact for whole maps), circo (a circle).")
    var engine: DotOptions.Engine = .dot

    @Flag(help: "Leave relation names off the lines (they stay in the hover text).")
    var noEdgeLabels = false

    @Option(help: "Shape of the picture, width:height (16:9 for slides, 4:3).")
    var ratio: String?

    @Option(help: "Picture size in pixels, WIDTHxHEIGHT (1920x1080); the layout is stretched to fill it.")
    var size: String?

    func validate() throws {
        if depth < 0 { throw ValidationError("--depth must be 0 or more") }
        if focus == nil && depth != 1 { throw ValidationError("--depth needs --focus ID") }
        if let ratio, DotOptions.aspect(ratio) == nil {
            throw ValidationError("--ratio '\(ratio)' is not a shape; write it as 16:9")
        }
        if let size, PixelSize(size) == nil {
            throw ValidationError("--size '\(size)' is not a size; write it as 1920x1080")
        }
    }

    func run() throws {
        let doc = try CLI.loadClean(file, refusing: "not exported")
        var options = DotOptions()
        options.kinds = kind
        options.focus = focus
        options.depth = depth
        options.cluster = cluster
        options.rankdir = rankdir
        options.legend = legend
        options.includePrivate = includePrivate
        options.engine = engine
        options.edgeLabels = !noEdgeLabels
        options.aspect = ratio.flatMap(DotOptions.aspect)
        options.size = size.flatMap(PixelSize.init)
        let dot: String
        do {
            dot = try DotExport.dot(doc.graph, options: options)
        } catch let error as DotExportError {
            CLI.printError("\(file): error: \(error.description)")
            throw ExitCode(1)
        }
        let chosen: GraphvizFormat
        do {
            let supported = Graphviz.findOnPath("dot").flatMap(GraphvizFormat.supported(by:))
            chosen = try GraphvizFormat.choose(format: format, output: output, supported: supported)
        } catch let error as GraphvizFormat.FormatError {
            CLI.printError("error: \(error)")
            throw ExitCode(2)
        }
        switch chosen {
        case .dot: try CLI.writeOutput(Data(dot.utf8), to: output, notOver: file)
        case .rendered(let format):
            try CLI.writeOutput(try Graphviz.render(dot, format: format), to: output, notOver: file)
        }
    }
}
