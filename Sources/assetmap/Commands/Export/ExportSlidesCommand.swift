import ArgumentParser
import AssetMapCore
import Foundation

struct ExportSlides: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slides",
        abstract: "A 16:9 slide deck: title, the whole map, then one slide per community and per barrier.",
        discussion: """
            assetmap export slides walsall.map -o deck
            writes deck/01-title.svg, deck/02-overview.svg, deck/03-<id>.svg… and deck/slides.pdf (one page each).
            Each node's slide shows its neighbourhood (depth 1) and a caption: for a barrier its status, votes,
            clinical areas and improvements; for a community its barriers by clinical area and its gaps.
            Slides left from an earlier run (NN-*.svg) are replaced. Needs Graphviz, rsvg-convert and pdfunite.
            """)

    @Argument(help: "The map file.")
    var file: String

    @Option(name: .shortAndLong, help: "The folder for the slides (made if missing).")
    var output: String

    @Option(help: "Kinds that get a slide per node (repeatable; default: community and barrier).")
    var kind: [String] = []

    @Option(help: "Slide size in pixels, WIDTHxHEIGHT.")
    var size = "1920x1080"

    @Flag(help: "Leave relation names off the lines.")
    var noEdgeLabels = false

    @Option(help: "The date on the title slide and for overdue actions, YYYY-MM-DD (default: today).")
    var today: String?

    func validate() throws {
        if PixelSize(size) == nil { throw ValidationError("--size '\(size)' is not a size; write it as 1920x1080") }
        if let today, !ReviewDate.isValid(today) {
            throw ValidationError("--today '\(today)' is not a date; write it as YYYY-MM-DD")
        }
    }

    func run() throws {
        let document = try CLI.loadClean(file, refusing: "no slides written")
        var options = SlideOptions(date: today ?? ReviewDate.today())
        if !kind.isEmpty { options.kinds = kind }
        options.size = PixelSize(size)!
        options.edgeLabels = !noEdgeLabels
        let plans: [SlidePlan]
        do {
            plans = try Slides.plan(document.graph, options: options)
        } catch let error as DotExportError {
            CLI.printError("\(file): error: \(error.description)")
            throw ExitCode(1)
        }
        let folder = URL(fileURLWithPath: output)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("-o \(output) is a file; slides go into a folder")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Only our own numbered slides from an earlier run go: anything else in the folder stays.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let number = name.prefix(while: \.isNumber)
            guard name.hasSuffix(".svg"), number.count >= 2, name.dropFirst(number.count).hasPrefix("-") else {
                continue
            }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assetmap-slides-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var pages: [String] = []
        for plan in plans {
            let drawing = try plan.dot.map { String(decoding: try Graphviz.render($0, format: "svg"), as: UTF8.self) }
            let svg = folder.appendingPathComponent(plan.name + ".svg").path
            try CLI.writeOutput(Slides.svg(plan, drawing: drawing, size: options.size), to: svg, notOver: file)
            let page = scratch.appendingPathComponent(plan.name + ".pdf").path
            try Graphviz.runTool("rsvg-convert", ["-f", "pdf", "-o", page, svg], package: "librsvg2-bin")
            pages.append(page)
        }
        let joined = scratch.appendingPathComponent("slides.pdf").path
        try Graphviz.runTool("pdfunite", pages + [joined], package: "poppler-utils")
        try CLI.writeOutput(
            try Data(contentsOf: URL(fileURLWithPath: joined)), to: folder.appendingPathComponent("slides.pdf").path,
            notOver: file)
        CLI.say("\(plans.count) slides in \(output): \(plans.first!.name).svg … \(plans.last!.name).svg and slides.pdf")
    }
}
