import Foundation
import Testing

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

    func scratchWithMap(_ text: String? = nil) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("test.map", text ?? map)
        return scratch
    }

    @Test func minutesOnStandardOutput() throws {
        let scratch = try scratchWithMap()
        let result = try scratch.run("report", "test.map", "--since", "2026-10-01", "--today", "2026-11-22")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first == "# Review minutes: Test borough")
        #expect(lines.contains("- Date: 2026-11-22"))
        #expect(lines.contains("- **Asked for proof of address** (proof): 4 votes"))
        #expect(lines.contains("- **Asked for proof of address** (proof): owner Primary care team, due 2026-11-15 (**overdue**)"))
        #expect(lines.contains("## Notes since 2026-10-01"))
        #expect(lines.contains("- 2026-10-14, **Asked for proof of address** (proof): Agreed."))
        #expect(lines.contains("- **Bus fares** (fares)"))
        #expect(!result.stdout.contains("Heard from three"))
        #expect(!result.stdout.contains("SECRET"))
    }

    @Test func outputFileHoldsTheSameMinutes() throws {
        let scratch = try scratchWithMap()
        let written = try scratch.run("report", "test.map", "-o", "minutes.md", "--today", "2026-11-22")
        #expect(written.status == 0)
        #expect(written.stdout == "")
        let printed = try scratch.run("report", "test.map", "--today", "2026-11-22")
        #expect(try scratch.read("minutes.md") == printed.stdout)
        #expect(printed.stdout.hasPrefix("# Review minutes: Test borough\n"))
    }

    @Test func htmlFormat() throws {
        let scratch = try scratchWithMap()
        let result = try scratch.run("report", "test.map", "--format", "html", "--today", "2026-11-22", "-o", "minutes.html")
        #expect(result.status == 0)
        let html = try scratch.read("minutes.html")
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<h2>Actions</h2>"))
        #expect(!html.contains("SECRET"))
        let bad = try scratch.run("report", "test.map", "--format", "pdf")
        #expect(bad.status == 2)
    }

    @Test func todayDefaultsToTheRealDate() throws {
        let scratch = try scratchWithMap()
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let before = formatter.string(from: Date())
        let result = try scratch.run("report", "test.map")
        let after = formatter.string(from: Date())  // a run may cross midnight
        #expect(result.status == 0)
        #expect(result.stdout.contains("- Date: \(before)") || result.stdout.contains("- Date: \(after)"))
    }

    @Test func aMapWithErrorsIsRefusedWithPositions() throws {
        let scratch = try scratchWithMap(map.replacingOccurrences(of: "barrier fares \"Bus fares\"", with: "barier fares \"Bus fares\""))
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
            #expect(result.stderr.contains("YYYY-MM-DD"))
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
        let scratch = try Scratch()
        let result = try scratch.run("report", "none.map")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("none.map:1:1: error: cannot read the file"))
    }

    @Test func exampleMapHasMinutes() throws {
        let scratch = try Scratch()
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("maps/walsall.map").path
        let result = try scratch.run("report", example, "--today", "2026-11-22")
        #expect(result.status == 0)
        #expect(result.stdout.contains("## Quick wins (high impact, low effort)"))
        #expect(!result.stdout.contains("told in confidence"))
    }
}
