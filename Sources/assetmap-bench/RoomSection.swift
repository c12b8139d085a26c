import AssetMapTestSupport
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// `assetmap-bench --room`: the live review room of the real `assetmap` (the UI in a private tmux server,
/// the room on 127.0.0.1), and `participants` simulated phones, each on its own connection and thread:
/// they join, then all vote at once, each its whole allowance. Every acknowledged vote must be counted
/// (in the map, after the facilitator quits), and the 99th percentile of the time from sending a vote to
/// its acknowledgement is held to < 100 ms. Bounded: one room of at most the room's 200 people, 30 s a step.
enum RoomSection {
    static let allowance = 3
    static let target = 0.100

    struct Outcome {
        var sent = 0
        var acknowledged = 0
        var counted = 0
        var latencies: [Double] = []
        var joinSeconds = 0.0
    }

    static func run(participants: Int, runs: Int, keep: String?) throws {
        let me = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0])
        let assetmap = me.deletingLastPathComponent().appendingPathComponent("assetmap").path
        guard FileManager.default.isExecutableFile(atPath: assetmap) else {
            fail("--room runs the assetmap program beside the bench: build it first (swift build -c release)")
        }
        guard let tmux = findExecutable("tmux") else { fail("--room needs tmux (script/setup)") }
        let example = FileManager.default.currentDirectoryPath + "/maps/walsall.map"
        guard FileManager.default.fileExists(atPath: example) else {
            fail("--room runs from the repository root (maps/walsall.map)")
        }
        let directory = keep ?? NSTemporaryDirectory() + "assetmap-bench-room-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }

        var outcomes: [Outcome] = []
        for run in 1...runs {
            progress("room run \(run) of \(runs): \(participants) phones, \(participants * allowance) votes at once")
            outcomes.append(
                try once(
                    participants: participants, assetmap: assetmap, tmux: tmux, example: example,
                    directory: directory))
        }
        print("## AssetMap benchmark: the live review room (the real program, phones on loopback)\n")
        print(
            "\(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loadAverage()), \(runs) runs; "
                + "each run \(participants) phones join, then vote at once (\(allowance) each, one after another).\n")
        print("| run | joined in | votes sent | acknowledged | counted in the map | ack p50 | ack p99 | ack max |")
        print("|---|---|---|---|---|---|---|---|")
        for (n, outcome) in outcomes.enumerated() {
            let sorted = outcome.latencies.sorted()
            print(
                "| \(n + 1) | \(Row.seconds(outcome.joinSeconds)) | \(outcome.sent) | \(outcome.acknowledged) | \(outcome.counted) | "
                    + "\(Row.seconds(percentile(sorted, 0.5))) | \(Row.seconds(percentile(sorted, 0.99))) | "
                    + "\(Row.seconds(sorted.last ?? 0)) |")
        }
        let p99s = Samples(seconds: outcomes.map { percentile($0.latencies.sorted(), 0.99) })
        let lost = outcomes.filter { $0.counted != $0.acknowledged || $0.acknowledged != $0.sent }
        print(
            "\nMedian of the runs' 99th percentiles: \(Row.seconds(p99s.median)) (worst \(Row.seconds(p99s.worst))), "
                + "target < \(Row.seconds(target)).")
        if lost.isEmpty && p99s.median < target {
            print("PASS: every vote acknowledged and counted once; p99 under the target.")
        } else {
            print(
                "FAIL:"
                    + (lost.isEmpty ? "" : " \(lost.count) runs where votes sent, acknowledged and counted differ;")
                    + (p99s.median < target ? "" : " p99 over the target."))
        }
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private static func once(
        participants: Int, assetmap: String, tmux: String, example: String, directory: String
    ) throws -> Outcome {
        let map = "\(directory)/room.map"
        try? FileManager.default.removeItem(atPath: map)
        try FileManager.default.copyItem(atPath: example, toPath: map)
        let original = try String(contentsOfFile: map, encoding: .utf8)
        let pane = try Pane(tmux: tmux)
        defer { pane.kill() }
        try pane.start(
            "cd \(Pane.quote(directory)) && env LANG=C.UTF-8 TERM=xterm-256color \(Pane.quote(assetmap)) room.map --room 127.0.0.1:0"
        )
        try pane.waitFor("ROOM OPEN · 0 joined")
        let address = try String(contentsOfFile: map + ".room-address", encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        guard let match = address.wholeMatch(of: /http:\/\/127\.0\.0\.1:(\d+)(\/[0-9a-f]+\/)/), let port = Int(match.1)
        else { throw BenchError("the room's address is not on loopback: \(address)") }
        let path = String(match.2)
        try pane.press("4")
        let screen = try pane.waitFor("barrier 1 of")
        guard let barrier = screen.firstMatch(of: /┏━ ([a-z0-9._-]+) ━/)?.1 else {
            throw BenchError("no card on the Review tab:\n\(screen)")
        }

        var outcome = Outcome()
        let joinStart = now()
        let phones = try Phone.all(participants, port: port) { try $0.join(path) }
        outcome.joinSeconds = now() - joinStart
        try pane.waitFor("ROOM OPEN · \(participants) joined")
        let deadline = now() + 30
        while try !phones[0].request("GET", path + "state").body.contains(Array("\"id\":\"\(barrier)\"".utf8)) {
            guard now() < deadline else { throw BenchError("the phones never got the card \(barrier)") }
            usleep(20_000)
        }
        // All at once: every phone's thread waits for the same start, then sends its votes one after another.
        let vote = #"{"barrier":"\#(barrier)","delta":1}"#
        let results = try Phone.each(phones) { phone in
            (0..<allowance).map { _ -> (Int, Double) in
                let start = now()
                let status = (try? phone.request("POST", path + "vote", body: vote).status) ?? 0
                return (status, now() - start)
            }
        }
        for (status, seconds) in results.joined() {
            outcome.sent += 1
            if status == 200 {
                outcome.acknowledged += 1
                outcome.latencies.append(seconds)
            }
        }
        try pane.waitFor("\(outcome.acknowledged) votes from \(participants) of \(participants) joined")
        try pane.press("q")
        try pane.waitUntilGone()
        let landed = try String(contentsOfFile: map, encoding: .utf8)
        outcome.counted = votes(of: String(barrier), in: landed) - votes(of: String(barrier), in: original)
        return outcome
    }

    static func votes(of barrier: String, in map: String) -> Int {
        var inRecord = false
        for line in map.split(separator: "\n") {
            if !line.hasPrefix(" ") { inRecord = line.hasPrefix("barrier \(barrier) ") }
            if inRecord, let n = line.wholeMatch(of: #/  votes: (\d+)/#)?.1 { return Int(n) ?? 0 }
        }
        return 0
    }
}

/// A simulated phone: one keep-alive HTTP/1.1 connection to the room and its participant cookie.
final class Phone: @unchecked Sendable {
    private let fd: Int32
    private var pending: [UInt8] = []
    private(set) var cookie: String?

    init(port: Int) throws {
        do {
            fd = try LoopbackSocket.connect(port: port, timeoutSeconds: 30, noDelay: true)
        } catch let failure as LoopbackSocket.ConnectFailed {
            throw BenchError(failure.description)
        }
    }

    deinit { close(fd) }

    func join(_ path: String) throws {
        let reply = try request("POST", path + "join", body: "{}")
        guard reply.status == 200, let set = reply.headers["set-cookie"], let pair = set.split(separator: ";").first
        else { throw BenchError("join refused: \(reply.status)") }
        cookie = String(pair)
    }

    /// One request and its whole response (the room answers with a Content-Length).
    func request(_ method: String, _ path: String, body: String = "") throws -> (
        status: Int, headers: [String: String], body: [UInt8]
    ) {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let cookie { head += "Cookie: \(cookie)\r\n" }
        if method == "POST" { head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        let bytes = Array((head + "\r\n" + body).utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw BenchError("write: \(String(cString: strerror(errno)))") }
            sent += n
        }
        let end: Int = try {
            while true {
                if let found = Self.find([13, 10, 13, 10], in: pending) { return found }
                try fill()
            }
        }()
        let lines = String(decoding: pending[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        pending.removeFirst(end + 4)
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while pending.count < length { try fill() }
        let payload = Array(pending[..<length])
        pending.removeFirst(length)
        return (status, headers, payload)
    }

    private func fill() throws {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { throw BenchError("read: \(n == 0 ? "closed" : String(cString: strerror(errno)))") }
        pending += buffer[0..<n]
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// `count` phones, connected and set up (`prepare`) at once, each on a thread of its own.
    static func all(_ count: Int, port: Int, prepare: @escaping @Sendable (Phone) throws -> Void) throws -> [Phone] {
        let made = try (0..<count).map { _ in try Phone(port: port) }
        let failures = try each(made) { phone -> String? in
            do { try prepare(phone); return nil } catch { return "\(error)" }
        }
        if let failure = failures.compactMap({ $0 }).first { throw BenchError(failure) }
        return made
    }

    /// Runs `work` for every phone on a thread of its own, all released together; the results in order.
    static func each<T>(_ phones: [Phone], _ work: @escaping @Sendable (Phone) -> T) throws -> [T] {
        let gate = Gate()
        let results = Results<T>(count: phones.count)
        let done = DispatchGroup()
        for (n, phone) in phones.enumerated() {
            done.enter()
            let thread = Thread {
                gate.wait()
                results.set(n, work(phone))
                done.leave()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        gate.open()
        guard done.wait(timeout: .now() + 60) == .success else { throw BenchError("the phones took over 60 s") }
        return results.all
    }
}

/// Threads wait at it until it opens, then all go.
private final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}

private final class Results<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [T?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ n: Int, _ value: T) { lock.withLock { values[n] = value } }
    var all: [T] { lock.withLock { values.map { $0! } } }
}

/// A private tmux server with one pane, as the end-to-end tests use: keys in, screen out, polled.
struct Pane {
    let tmux: String
    let socket = "assetmap-bench-room-\(UUID().uuidString.prefix(8))"
    let capture = NSTemporaryDirectory() + "assetmap-bench-room-screen-\(getpid())"

    init(tmux: String) throws { self.tmux = tmux }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func control(_ arguments: [String], output: String = "/dev/null") throws -> Bool {
        try ProcessSection.spawn([tmux, "-L", socket, "-f", "/dev/null"] + arguments, output: output).exitStatus == 0
    }

    func start(_ command: String) throws {
        guard try control(["new-session", "-d", "-x", "100", "-y", "30", command]) else {
            throw BenchError("tmux new-session failed")
        }
    }

    func press(_ key: String) throws { try control(["send-keys", key]) }

    func screen() throws -> String {
        try control(["capture-pane", "-p"], output: capture)
        return (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
    }

    @discardableResult
    func waitFor(_ text: String, seconds: Double = 30) throws -> String {
        let deadline = now() + seconds
        var last = ""
        while now() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(20_000)
        }
        throw BenchError("timed out waiting for \"\(text)\"; the pane shows:\n\(last)")
    }

    /// Until the program has quit (its pane, and so the server, gone).
    func waitUntilGone(seconds: Double = 30) throws {
        let deadline = now() + seconds
        while now() < deadline {
            if try !control(["has-session"]) { return }
            usleep(20_000)
        }
        throw BenchError("the program did not quit")
    }

    func kill() {
        _ = try? control(["kill-server"])
        unlink(capture)
    }
}
