import Foundation
import Testing
#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `assetmap FILE --room 127.0.0.1:0`, the real binary in tmux, joined by HTTP clients on loopback:
/// the sidecar, votes landing on a normal quit, and a kill -9 that loses nothing acknowledged.
@Suite(.serialized, .timeLimit(.minutes(3))) struct RoomProcessTests {
    static let today: String = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }()

    /// The app with the room open on an ephemeral loopback port, on a copy of the example map.
    static func openRoom(in folder: URL, map: URL) throws -> TmuxSession {
        try TmuxSession(
            shellCommand: Fixture.appCommand([map.lastPathComponent, "--room", "127.0.0.1:0"], in: folder),
            width: 100, height: 30)
    }

    /// The join address from FILE.room-address, which must be its owner's only.
    static func joinAddress(_ map: URL) throws -> String {
        let sidecar = map.path + ".room-address"
        var st = stat()
        try #require(lstat(sidecar, &st) == 0, "no \(sidecar)")
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(st.st_mode & S_IFMT == S_IFREG)
        let address = try String(contentsOfFile: sidecar, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(address.wholeMatch(of: /http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{48}\//) != nil, "\(address)")
        return address
    }

    /// The Review tab's first card, once the phones have it too.
    static func showFirstCard(_ session: TmuxSession, _ phone: LoopbackPhone) async throws -> String {
        try session.press("4")
        let screen = try session.waitFor("barrier 1 of")
        let barrier = try #require(screen.firstMatch(of: /┏━ ([a-z0-9._-]+) ━/)?.1).description
        try await phone.waitForCard(barrier)
        return barrier
    }

    static func votes(of barrier: String, in map: String) -> Int {
        var inRecord = false
        for line in map.split(separator: "\n") {
            if !line.hasPrefix(" ") { inRecord = line.hasPrefix("barrier \(barrier) ") }
            if inRecord, let n = line.wholeMatch(of: #/  votes: (\d+)/#)?.1 { return Int(n)! }
        }
        return 0
    }

    @Test func phonesVoteAndTheVotesLandWithTheirHistoryWhenTheFacilitatorQuits() async throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try Fixture.copyOfExampleMap(in: folder)
        let original = try String(contentsOf: map, encoding: .utf8)
        let session = try Self.openRoom(in: folder, map: map)
        defer { session.kill() }
        try session.waitFor("ROOM OPEN · 0 joined")
        let address = try Self.joinAddress(map)

        let ann = try await LoopbackPhone.join(address)
        let bob = try await LoopbackPhone.join(address)
        let barrier = try await Self.showFirstCard(session, ann)
        try await bob.waitForCard(barrier)
        let oldVotes = Self.votes(of: barrier, in: original)
        #expect(try await ann.vote(barrier, 1).status == 200)
        #expect(try await ann.vote(barrier, 1).status == 200)
        #expect(try await bob.vote(barrier, 1).status == 200)
        #expect(try await bob.vote(barrier, 1).status == 200)
        #expect(try await bob.vote(barrier, -1).status == 200)  // taken back
        try session.waitFor("ROOM OPEN · 2 joined")
        try session.waitFor("3 votes from 2 of 2 joined")
        // Nothing a phone sends changes the map while the room is open.
        #expect(try String(contentsOf: map, encoding: .utf8) == original)

        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
        let landed = try String(contentsOf: map, encoding: .utf8)
        let change = LineDiff(from: original, to: landed)
        #expect(Set(change.removed).isSubset(of: ["  votes: \(oldVotes)"]), "\(change.removed)")
        let was = oldVotes == 0 ? "" : " (was \(oldVotes))"
        #expect(
            Set(change.added) == [
                "  votes: \(oldVotes + 3)",
                "  history: \(Self.today) votes set to \(oldVotes + 3)\(was)",
                "  history: \(Self.today) \(oldVotes + 3) votes from 2 participants in the room",
            ], "\(change.added)")
        #expect(change.added.count == 3)
        #expect(Self.votes(of: barrier, in: landed) == oldVotes + 3)
        #expect(!FileManager.default.fileExists(atPath: map.path + ".room-address"))
        #expect(!FileManager.default.fileExists(atPath: map.path + ".room-journal"))
        // The server stopped with the program.
        #expect(await ann.isUnreachable())
    }

    /// Phones vote at once while the program is killed: every vote a phone was told was counted is in
    /// the journal, the next start offers it (a no opens nothing and keeps it), and a yes lands exactly
    /// the journaled votes, each once.
    @Test func aKillNineMidSessionLosesNoAcknowledgedVote() async throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try Fixture.copyOfExampleMap(in: folder)
        let original = try String(contentsOf: map, encoding: .utf8)
        let journal = map.path + ".room-journal"
        var session = try Self.openRoom(in: folder, map: map)
        defer { session.kill() }
        try session.waitFor("ROOM OPEN · 0 joined")
        let address = try Self.joinAddress(map)
        var phones: [LoopbackPhone] = []
        for _ in 0..<8 { phones.append(try await LoopbackPhone.join(address)) }
        let barrier = try await Self.showFirstCard(session, phones[0])
        for phone in phones { try await phone.waitForCard(barrier) }
        #expect(try await phones[0].note("Buses stop at six").status == 200)
        #expect(try await phones[1].suggest("No lift at the clinic").status == 200)

        let acknowledged = Acknowledged()
        let pid = try session.childPID(named: Fixture.binary)
        let voting = phones.map { phone in
            Task {
                for _ in 0..<3 {
                    guard let reply = try? await phone.vote(barrier, 1) else { return }
                    if reply.status == 200 { acknowledged.add(phone.participant) }
                }
            }
        }
        // Kill while votes are in flight: after the first acknowledgements, before they are all in.
        let deadline = Date().addingTimeInterval(20)
        while acknowledged.total < 3, Date() < deadline { try await Task.sleep(nanoseconds: 1_000_000) }
        kill(pid, SIGKILL)
        for task in voting { await task.value }
        try session.waitFor("EXITED 137")
        let told = acknowledged.byParticipant
        #expect(acknowledged.total >= 3)
        #expect(try String(contentsOf: map, encoding: .utf8) == original)

        // Every acknowledged vote is a line of the journal (a vote journaled but not yet answered may be there too).
        let events = try JournalLines.read(journal)
        var journaled: [String: Int] = [:]
        for event in events {
            if let vote = event["vote"] as? [String: Any] {
                journaled[vote["participant"] as! String, default: 0] += vote["delta"] as! Int
            }
        }
        for (participant, n) in told { #expect(journaled[participant, default: 0] >= n, "\(participant)") }
        let total = journaled.values.reduce(0, +)
        #expect(total >= acknowledged.total)
        #expect(events.contains { ($0["note"] as? [String: Any])?["text"] as? String == "Buses stop at six" })
        #expect(
            events.contains { ($0["suggestion"] as? [String: Any])?["label"] as? String == "No lift at the clinic" })

        // Offered, never silent: a no opens nothing and leaves the journal as it is.
        let kept = try Data(contentsOf: URL(fileURLWithPath: journal))
        session.kill()
        session = try Self.openRoom(in: folder, map: map)
        let offer = try session.waitFor("Go on from it [Y/n]?")
        #expect(
            offer.replacingOccurrences(of: "\n", with: "").contains(
                "8 joined, \(total) votes not yet in the map, 2 notes and suggestions waiting"), "\(offer)")
        try session.type("n")
        try session.press("Enter")
        try session.waitFor("Nothing opened")
        try session.waitFor("EXITED 1")
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == kept)

        // A yes goes on from it: the same participants, the journaled votes, and on quitting they land once.
        session.kill()
        session = try Self.openRoom(in: folder, map: map)
        try session.waitFor("Go on from it [Y/n]?")
        try session.press("Enter")
        try session.waitFor("ROOM OPEN · 8 joined")
        let again = try phones[0].moved(to: try Self.joinAddress(map))
        let view = try await again.state()
        #expect(view["votesLeft"] as? Int == 3 - journaled[phones[0].participant, default: 0])
        try session.press("q")
        let after = try session.waitFor("EXITED 0")
        #expect(after.contains("2 notes and suggestions from the room wait in"), "\(after)")
        let landed = try String(contentsOf: map, encoding: .utf8)
        let oldVotes = Self.votes(of: barrier, in: original)
        #expect(Self.votes(of: barrier, in: landed) == oldVotes + total)
        let change = LineDiff(from: original, to: landed)
        let people = journaled.values.filter { $0 > 0 }.count
        #expect(
            change.added.filter { $0.hasPrefix("  history: ") } == [
                "  history: \(Self.today) votes set to \(oldVotes + total)\(oldVotes == 0 ? "" : " (was \(oldVotes))")",
                "  history: \(Self.today) \(oldVotes + total) votes from \(people) participant\(people == 1 ? "" : "s") in the room",
            ], "\(change.added)")
        #expect(change.added.count == 3, "\(change.added)")
        // The note and the suggestion wait for the facilitator's say, in the journal.
        #expect(!landed.contains("Buses stop at six") && !landed.contains("No lift at the clinic"))
        let waiting = try JournalLines.read(journal)
        #expect(waiting.contains { ($0["note"] as? [String: Any])?["text"] as? String == "Buses stop at six" })
        #expect(!FileManager.default.fileExists(atPath: map.path + ".room-address"))
    }

    /// The phone's page in headless Chromium at 360×640, on the room the real binary serves: joined, the
    /// card on show, a vote; no horizontal scroll, no text under 16 px, no request leaving the room, no
    /// CSP violation, and axe-core clean under WCAG 2.2 AA.
    @Test func thePhonePageIsReadableAtPhoneSizeAndPassesAxe() async throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try Fixture.copyOfExampleMap(in: folder)
        let session = try Self.openRoom(in: folder, map: map)
        defer { session.kill() }
        try session.waitFor("ROOM OPEN · 0 joined")
        let address = try Self.joinAddress(map)
        let probe = try await LoopbackPhone.join(address)
        _ = try await Self.showFirstCard(session, probe)
        let screenshot = folder.appendingPathComponent("room-phone.png").path
        let report = try Self.phoneCheck(address, ["--vote", "--screenshot", screenshot])
        #expect(report["joined"] as? String == "You are in the room.", "\(report)")
        let label = try #require(report["card"] as? String, "\(report)")
        #expect(try session.screen().contains(String(label.prefix(30))), "the phone shows the card on the screen")
        #expect(report["after_vote"] as? String == "Your vote is counted.")
        #expect(report["votes_here"] as? String == "You have 1 vote on this card.")
        try session.waitFor("1 vote from 1 of 2 joined")
        let widths = try #require(report["widths"] as? [String: Double])
        #expect(widths["viewport"] == 360)
        #expect(try #require(widths["scroll"]) <= 360, "\(widths)")
        #expect(try #require(widths["widest"]) <= 360.5, "\(widths)")
        #expect((report["small_text"] as? [Any])?.isEmpty == true, "\(report["small_text"] ?? "")")
        #expect((report["csp_violations"] as? [Any])?.isEmpty == true, "\(report["csp_violations"] ?? "")")
        #expect((report["axe_version"] as? String)?.hasPrefix("4.") == true)
        #expect((report["violations"] as? [Any])?.isEmpty == true, "\(report["violations"] ?? "")")
        let requests = try #require(report["requests"] as? [String])
        #expect(requests.contains(address + "room.js") && requests.contains(address + "events"), "\(requests)")
        #expect(report["foreign_requests"] as? [String] == [], "\(requests)")
        #expect(FileManager.default.fileExists(atPath: screenshot))
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
    }

    /// Runs script/room-phone-check.py (Debian's Chromium, chromium-driver and python3-selenium, axe-core
    /// from PyPI; script/setup installs them) and returns its JSON report.
    static func phoneCheck(_ address: String, _ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [Fixture.repositoryRoot.appendingPathComponent("script/room-phone-check.py").path, address] + arguments
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let errors = String(decoding: try Data(contentsOf: err), as: UTF8.self)
        try #require(process.terminationStatus == 0, "the phone check failed (run script/setup): \(errors)")
        return try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any], "no JSON report: \(errors)"
        )
    }
}

/// Votes a phone was told were counted, by participant.
final class Acknowledged: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func add(_ participant: String) { lock.withLock { counts[participant, default: 0] += 1 } }
    var byParticipant: [String: Int] { lock.withLock { counts } }
    var total: Int { lock.withLock { counts.values.reduce(0, +) } }
}

/// The journal's lines as JSON objects.
enum JournalLines {
    static func read(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
        }
    }
}

/// A phone on loopback: the room's join address and its participant cookie, nothing stored between.
struct LoopbackPhone: Sendable {
    struct Reply {
        var status: Int
        var body: Data
    }

    let address: String
    let cookie: String

    var participant: String { String(cookie.split(separator: "=", maxSplits: 1).last ?? "") }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()

    static func send(_ url: String, method: String, cookie: String?, body: String?) async throws -> (
        Reply, HTTPURLResponse
    ) {
        var request = URLRequest(url: try #require(URL(string: url)), timeoutInterval: 10)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (Reply(status: http.statusCode, body: data), http)
    }

    static func join(_ address: String) async throws -> LoopbackPhone {
        let (reply, http) = try await send(address + "join", method: "POST", cookie: nil, body: "{}")
        try #require(reply.status == 200, "join: \(reply.status)")
        let setCookie = try #require(http.value(forHTTPHeaderField: "Set-Cookie"))
        return LoopbackPhone(address: address, cookie: String(try #require(setCookie.split(separator: ";").first)))
    }

    /// The same participant at the address of a room reopened from its journal.
    func moved(to address: String) throws -> LoopbackPhone { LoopbackPhone(address: address, cookie: cookie) }

    func post(_ action: String, _ json: String) async throws -> Reply {
        try await Self.send(address + action, method: "POST", cookie: cookie, body: json).0
    }

    func vote(_ barrier: String, _ delta: Int) async throws -> Reply {
        try await post("vote", #"{"barrier":"\#(barrier)","delta":\#(delta)}"#)
    }

    func note(_ text: String) async throws -> Reply { try await post("note", #"{"text":"\#(text)"}"#) }

    func suggest(_ label: String) async throws -> Reply {
        try await post("suggest", #"{"label":"\#(label)","communities":[]}"#)
    }

    func state() async throws -> [String: Any] {
        let (reply, _) = try await Self.send(address + "state", method: "GET", cookie: cookie, body: nil)
        try #require(reply.status == 200, "state: \(reply.status)")
        return try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
    }

    /// Polls the phone's view until the card on show is `barrier` (the room follows within a second).
    func waitForCard(_ barrier: String, seconds: Double = 10) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        var last: Any?
        while Date() < deadline {
            let card = try await state()["card"] as? [String: Any]
            last = card
            if card?["id"] as? String == barrier { return }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record("the phone never got card \(barrier); it had \(String(describing: last))")
        throw CancellationError()
    }

    func isUnreachable() async -> Bool { (try? await state()) == nil }
}
