import Foundation
import Testing

/// Issue 11's "Done means": a whole review session in the real binary at 80x24, steered from the keyboard, that
/// ends in minutes; then `assetmap report --since` that day holds exactly that session, as the minutes file does.
@Suite(.serialized)
struct WholeSessionTests {
    static let statuses = ["open", "discussed", "agreed", "in-progress", "resolved", "parked"]
    static let label = "Bus fares to hospital appointments"
    static let owner = "Healthwatch Walsall"
    static let note = "Ask the trust to print refund forms"

    @Test func aReviewSessionEndsInMinutesThatHoldExactlyIt() throws {
        let (session, folder, map) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: map, encoding: .utf8)
        let record = try #require(
            original.components(separatedBy: "\n\n").first { $0.hasPrefix("barrier travel-cost ") })
        let oldDimension = try #require(record.firstMatch(of: /\n  dimension: (.+)/)?.1).description
        let oldClinical = try #require(record.firstMatch(of: /\n  clinical: (.+)/)?.1).description
        #expect(
            oldDimension != "availability" && !oldClinical.contains("asthma") && !oldClinical.contains("mental-health"))

        // Jump by search: the card it finds opens.
        try session.press("4")
        try session.waitFor("barrier 1 of")
        try session.press("/")
        try session.waitFor("━ Search ━")
        try session.type("Bus fares")
        try session.waitFor("1 match")
        try session.press("Enter")
        let card = try session.waitFor("━ travel-cost ━")
        let oldStatus = try #require(card.firstMatch(of: /Status +([a-z-]+) ·/)?.1).description
        let newStatus = Self.statuses[(try #require(Self.statuses.firstIndex(of: oldStatus)) + 1) % Self.statuses.count]

        // Status, owner, due date in UK form, a note.
        try session.press("t")
        try session.waitFor("Status       \(newStatus) ·")
        try session.answer("o", prompt: "Owner", with: Self.owner)
        try session.waitFor("Next step    \(Self.owner)")
        try session.answer("d", prompt: "Due date", with: "21/12/2026")
        try session.waitFor("\(Self.owner), due 2026-12-21")
        try session.answer("c", prompt: "Note", with: Self.note)
        let noted = try session.waitFor(Self.note)
        // The app's own today, from the note's date (no clock of the test's own to disagree with it).
        let today = try #require(noted.firstMatch(of: /(\d{4}-\d{2}-\d{2}) Ask the trust/)?.1).description

        // A dimension and clinical areas through their pickers.
        // j and k move (arrows are escape sequences a loaded machine can deliver split).
        try session.press("D")
        try session.waitFor("• \(oldDimension)")
        try session.press(Self.moves(from: oldDimension, to: "availability", in: Self.dimensions))
        try session.press("Enter")
        try session.waitFor("Dimension    availability")
        try session.press("A")
        try session.waitFor("Children and young people")
        // The picker opens on the first area ticked; headings are stepped over.
        let first = try #require(oldClinical.split(separator: ",").first).trimmingCharacters(in: .whitespaces)
        try session.press(Self.moves(from: first, to: "asthma", in: Self.clinical))
        try session.press("Space")
        try session.waitFor("[x] asthma")
        try session.press(Self.moves(from: "asthma", to: "mental-health", in: Self.clinical))
        try session.press("Space", "Enter")
        let clinical = try session.waitFor("mental-health")
        #expect(clinical.contains("Clinical     \(oldClinical), asthma, mental-health"), "\(clinical)")

        // Open another card from the grid.
        try session.press("g")
        let grid = try session.waitFor("Fill-ins")
        #expect(grid.contains("▸"), "\(grid)")
        try session.press("k")
        let moved = try session.waitUntil("the selection in another quadrant") { screen in
            screen.firstMatch(of: /▸ +\d+ ([^…┃│]+)/).map { !$0.1.hasPrefix("Bus fares") } ?? false
        }
        let chosen = try #require(moved.firstMatch(of: /▸ +\d+ ([^…┃│]+)/)?.1).trimmingCharacters(in: .whitespaces)
        try session.press("Enter")
        let opened = try session.waitFor("Status  ")
        #expect(opened.contains(chosen), "the grid's selection \(chosen) did not open:\n\(opened)")

        // The summary, and its minutes written next to the map; then save and quit.
        try session.press("m")
        let summary = try session.waitFor("Session summary")
        #expect(summary.contains("1 barrier discussed this session"), "\(summary)")
        #expect(summary.contains("\(Self.label): \(oldStatus) → \(newStatus)"), "\(summary)")
        // Unsaved: w offers to save first, so the minutes and `assetmap report` agree; y saves, then writes.
        try session.press("w")
        try session.waitFor("has unsaved changes. Save it first")
        try session.press("y")
        try session.waitFor("Wrote the minutes since \(today)")
        #expect(try !session.screen().contains("[+]"))
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)

        // The file: exactly this session's lines, each change of status, owner and due dated.
        let saved = try String(contentsOf: map, encoding: .utf8)
        let change = LineDiff(from: original, to: saved)
        #expect(
            Set(change.removed) == [
                "  status: \(oldStatus)", "  dimension: \(oldDimension)", "  clinical: \(oldClinical)",
            ], "\(change.removed)")
        #expect(
            Set(change.added) == [
                "  status: \(newStatus)", "  dimension: availability",
                "  clinical: \(oldClinical), asthma, mental-health",
                "  owner: \(Self.owner)", "  due: 2026-12-21", "  review: \(today) \(Self.note)",
                "  history: \(today) status set to \(newStatus) (was \(oldStatus))",
                "  history: \(today) owner set to \(Self.owner)", "  history: \(today) due set to 2026-12-21",
            ], "\(change.added)")

        // The minutes since that day: this session and nothing else of it, then the actions carried over.
        let report = try Fixture.run(["report", map.path, "--since", today])
        #expect(report.status == 0, "\(report.errors)")
        let sections = Self.sections(report.output)
        #expect(
            sections.map(\.title) == [
                "Barriers discussed", "Decisions", "Actions agreed", "Notes", "Open actions carried over",
            ],
            "\(report.output)")
        func lines(_ title: String, prefix: String) -> [String] {
            (sections.first { $0.title == title }?.lines ?? []).filter { $0.hasPrefix(prefix) }
        }
        #expect(lines("Barriers discussed", prefix: "- ").count == 1)
        #expect(
            lines("Barriers discussed", prefix: "- ").first?.hasPrefix("- **\(Self.label)**: now \(newStatus)") == true,
            "\(report.output)")
        #expect(lines("Decisions", prefix: "- ") == ["- **\(Self.label)**: \(oldStatus) → \(newStatus)"])
        #expect(
            lines("Actions agreed", prefix: "| ").dropFirst() == [
                "| \(Self.label) | \(Self.owner) | 21 December 2026 |"
            ])
        #expect(lines("Notes", prefix: "- ") == ["- **\(Self.label)**: \(Self.note)"])
        #expect(!lines("Open actions carried over", prefix: "| ").contains { $0.contains(Self.label) })
        // The minutes file the summary wrote holds the same.
        let minutes = folder.appendingPathComponent("minutes-\(today).md")
        #expect(try String(contentsOf: minutes, encoding: .utf8) == report.output)
    }

    /// The vocabulary in the pickers' order (docs/FORMAT.md).
    static let dimensions = ["approachability", "acceptability", "availability", "affordability", "appropriateness"]
    static let clinical = [
        "maternity", "smi", "respiratory", "cancer", "hypertension", "asthma", "diabetes", "epilepsy", "oral-health",
        "mental-health",
    ]

    /// j or k as many times as it takes from one word of `list` to another.
    static func moves(from: String, to: String, in list: [String]) -> [String] {
        let steps = (list.firstIndex(of: to) ?? 0) - (list.firstIndex(of: from) ?? 0)
        return Array(repeating: steps < 0 ? "k" : "j", count: abs(steps))
    }

    /// A Markdown report's `## ` sections: title and the lines under it.
    static func sections(_ markdown: String) -> [(title: String, lines: [String])] {
        var out: [(title: String, lines: [String])] = []
        for line in markdown.split(separator: "\n").map(String.init) {
            if line.hasPrefix("## ") {
                out.append((String(line.dropFirst(3)), []))
            } else if !out.isEmpty {
                out[out.count - 1].lines.append(line)
            }
        }
        return out
    }
}
