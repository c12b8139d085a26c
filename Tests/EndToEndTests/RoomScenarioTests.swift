import Foundation
import Testing

/// Issue 27's end-to-end part: the facilitator opens the room from the Review tab of the real binary in
/// tmux, headless Chromium participants join it on 127.0.0.1, follow the card, vote, take a vote back, write
/// a note and suggest a barrier; the facilitator accepts both and closes the room. The map's diff is then
/// exactly the votes, the note and the new barrier, each with its dated history line.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct RoomScenarioTests {
    static let note = "Ask at the door, not on the form"
    static let suggestion = "No bus after six"

    @Test func participantsInChromiumVoteNoteAndSuggestAndTheMapGetsExactlyThat() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try Fixture.copyOfExampleMap(in: folder)
        let original = try String(contentsOf: map, encoding: .utf8)
        let session = try TmuxSession(
            shellCommand: Fixture.appCommand([map.lastPathComponent], in: folder), width: 100, height: 32,
            timeout: 60)
        defer { session.kill() }
        try session.waitFor(UIText.tabBar)

        // Review, then R: the machine's addresses; nothing listens until one is chosen.
        try session.press("4")
        let first = try Self.cardID(try session.waitFor("barrier 1 of"))
        try session.press("R")
        var choice = try session.waitFor("Listen on which address")
        #expect(!FileManager.default.fileExists(atPath: map.path + ".room-address"))
        for _ in 0..<10 where !choice.contains("▸ 127.0.0.1") {
            try session.press("Down")
            let before = choice
            choice = try session.waitUntil("the next address") { $0 != before }
        }
        try #require(choice.contains("▸ 127.0.0.1"), "\(choice)")
        try session.press("Enter")
        let open = try session.waitFor("ROOM OPEN · 0 joined")
        #expect(open.contains("Join at:") && open.contains("▀") && open.contains("▄"), "the QR code: \(open)")
        let join = try String(contentsOf: URL(fileURLWithPath: map.path + ".room-address"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(join.hasPrefix("http://127.0.0.1:"), "\(join)")
        try session.press("Escape")

        let people = try Participants()
        defer { people.stop() }
        let joined = try people.ask("join 3 \(join)")
        #expect(joined["labels"] as? [String] == Array(repeating: try Self.label(first, in: original), count: 3))
        let community = try #require((joined["communities"] as? [String])?.first)
        try session.waitFor("ROOM OPEN · 3 joined")

        // The facilitator moves on; every phone follows.
        try session.press("n")
        let barrier = try Self.cardID(try session.waitFor("barrier 2 of"))
        try #require(barrier != first)
        let followed = try people.ask("card \(try Self.label(barrier, in: original))")
        #expect(followed["seconds"] is Double, "\(followed)")

        #expect(try people.ask("vote 0")["here"] as? String == "You have 1 vote on this card.")
        #expect(try people.ask("vote 0")["here"] as? String == "You have 2 votes on this card.")
        #expect(try people.ask("vote 1")["here"] as? String == "You have 1 vote on this card.")
        #expect(try people.ask("vote 2")["here"] as? String == "You have 1 vote on this card.")
        #expect(try people.ask("unvote 1")["here"] as? String == "You have no votes on this card.")
        try session.waitFor("3 votes from 2 of 3 joined")
        #expect(try people.ask("note 2 \(Self.note)")["status"] as? String == "Your note is with the facilitator.")
        #expect(
            try people.ask("suggest 0 \(community) \(Self.suggestion)")["status"] as? String
                == "Your suggestion is with the facilitator.")
        #expect(try String(contentsOf: map, encoding: .utf8) == original, "nothing from a phone is in the map yet")

        // The queue: the note, then the suggestion, accepted.
        try session.press("W")
        try session.waitFor("From the room: 2 waiting")
        try session.press("Enter")
        try session.waitFor("From the room: 1 waiting")
        try session.press("Enter")
        try session.waitFor("Nothing waiting.")
        try session.press("Escape")
        // The same key closes the room: its votes land, the map is saved, the sidecar goes.
        try session.press("R")
        try session.waitFor("Join at:")
        try session.press("R")
        try session.waitFor("Room closed")
        try session.waitForAbsence(of: "ROOM OPEN")
        #expect(!FileManager.default.fileExists(atPath: map.path + ".room-address"))
        #expect(!FileManager.default.fileExists(atPath: map.path + ".room-journal"), "nothing left undecided")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)

        let saved = try String(contentsOf: map, encoding: .utf8)
        let change = LineDiff(from: original, to: saved)
        let today = Self.today()
        let old = Self.votes(barrier, in: original)
        #expect(change.removed.filter { !$0.isEmpty } == (old == 0 ? [] : ["  votes: \(old)"]), "\(change.removed)")
        let added = change.added.filter { !$0.isEmpty }
        let header = added.compactMap { $0.firstMatch(of: /^barrier ([^ ]+) "No bus after six"$/)?.1 }.first
        let newID = String(try #require(header, "\(change.added)"))
        let expected = [
            "  votes: \(old + 3)",
            "  history: \(today) votes set to \(old + 3)\(old == 0 ? "" : " (was \(old))")",
            "  history: \(today) 3 votes from 2 participants in the room",
            "  review: \(today) \(Self.note) (in the room)",
            "barrier \(newID) \"\(Self.suggestion)\"",
            "  status: open",
            "  history: \(today) suggested in the room",
            "\(newID) -> \(community) affects",
        ]
        #expect(added.sorted() == expected.sorted(), "\(change.added)")
        let check = try Fixture.run(["check", map.path])
        #expect(check.status == 0, "\(check.output)\(check.errors)")
    }

    static func cardID(_ screen: String) throws -> String {
        try #require(screen.firstMatch(of: /┏━ ([a-z0-9._-]+) ━/)?.1).description
    }

    static func label(_ id: String, in map: String) throws -> String {
        let pattern = try Regex("(?m)^barrier \(id) \"([^\"]*)\"")
        return try #require(map.firstMatch(of: pattern)?.output[1].substring).description
    }

    /// The barrier's `votes:` in the map text (0 when it has none).
    static func votes(_ id: String, in map: String) -> Int {
        let lines = map.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("barrier \(id) ") }) else { return 0 }
        for line in lines[(start + 1)...] {
            guard line.hasPrefix("  ") else { break }
            if line.hasPrefix("  votes: ") { return Int(line.dropFirst("  votes: ".count)) ?? 0 }
        }
        return 0
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}

/// script/room-participants.py: headless Chromium participants, one command a line, one JSON answer each
/// (every wait in it bounded, and the whole script after four minutes).
final class Participants {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    var pending = Data()

    init() throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Fixture.repositoryRoot.appendingPathComponent("script/room-participants.py").path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func ask(_ command: String) throws -> [String: Any] {
        input.fileHandleForWriting.write(Data((command + "\n").utf8))
        while !pending.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            try #require(!more.isEmpty, "the participants' script ended (run script/setup for Chromium and Selenium)")
            pending += more
        }
        let end = pending.firstIndex(of: UInt8(ascii: "\n"))!
        let line = pending[..<end]
        pending = Data(pending[(end + 1)...])
        let reply = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        try #require(reply["error"] == nil, "\(command): \(reply["error"] ?? "")")
        return reply
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
