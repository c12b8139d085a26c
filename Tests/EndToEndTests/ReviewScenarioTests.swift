import Foundation
import Testing

/// Issue 4's end-to-end part: a short peer review in the real binary, then the file and the minutes.
@Suite(.serialized)
struct ReviewScenarioTests {
    static let statuses = ["open", "discussed", "agreed", "in-progress", "resolved", "parked"]
    static let note = "Ask the hospital to publish its data policy"

    @Test func shortReviewSavesAttributesAndShowsInTheReport() throws {
        let (session, folder, map) = try AppSession.openExample(width: 100, height: 30)
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: map, encoding: .utf8)

        try session.press("4")
        let card = try session.waitFor("barrier 1 of")
        let barrier = try #require(card.firstMatch(of: /┏━ ([a-z0-9._-]+) ━/)?.1).description
        let before = try #require(card.firstMatch(of: /Status +([a-z-]+) · (\d+) votes?/))
        let oldStatus = String(before.1)
        let oldVotes = try #require(Int(before.2))
        let newStatus = Self.statuses[(try #require(Self.statuses.firstIndex(of: oldStatus)) + 1) % Self.statuses.count]

        try session.press("t", "+")
        try session.waitFor("\(newStatus) · \(oldVotes + 1) vote")
        try session.answer("c", prompt: "Note", with: Self.note)
        try session.waitFor(Self.note)
        try AppSession.saveAndQuit(session)

        let saved = try String(contentsOf: map, encoding: .utf8)
        let change = LineDiff(from: original, to: saved)
        #expect(
            Set(change.removed).isSubset(of: ["  status: \(oldStatus)", "  votes: \(oldVotes)"]), "\(change.removed)")
        let added = change.added.filter { !$0.hasPrefix("  review: ") && !$0.hasPrefix("  history: ") }
        #expect(Set(added) == ["  status: \(newStatus)", "  votes: \(oldVotes + 1)"], "\(change.added)")
        let history = change.added.filter { $0.hasPrefix("  history: ") }
        // The status and the vote each leave their dated line (the minutes report both).
        #expect(history.count == 2, "\(history)")
        #expect(history.contains { $0.hasSuffix(" status set to \(newStatus) (was \(oldStatus))") }, "\(history)")
        let was = oldVotes == 0 ? "" : " (was \(oldVotes))"
        #expect(history.contains { $0.hasSuffix(" votes set to \(oldVotes + 1)\(was)") }, "\(history)")
        let reviews = change.added.filter { $0.hasPrefix("  review: ") }
        let datedNote = try Regex(#"  review: \d{4}-\d{2}-\d{2} (.*)"#)
        #expect(
            reviews.count == 1 && reviews[0].wholeMatch(of: datedNote)?.output[1].substring == Self.note[...],
            "\(reviews)")

        let check = try Fixture.run(["check", map.path])
        #expect(check.status == 0, "\(check.output)\(check.errors)")
        let report = try Fixture.run(["report", map.path])
        #expect(report.status == 0, "\(report.errors)")
        #expect(report.output.contains(Self.note), "the note is in the minutes")
        #expect(
            report.output.contains(barrier) || report.output.contains("Fear that health records"), "\(report.output)")
    }
}
