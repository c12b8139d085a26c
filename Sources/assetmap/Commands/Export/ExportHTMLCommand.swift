import ArgumentParser
import AssetMapCore
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

struct ExportHTML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "One self-contained web page: the map drawn, search, filters, details, and the map as lists.",
        discussion: """
            assetmap export html walsall.map -o walsall.html
            Without -o, the page goes to standard output when that is a pipe or file, and is refused on a terminal.
            The page works offline in any browser and loads nothing from the network; email it or put it
            on a shared drive. Graphviz draws the map (dot for small maps, sfdp for large ones).
            Private attributes (keys starting private-) are left out unless --include-private.
            """)

    @Argument(help: "The map file.")
    var file: String

    @Option(name: .shortAndLong, help: CLI.outputHelp)
    var output: String?

    @Option(help: "Layout: dot, sfdp, neato or circo (default: dot up to \(HtmlExport.dotLimit) nodes, sfdp above).")
    var engine: DotOptions.Engine?

    @Flag(help: "Include attributes whose key starts with private-.")
    var includePrivate = false

    @Option(help: "The date shown on the page, YYYY-MM-DD (default: today).")
    var today: String?

    func validate() throws {
        if let today, !ReviewDate.isValid(today) {
            throw ValidationError("--today '\(today)' is not a date; write it as YYYY-MM-DD")
        }
        // A page is a thousand lines and more: on a terminal it would scroll past unread. Pipes and -o - still get it.
        if output == nil, isatty(STDOUT_FILENO) == 1 {
            let page = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".html"
            throw ValidationError(
                "not printing a web page on the terminal: write it to a file with -o \(page) (or -o - to print it anyway)"
            )
        }
    }

    func run() throws {
        let document = try CLI.loadClean(file, refusing: "not exported")
        let dot = try DotExport.dot(document.graph, options: HtmlExport.dotOptions(document.graph, engine: engine))
        let svg = String(decoding: try Graphviz.render(dot, format: "svg"), as: UTF8.self)
        var options = HtmlOptions(date: today ?? ReviewDate.today())
        options.includePrivate = includePrivate
        try CLI.writeOutput(HtmlExport.page(document.graph, svg: svg, options: options), to: output, notOver: file)
    }
}
