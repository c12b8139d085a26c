import Foundation
import Testing
import AssetMapTestSupport

/// Every listing, diff, history and report goes through the one escaping: a map's control and bidi
/// characters never reach a terminal (or git's pager, through the textconv) raw.
@Suite struct TerminalOutput {
    /// OSC 52 (clipboard), OSC 8 (link), CSI 2J (clear), a C1 CSI, and bidi overrides and isolates.
    static let before = """
        map "Hostile"

        community c "Community"

        barrier b "Cost of travel"
          status: open

        b -> c affects

        """
    static let after = """
        map "Hostile"

        community c "Community \u{202E}lanigiro\u{202C}"

        barrier b "Cost \u{2066}of\u{2069} travel"
          status: open
          clip: \u{1b}]52;c;aGVsbG8=\u{07}
          link: \u{1b}]8;;http://example.invalid\u{1b}\\here\u{1b}]8;;\u{1b}\\
          clear: \u{1b}[2J
          csi: x\u{9b}31m

        b -> c affects

        """
    /// Bidi controls only: a map that check accepts, so report and insights read it.
    static let bidiOnly = """
        map "Bidi \u{202E}pam\u{202C}"

        community c "Community \u{202E}lanigiro\u{202C}"

        barrier b "Cost \u{2066}of\u{2069} travel"
          status: open
          review-note: 2026-01-05 \u{202E}dettimmoc\u{202C}

        improvement i "Fares \u{202D}help\u{202C}"
          status: proposed

        b -> c affects
        i -> b addresses

        """

    static func expectNothingRaw(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }
        #expect(
            raw.isEmpty, "\(what) printed raw: \(raw.map { String($0.value, radix: 16) })",
            sourceLocation: sourceLocation)
    }

    @Test func diffAndItsTextconvEscapeEverything() throws {
        let dir = try TemporaryFolder()
        try dir.write("before.map", Self.before)
        try dir.write("after.map", Self.after)
        let diff = try dir.run("diff", "before.map", "after.map")
        #expect(diff.status == 1, "\(diff.stderr)")
        Self.expectNothingRaw(diff.stdout, "diff")
        #expect(diff.stdout.contains("\\x1b]52;c;aGVsbG8=\\x07"), "\(diff.stdout)")
        #expect(diff.stdout.contains("\\u{202e}lanigiro\\u{202c}"), "\(diff.stdout)")
        let textconv = try dir.run("diff", "--textconv", "after.map")
        #expect(textconv.status == 0, "\(textconv.stderr)")
        Self.expectNothingRaw(textconv.stdout, "textconv")
        #expect(textconv.stdout.contains("\\x1b[2J") && textconv.stdout.contains("\\x9b31m"), "\(textconv.stdout)")
    }

    /// JSON keeps its meaning: the characters come back from `\u` escapes.
    @Test func jsonOutputEscapesAsJSON() throws {
        let dir = try TemporaryFolder()
        try dir.write("before.map", Self.before)
        try dir.write("after.map", Self.after)
        let diff = try dir.run("diff", "before.map", "after.map", "--format", "json")
        Self.expectNothingRaw(diff.stdout, "diff --format json")
        let decoded = try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8))
        let again = String(decoding: try JSONSerialization.data(withJSONObject: decoded), as: UTF8.self)
        #expect(again.unicodeScalars.contains("\u{202E}") && again.unicodeScalars.contains("\u{9b}"))
        try dir.write("bidi.map", Self.bidiOnly)
        let insights = try dir.run("insights", "bidi.map", "--format", "json")
        #expect(insights.status == 0, "\(insights.stderr)")
        Self.expectNothingRaw(insights.stdout, "insights --format json")
        _ = try JSONSerialization.jsonObject(with: Data(insights.stdout.utf8))
    }

    @Test(arguments: [
        ["report", "bidi.map"], ["report", "bidi.map", "--format", "text"], ["report", "bidi.map", "--format", "html"],
        ["insights", "bidi.map"], ["insights", "bidi.map", "--format", "md"], ["history", "bidi.map", "--no-git"],
        ["history", "bidi.map", "--no-git", "--format", "csv"], ["show", "bidi.map", "c"], ["check", "bidi.map"],
    ])
    func reportsHistoriesAndInsightsEscapeBidiControls(arguments: [String]) throws {
        let dir = try TemporaryFolder()
        try dir.write("bidi.map", Self.bidiOnly)
        let result = try CLI.run(arguments, in: dir.url)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        Self.expectNothingRaw(result.stdout + result.stderr, arguments.joined(separator: " "))
    }

    /// A hint to paste names the file as the shell reads it back, whatever its name.
    @Test func printedHintsQuoteFileNamesForTheShell() throws {
        let dir = try TemporaryFolder()
        let name = "it's $(touch pwned);x.map"
        try dir.write("base.map", DeleteAgainstEditConflict.base)
        try dir.write(name, DeleteAgainstEditConflict.edited)
        try dir.write("theirs.map", DeleteAgainstEditConflict.base.replacingOccurrences(of: "Mondays", with: "Fridays"))
        let merge = try dir.run("merge-file", "base.map", name, "theirs.map")
        #expect(merge.status == 1)
        let hint = try #require(merge.stdout.split(separator: "\n").first { $0.hasPrefix("keep one side with: ") })
        let command = hint.dropFirst("keep one side with: ".count).replacingOccurrences(of: "[RECORD] ", with: "")
            .replacingOccurrences(of: " --ours|--theirs", with: "")
        // The shell reads the hint back as the map's own name, and runs nothing else.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "set -- \(command); printf '%s\\n' \"$3\""]
        shell.currentDirectoryURL = dir.url
        let out = Pipe()
        shell.standardOutput = out
        try shell.run()
        let word = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(word == name + "\n", "\(hint)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("pwned")))
    }
}
