import AssetMapCore
import Foundation
import Testing
import AssetMapTestSupport

/// `set`, `unset` and `add` leave dated history lines and print `check`'s warnings about what they touched at once.
@Suite struct HistoryAndWarningCommands {
    let today = ReviewDate.today()

    @Test func setDueInUKFormIsStoredAsISOWithAHistoryLine() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run("set", "w.map", "proof-of-address", "due=21/12/2026", "owner=Healthwatch Walsall")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let node = MapDocument(text: try dir.read("w.map")).graph.node("proof-of-address")
        #expect(node?.value("due") == "2026-12-21")
        #expect(
            node?.values("history") == ["\(today) due set to 2026-12-21", "\(today) owner set to Healthwatch Walsall"])
        let unset = try dir.run("unset", "w.map", "proof-of-address", "owner")
        #expect(unset.status == 0)
        let after = MapDocument(text: try dir.read("w.map")).graph.node("proof-of-address")
        #expect(after?.value("owner") == nil)
        // Set and taken away on the same day: the owner's history line goes too.
        #expect(after?.values("history") == ["\(today) due set to 2026-12-21"])
        try dir.write(
            "o.map", walsall.replacingOccurrences(of: "  status: open\n", with: "  status: open\n  owner: ICB\n"))
        #expect(try dir.run("unset", "o.map", "proof-of-address", "owner").status == 0)
        #expect(
            MapDocument(text: try dir.read("o.map")).graph.node("proof-of-address")?.history
                == [HistoryEntry(date: today, key: "owner", value: nil, previous: "ICB")])
    }

    @Test func aDateNobodyCanReadIsRefusedAndTheFileKept() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run("set", "w.map", "proof-of-address", "due=next week")
        #expect(result.status == 1)
        #expect(result.stderr.contains("'next week' is not a date; write DD/MM/YYYY"))
        #expect(try dir.read("w.map") == walsall)
    }

    @Test func setAndAddWarnLikeCheckButTheEditLands() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let set = try dir.run("set", "w.map", "proof-of-address", "clinical=maternaty, smi")
        #expect(set.status == 0)
        #expect(set.stdout == "set clinical of proof-of-address\n")
        let line = try dir.read("w.map").components(separatedBy: "\n").firstIndex(of: "  clinical: maternaty, smi")
        #expect(line != nil)
        #expect(
            set.stderr
                == "w.map:\((line ?? -1) + 1):13: warning: unknown clinical 'maternaty' for a barrier (did you mean 'maternity'?)\n"
        )
        let check = try dir.run("check", "w.map")
        #expect(
            check.stdout.contains(set.stderr.trimmingCharacters(in: .newlines))
                || check.stderr.contains(set.stderr.trimmingCharacters(in: .newlines)))

        let add = try dir.run("add", "w.map", "barrier", "Fares", "status=opne", "due=tomorrow")
        #expect(add.status == 0)
        #expect(add.stderr.contains("warning: unknown status 'opne' for a barrier (did you mean 'open'?)"))
        let fares = MapDocument(text: try dir.read("w.map")).graph.node("fares")
        #expect(fares?.value("due") == ReviewDate.parse("tomorrow"))
        #expect(
            fares?.values("history") == [
                "\(today) status set to opne", "\(today) due set to \(ReviewDate.parse("tomorrow")!)",
            ])
    }

    @Test func linkWarnsAboutARelationSlip() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let result = try dir.run("link", "w.map", "refugees", "proof-of-address", "affects")
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "warning: 'affects' goes from the barrier to the community: write proof-of-address -> refugees affects")
        )
        let fixes = try dir.run("link", "w.map", "registration-cards", "proof-of-address", "fixes")
        #expect(fixes.stderr.contains("relation 'fixes' (did you mean 'addresses'?"))
    }
}
