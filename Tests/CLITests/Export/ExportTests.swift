import Foundation
import Testing
import AssetMapTestSupport

/// Labels and ids that break naive DOT writers.
let hostile = #"""
    map "Title with \"quotes\", a trailing backslash \\"
    community node "He said \"hi\" {braces} [brackets] <b>bold</b> & co; a=b"
      private-source: told in confidence
      note: edge -> graph; "quoted" \ backslash {x} <y>
    community edge "Trailing backslash \\"
    place graph "C:\\path\\n\\N\\G \\l \\\\ not escapes"
    organisation subgraph "# not a comment // nor this /* or this */ ; ,"
    barrier strict "مجتمع اللاجئين — عائق"
      status: open
    improvement digraph "难民社区 🏳️‍🌈 👩🏽‍⚕️ emoji"
    community 42 "Starts with a digit"
    community _x.y-z "&amp; &lt; &#60; entity-like text"
    place Node "Different case: Node, NODE"
    community 1e5 "Looks like a number"
    node -> edge "relation with \"quotes\" \\"
    edge -> graph affects
    strict -> node affects
      private-note: secret edge note
    digraph -> strict addresses
    42 -> subgraph "<html> & {x}"
    _x.y-z -> Node "#"
    Node -> node "->"
    1e5 -> 42 "}"
    """#

/// Graphviz's `dot`, which CI installs: missing it is a failure, not a skip.
func graphvizDot() -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let candidate = "\(directory)/dot"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

@Suite struct ExportDot {
    @Test func hostileLabelsGiveDOTThatGraphvizAccepts() throws {
        guard let dot = graphvizDot() else {
            Issue.record("Graphviz's dot is not on PATH; install it (sudo apt-get install graphviz) to run this test")
            return
        }
        let dir = try TemporaryFolder()
        try dir.write("h.map", hostile)
        #expect(try dir.run("check", "h.map").stdout.contains("error") == false)
        for options in [
            [], ["--legend", "--cluster", "--rankdir", "TB"], ["--include-private"],
            ["--focus", "strict", "--depth", "2"],
        ] {
            let export = try CLI.run(["export", "dot", "h.map", "-o", "h.dot"] + options, in: dir.url)
            #expect(export.status == 0, "\(options): \(export.stderr)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: dot)
            process.arguments = ["-Tsvg", "-o", dir.path("h.svg"), dir.path("h.dot")]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "dot rejected the export with \(options): \(message)")
            #expect(!message.contains("syntax error"), "\(options): \(message)")
            let svg = try dir.read("h.svg")
            // Every label made it through intact (SVG escapes <, > and &).
            for text in [
                "He said &quot;hi&quot; {braces}", "Trailing backslash \\", "C:\\path\\n\\N\\G \\l",
                "&amp;amp; &amp;lt; &amp;#60;",
                "مجتمع اللاجئين", "难民社区", "&lt;html&gt; &amp; {x}",
            ] where options.isEmpty {
                #expect(svg.contains(text), "svg lacks \(text)")
            }
        }
    }

    @Test func privateAttributesOnlyWithIncludePrivate() throws {
        let dir = try TemporaryFolder()
        try dir.write("h.map", hostile)
        let plain = try dir.run("export", "dot", "h.map")
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("confidence"))
        #expect(!plain.stdout.contains("secret"))
        #expect(plain.stdout.contains("note: edge -> graph"))
        let all = try dir.run("export", "dot", "h.map", "--include-private")
        #expect(all.stdout.contains("private-source: told in confidence"))
        #expect(all.stdout.contains("private-note: secret edge note"))
    }

    @Test func outputIsDeterministic() throws {
        let dir = try TemporaryFolder()
        try dir.write("h.map", hostile)
        let runs = try (0..<3).map { _ in try dir.run("export", "dot", "h.map", "--legend", "--cluster").stdout }
        #expect(!runs[0].isEmpty)
        #expect(Set(runs).count == 1)
    }

    @Test func svgThroughGraphvizAndFormatFromExtension() throws {
        guard graphvizDot() != nil else {
            Issue.record("Graphviz's dot is not on PATH; install it (sudo apt-get install graphviz) to run this test")
            return
        }
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run("export", "dot", "w.map", "--legend", "-o", "w.svg")
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try dir.read("w.svg")
        #expect(svg.contains("<svg"))
        #expect(svg.contains("Refugees and people"))
        #expect(!svg.contains("told in confidence"))
        let pdf = try dir.run("export", "dot", "w.map", "--format", "pdf", "-o", "w.out")
        #expect(pdf.status == 0)
        #expect(try Data(contentsOf: dir.url.appendingPathComponent("w.out")).starts(with: Data("%PDF".utf8)))
    }

    @Test func withoutGraphvizSaysHowToInstallIt() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run(
            "export", "dot", "w.map", "--format", "png", "-o", "w.png", environment: ["PATH": dir.url.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("sudo apt-get install graphviz"))
        #expect(result.stderr.contains("brew install graphviz"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("w.png")))
        // Plain DOT needs no Graphviz.
        #expect(try dir.run("export", "dot", "w.map", environment: ["PATH": dir.url.path]).status == 0)
    }

    @Test func focusKindAndErrors() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let focused = try dir.run(
            "export", "dot", "w.map", "--focus", "proof-of-address", "--depth", "1", "--kind", "community", "--kind",
            "barrier")
        #expect(focused.status == 0)
        #expect(focused.stdout.contains("\"proof-of-address\" ["))
        #expect(focused.stdout.contains("\"refugees\" ["))
        #expect(!focused.stdout.contains("\"registration-cards\" ["))
        #expect(!focused.stdout.contains("\"rmc\" ["))
        let badKind = try dir.run("export", "dot", "w.map", "--kind", "places")
        #expect(badKind.status == 1)
        #expect(badKind.stderr == "w.map: error: unknown kind 'places' (did you mean 'place'?)\n")
        let badFocus = try dir.run("export", "dot", "w.map", "--focus", "refugee")
        #expect(badFocus.stderr == "w.map: error: no node with id 'refugee' (did you mean 'refugees'?)\n")
        try dir.write("bad.map", walsall + "rmc -> nowhere helps\n")
        let refused = try dir.run("export", "dot", "bad.map", "-o", "bad.dot")
        #expect(refused.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path("bad.dot")))
    }
}

/// `export html` without `-o` on a terminal: a hint, not a thousand lines of HTML.
@Suite struct ExportHTMLOnATerminalTests {
    @Test func isRefusedWithAHintOnATerminalAndPipedOtherwise() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let binary = try #require(CLI.binary)
        // util-linux's script gives the command a terminal of its own; its output is what that terminal showed.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(binary.path) export html w.map; echo EXIT $?", "/dev/null"]
        process.currentDirectoryURL = dir.url
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let shown = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(shown.contains("-o w.html"), "\(shown)")
        #expect(shown.contains("EXIT 2"), "\(shown)")
        #expect(!shown.contains("<html"), "no HTML on the terminal")
        let piped = try dir.run("export", "html", "w.map")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("<html"), "a file or pipe still gets the page")
    }
}
