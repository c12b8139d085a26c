import Foundation
import Testing

/// Issue 25's "Done means": a facilitator's first day at 80×24 in the real binary, on a map made by
/// `assetmap new`: its area set in the UI, a community with its flags, barriers with the communities they
/// affect and where, a wrong-way link caught and swapped, a review of three cards (status, votes, an owner
/// picked from the suggestions, a note), the minutes written after a save; then `report --since` and the
/// file's diff.
/// Pickers are moved with j and k: arrows are escape sequences a loaded machine can deliver split.
@Suite(.serialized)
struct FirstDayTests {
    static let note = "Ask the practice to book a phone interpreter"

    /// `a`, the kind at `position` in the kind picker, and the label.
    func add(_ session: TmuxSession, kind position: Int, label: String) throws {
        try session.press("a")
        try session.waitFor("which kind?")
        try session.press(Array(repeating: "k", count: 5) + Array(repeating: "j", count: position))
        try session.press("Enter")
        try session.waitFor("Label:")
        try session.type(label)
        try session.press("Enter")
    }

    @Test func aFirstDayFromAnEmptyMapToTheMinutes() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = folder.appendingPathComponent("first.map")
        // A map of one's own, with its title and no example records; its area is given later, in the UI.
        let created = try Fixture.run(["new", map.path, "--title", "Pleck first map", "--area", ""])
        #expect(created.status == 0, "\(created.errors)")
        let fresh = try String(contentsOf: map, encoding: .utf8)
        #expect(fresh.hasSuffix("map \"Pleck first map\"\n") && !fresh.contains("example-"), "\(fresh)")
        let session = try TmuxSession(
            shellCommand: Fixture.appCommand(["first.map"], in: folder), width: 80, height: 24)
        defer { session.kill() }
        try session.waitFor(UIText.tabBar)
        try session.waitFor("Pleck first map")

        // The map's area, in the UI (M asks the title again first: Enter keeps it).
        try session.press("M")
        try session.waitFor("━ The map ━")
        try session.press("Enter")
        try session.waitFor("Area it covers")
        try session.type("Pleck, Walsall")
        try session.press("Enter")
        try session.waitForAbsence(of: "Area it covers")

        // A community, asked its core20 and plus flags (kinds: community, organisation, place, barrier, …).
        try add(session, kind: 0, label: "Roma families")
        try session.waitFor("New community: core20 (1 of 2)")
        try session.press("Enter")  // yes
        try session.waitFor("New community: plus (2 of 2)")
        try session.press("j", "Enter")  // no
        try session.waitFor("Added community roma-families")
        try add(session, kind: 1, label: "Pleck Health Centre")
        try session.waitFor("Added organisation pleck-health-centre")

        // A barrier: the communities it affects and where it happens, then dimension and clinical areas.
        try add(session, kind: 3, label: "No interpreter at the desk")
        try session.waitFor("Which communities does \"No interpreter at the desk\" affect?")
        try session.type("roma")
        try session.press("Space")
        try session.waitFor("[x] Roma families")
        try session.press("Enter")
        try session.waitFor("happens at which")
        try session.press("Space")
        try session.waitFor("[x] Pleck Health Centre")
        try session.press("Enter")
        try session.waitFor("New barrier: dimension (3 of 4)")
        try session.press("Enter")  // approachability
        try session.waitFor("New barrier: clinical (4 of 4)")
        try session.press("Enter")  // maternity
        try session.waitFor("Added barrier no-interpreter-at-the-desk")
        // Two more, every question skipped.
        for label in ["Letters in English only", "Bus fares to the hospital"] {
            try add(session, kind: 3, label: label)
            try session.waitFor("(1 of 4)")
            try session.press("Escape")
            try session.waitFor("(2 of 4)")
            try session.press("Escape")
            try session.waitFor("(3 of 4)")
            try session.press("Escape")
            try session.waitFor("(4 of 4)")
            try session.press("Escape")
            try session.waitForAbsence(of: "(4 of 4)")
        }

        // The wrong way round: from the community to the barrier. Flagged, then swapped with Tab.
        try session.press("/")
        try session.type("Roma families")
        try session.waitFor("1 match")
        try session.press("Enter")
        try session.waitFor("id: roma-families")
        try session.press("L")
        try session.waitFor("Type part of a label")
        try session.type("Letters in English")
        try session.waitFor("1 match")
        try session.press("Enter")
        try session.waitFor("check: 'affects' goes from the barrier to the community; Tab swaps")
        try session.press("Tab")
        try session.waitFor("Letters in English only  →  Roma families")
        try session.waitForAbsence(of: "check: 'affects'")
        try session.press("Enter")
        try session.waitForAbsence(of: "━ Link ━")
        try session.press("s")
        try session.waitFor("Saved first.map")
        let before = try String(contentsOf: map, encoding: .utf8)
        #expect(before.hasPrefix(fresh + "  area: Pleck, Walsall\n"), "\(before)")
        #expect(before.contains("community roma-families \"Roma families\"\n  core20: yes\n  plus: no\n"), "\(before)")
        #expect(before.contains("no-interpreter-at-the-desk -> roma-families affects\n"), "\(before)")
        #expect(before.contains("no-interpreter-at-the-desk -> pleck-health-centre \"happens at\"\n"), "\(before)")
        #expect(before.contains("letters-in-english-only -> roma-families affects\n"), "\(before)")
        let check = try Fixture.run(["check", map.path])
        #expect(!check.output.contains("error") && !check.errors.contains("error"), "\(check.output)\(check.errors)")
        #expect(!(check.output + check.errors).contains("goes from the barrier"), "the link was swapped")

        // The review: three cards.
        // Review opens on the barrier last chosen in Browse (the last one added); p goes back to the first.
        try session.press("4")
        try session.waitFor("barrier 3 of 3")
        try session.press("p", "p")
        try session.waitFor("barrier 1 of 3")
        try session.waitFor("━ no-interpreter-at-the-desk ━")
        try session.press("t")
        try session.waitFor("Status       discussed · 0 votes")
        try session.press("+", "+")
        try session.waitFor("discussed · 2 votes")
        try session.press("o")
        try session.waitFor("━ Owner ━")
        try session.type("pleck")
        try session.waitFor("  Pleck Health Centre")
        try session.press("Down")
        try session.waitFor("▸ Pleck Health Centre")
        try session.press("Enter")
        try session.waitFor("Next step    Pleck Health Centre")
        try session.answer("c", prompt: "Note", with: Self.note)
        let noted = try session.waitFor(Self.note)
        let today = try #require(noted.firstMatch(of: /(\d{4}-\d{2}-\d{2}) Ask the practice/)?.1).description
        try session.press("n")
        try session.waitFor("━ letters-in-english-only ━")
        try session.press("+")
        try session.waitFor("open · 1 vote ")
        try session.press("n")
        try session.waitFor("━ bus-fares-to-the-hospital ━")
        try session.press("t")
        try session.waitFor("Status       discussed · 0 votes")
        // The card on show stayed the one decided on throughout.
        try session.waitFor("barrier 3 of 3")

        // Saved, then the minutes.
        try session.press("s")
        try session.waitFor("Saved first.map")
        try session.press("m")
        try session.waitFor("Session summary")
        try session.waitFor("votes not set → 2")
        try session.press("w")
        try session.waitFor("Wrote the minutes since \(today)")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)

        // The file's diff: exactly the lines these decisions make.
        let after = try String(contentsOf: map, encoding: .utf8)
        let change = LineDiff(from: before, to: after)
        #expect(
            change.removed.sorted()
                == [
                    "  history: \(today) status set to open", "  history: \(today) status set to open",
                    "  status: open", "  status: open",
                ], "\(change.removed)")
        #expect(
            change.added.sorted()
                == [
                    "  history: \(today) owner set to Pleck Health Centre",
                    "  history: \(today) status set to discussed", "  history: \(today) status set to discussed",
                    "  history: \(today) votes set to 1", "  history: \(today) votes set to 2",
                    "  owner: Pleck Health Centre", "  review: \(today) \(Self.note)", "  status: discussed",
                    "  status: discussed", "  votes: 1", "  votes: 2",
                ].sorted(), "\(change.added)")

        // `report --since` holds exactly those decisions, the votes with them, and the minutes file agrees.
        let report = try Fixture.run(["report", map.path, "--since", today])
        #expect(report.status == 0, "\(report.errors)")
        let decisions = Self.section("Decisions", in: report.output)
        #expect(
            decisions.sorted()
                == [
                    "- **Bus fares to the hospital**: open → discussed",
                    // Raised today; the other two were raised and discussed the same day (one dated line each).
                    "- **Letters in English only**: raised",
                    "- **Letters in English only**: votes not set → 1",
                    "- **No interpreter at the desk**: open → discussed",
                    "- **No interpreter at the desk**: votes not set → 2",
                ].sorted(), "\(report.output)")
        #expect(report.output.contains(Self.note))
        #expect(report.output.contains("Pleck Health Centre"))
        let minutes = try String(contentsOf: folder.appendingPathComponent("minutes-\(today).md"), encoding: .utf8)
        #expect(Self.section("Decisions", in: minutes).sorted() == decisions.sorted(), "\(minutes)")
    }

    /// The list items of a Markdown section (`## title`), up to the next heading.
    static func section(_ title: String, in text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("#") && $0.hasSuffix(" \(title)") }) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.hasPrefix("#") }.filter { $0.hasPrefix("- ") })
    }
}
