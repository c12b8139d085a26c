import Foundation
import Testing
import AssetMapCore
import AssetMapTestSupport

/// `assetmap report` run as the real binary.
@Suite struct ReportCommandTests {
    let map = """
        map "Test borough"
          area: Testham

        community refugees "Refugees and people seeking asylum"

        barrier proof "Asked for proof of address"
          status: agreed
          votes: 4
          impact: high
          effort: low
          owner: Primary care team
          due: 2026-11-15
          private-source: SECRET-SOURCE
          review: 2026-09-16 Heard from three communities.
          review: 2026-10-14 Agreed.

        barrier fares "Bus fares"

        proof -> refugees affects

        """

    func scratchWithMap(_ text: String? = nil) throws -> TemporaryFolder {
        let scratch = try TemporaryFolder()
        try scratch.write("test.map", text ?? map)
        return scratch
    }

    /// The map with a session on 2026-11-25 recorded by the CLI itself.
    func scratchWithSession() throws -> TemporaryFolder {
        let scratch = try scratchWithMap()
        #expect(
            try scratch.run("set", "test.map", "fares", "status=agreed", "owner=Transport team", "due=21/12/2026")
                .status == 0)
        return scratch
    }

    @Test func minutesSinceADayOnStandardOutput() throws {
        let scratch = try scratchWithSession()
        let today = ReviewDate.today()
        let result = try scratch.run("report", "test.map", "--since", "today")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first == "# Minutes: Test borough")
        #expect(lines.contains("- Date: \(ReviewDate.display(today))"))
        #expect(lines.contains("- **Bus fares**: open → agreed"))
        #expect(lines.contains("| Bus fares | Transport team | 21 December 2026 |"))
        #expect(lines.contains("## Open actions carried over"))
        #expect(
            lines.contains(
                "| Asked for proof of address | Primary care team | 15 November 2026\(today > "2026-11-15" ? " **overdue**" : "") |"
            ))
        #expect(!result.stdout.contains("Heard from three") && !result.stdout.contains("Agreed."))
        #expect(!result.stdout.contains("SECRET"))
    }

    @Test func outputFileHoldsTheSameReport() throws {
        let scratch = try scratchWithMap()
        let written = try scratch.run("report", "test.map", "-o", "status.md", "--today", "2026-11-22")
        #expect(written.status == 0)
        #expect(written.stdout == "")
        let printed = try scratch.run("report", "test.map", "--today", "2026-11-22")
        #expect(try scratch.read("status.md") == printed.stdout)
        #expect(printed.stdout.hasPrefix("# Barrier review: Test borough\n"))
    }

    @Test func formatFromTheOptionOrTheExtension() throws {
        let scratch = try scratchWithSession()
        #expect(try scratch.run("report", "test.map", "--since", "yesterday", "-o", "minutes.html").status == 0)
        let html = try scratch.read("minutes.html")
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<h2>Decisions</h2>"))
        #expect(!html.contains("SECRET"))
        #expect(try scratch.run("report", "test.map", "--since", "today", "-o", "minutes.txt").status == 0)
        let text = try scratch.read("minutes.txt")
        #expect(text.hasPrefix("Minutes: Test borough\n=====") && !text.contains("**"))
        let forced = try scratch.run("report", "test.map", "--format", "text", "-o", "minutes.md")
        #expect(forced.status == 0)
        #expect(try scratch.read("minutes.md").hasPrefix("Barrier review: Test borough\n"))
        let bad = try scratch.run("report", "test.map", "--format", "pdf")
        #expect(bad.status == 2)
    }

    @Test func todayDefaultsToTheRealDate() throws {
        let scratch = try scratchWithMap()
        let before = ReviewDate.today()
        let result = try scratch.run("report", "test.map")
        let after = ReviewDate.today()  // a run may cross midnight
        #expect(result.status == 0)
        #expect(
            result.stdout.contains("- Date: \(ReviewDate.display(before))")
                || result.stdout.contains("- Date: \(ReviewDate.display(after))"))
    }

    @Test func aMapWithErrorsIsRefusedWithPositions() throws {
        let scratch = try scratchWithMap(
            map.replacingOccurrences(of: "barrier fares \"Bus fares\"", with: "barier fares \"Bus fares\""))
        let result = try scratch.run("report", "test.map", "-o", "minutes.md")
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("test.map:17:1: error: unknown kind 'barier'"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("minutes.md")))
    }

    @Test func badDatesAreUsageErrors() throws {
        let scratch = try scratchWithMap()
        for arguments in [["--since", "1 October"], ["--today", "2026-02-30"]] {
            let result = try CLI.run(["report", "test.map"] + arguments, in: scratch.url)
            #expect(result.status == 2)
            #expect(result.stderr.contains("DD/MM/YYYY, YYYY-MM-DD"))
        }
    }

    @Test func neverWritesOverTheMap() throws {
        let scratch = try scratchWithMap()
        let result = try scratch.run("report", "test.map", "-o", "./test.map")
        #expect(result.status == 2)
        #expect(result.stderr.contains("is the map itself"))
        #expect(try scratch.read("test.map") == map)
    }

    @Test func missingFile() throws {
        let scratch = try TemporaryFolder()
        let result = try scratch.run("report", "none.map")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("none.map:1:1: error: cannot read the file"))
    }

    @Test func exampleMapHasMinutes() throws {
        let scratch = try TemporaryFolder()
        let example = PackageRoot.url("maps/walsall.map").path
        let result = try scratch.run("report", example, "--today", "2026-11-22")
        #expect(result.status == 0)
        #expect(result.stdout.contains("### Quick wins (high impact, low effort)"))
        #expect(!result.stdout.contains("told in confidence"))
    }
}

/// A mistyped key is not read, so the report must say so rather than show the barrier as open in silence.
@Suite struct ReportWarningsTests {
    @Test func warningsAboutBarriersArePrintedBesideTheReport() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall.replacingOccurrences(of: "  status: open\n", with: "  staus: agreed\n"))
        let result = try dir.run("report", "w.map", "--today", "2026-12-01")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("w.map:15:3: warning: unknown key 'staus' for a barrier (did you mean 'status'?)"),
            "\(result.stderr)")
        #expect(result.stderr.contains("the report reads those barriers and improvements without"))
        #expect(!result.stdout.isEmpty)
    }

    @Test func aMapWithoutSuchWarningsReportsQuietly() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run("report", "w.map", "--today", "2026-12-01")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}
