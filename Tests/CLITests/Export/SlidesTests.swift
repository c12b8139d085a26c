import AssetMapCore
import Foundation
import Testing
import AssetMapTestSupport

/// Runs a program installed by script/setup (pdfinfo) and returns its standard output; missing is a failure.
func runInstalled(_ program: String, _ arguments: [String]) throws -> String {
    let path = try #require(
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + program }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        },
        "\(program) is not installed; run script/setup")
    let process = Process(), out = Pipe()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "\(program) \(arguments) failed")
    return String(decoding: data, as: UTF8.self)
}

@Suite(.serialized) struct SlideDeck {
    func slides(_ dir: TemporaryFolder, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path(folder)).filter { $0.hasSuffix(".svg") }.sorted()
    }

    @Test func oneSlidePerCommunityAndBarrierAllSixteenByNineWithAPDFPageEach() throws {
        let dir = try TemporaryFolder()
        let text = try exampleMap()
        try dir.write("example.map", text)
        let graph = MapDocument(text: text).graph
        let communities = graph.nodes(ofKind: "community"), barriers = graph.nodes(ofKind: "barrier")
        let result = try dir.run("export", "slides", "example.map", "-o", "deck")
        #expect(result.status == 0, "\(result.stderr)")
        let files = try slides(dir, "deck")
        // Title, overview, the two coverage grids, then a slide per node.
        #expect(files.count == 4 + communities.count + barriers.count)
        #expect(
            files.prefix(5) == [
                "01-title.svg", "02-overview.svg", "03-coverage.svg", "04-dimensions.svg",
                "05-\(communities[0].id).svg",
            ])
        let grid = try dir.read("deck/03-coverage.svg")
        #expect(grid.components(separatedBy: ">none<").count - 1 == Insights(graph, today: "2026-01-01").gaps.count)
        #expect(files.last == "\(files.count)-\(barriers.last!.id).svg")
        for file in files {
            let svg = try dir.read("deck/\(file)")
            #expect(svg.contains(#"width="1920" height="1080" viewBox="0 0 1920 1080""#), "\(file)")
        }
        let barrierSlide = try dir.read("deck/\(files.first { $0.hasSuffix("-proof-of-address.svg") }!)")
        #expect(barrierSlide.contains("Status: agreed"))
        #expect(barrierSlide.contains("Clinical areas: hypertension, cancer"))
        #expect(barrierSlide.contains("Improvements: Cards explaining"))
        #expect(barrierSlide.contains(">affects<"))
        let info = try runInstalled("pdfinfo", [dir.path("deck/slides.pdf")])
        #expect(info.range(of: #"Pages:\s+\#(files.count)\n"#, options: .regularExpression) != nil, "\(info)")
        #expect(info.contains("Page size:       1440 x 810 pts"), "\(info)")
    }

    @Test func kindSizeAndEdgeLabelOptionsAndOldSlidesReplaced() throws {
        let dir = try TemporaryFolder()
        let text = try exampleMap()
        try dir.write("example.map", text)
        #expect(try dir.run("export", "slides", "example.map", "-o", "deck").status == 0)
        try dir.write("deck/notes.txt", "mine")
        let result = try dir.run(
            "export", "slides", "example.map", "-o", "deck", "--kind", "barrier", "--size", "1280x720",
            "--no-edge-labels")
        #expect(result.status == 0, "\(result.stderr)")
        let files = try slides(dir, "deck")
        #expect(files.count == 4 + MapDocument(text: text).graph.nodes(ofKind: "barrier").count)
        #expect(try dir.read("deck/notes.txt") == "mine")
        let slide = try dir.read("deck/\(files[4])")
        #expect(slide.contains(#"width="1280" height="720""#))
        #expect(!slide.contains(">affects<"))
        let info = try runInstalled("pdfinfo", [dir.path("deck/slides.pdf")])
        #expect(info.contains("960 x 540 pts"), "\(info)")
        let bad = try dir.run("export", "slides", "example.map", "-o", "deck2", "--kind", "barriers")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("did you mean 'barrier'"), "\(bad.stderr)")
        #expect(try dir.run("export", "slides", "example.map", "-o", "deck3", "--size", "16:9").status == 2)
    }

    @Test func hostileLabelsMakeValidSlides() throws {
        let dir = try TemporaryFolder()
        try dir.write("h.map", hostilePage)
        let result = try dir.run("export", "slides", "h.map", "-o", "deck")
        #expect(result.status == 0, "\(result.stderr)")
        let title = try dir.read("deck/01-title.svg")
        #expect(title.contains("Hostile &lt;/script&gt;"))
        #expect(!title.contains("<script"))
        #expect(try runInstalled("pdfinfo", [dir.path("deck/slides.pdf")]).contains("Pages:"))
    }
}
