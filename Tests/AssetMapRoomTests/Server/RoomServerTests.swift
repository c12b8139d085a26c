import AssetMapCore
import AssetMapTestSupport
import Foundation
import Testing
@testable import AssetMapRoom

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The room's HTTP face on 127.0.0.1, against what a hostile phone on the same network might send.
@Suite(.timeLimit(.minutes(2))) struct RoomServerTests {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        }
    }

    /// A running room on an ephemeral port, stopped at the end of `body`.
    static func withRoom(
        limits: Room.Limits = Room.Limits(), serverLimits: RoomServer.Limits = RoomServer.Limits(),
        _ body: (RoomServer, String) async throws -> Void
    ) async throws {
        let folder = NSTemporaryDirectory() + "room-server-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/site.map"
        try Data(RoomHubTests.map.utf8).write(to: URL(fileURLWithPath: path))
        let hub = try RoomHub(
            mapPath: path, communities: [RoomCommunity(id: "refugees", label: "Refugees")], limits: limits)
        let card = try #require(Review.card("fares", in: MapDocument(text: RoomHubTests.map).graph))
        try await hub.show(RoomCard(card))
        let server = RoomServer(hub: hub, limits: serverLimits)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run(host: "127.0.0.1", port: 0) { continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(server, "http://127.0.0.1:\(port)")
    }

    /// No cookie store: each request carries exactly the cookie the test gives it.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return URLSession(configuration: configuration)
    }()

    static func request(
        _ url: String, method: String = "GET", cookie: String? = nil, body: Data? = nil
    ) async throws -> Reply {
        var request = URLRequest(url: try #require(URL(string: url)), timeoutInterval: 10)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers["\(key)".lowercased()] = "\(value)" }
        return Reply(status: http.statusCode, headers: headers, body: data)
    }

    /// Joins and returns the cookie to send back.
    static func join(_ base: String, _ server: RoomServer) async throws -> String {
        let reply = try await request(base + server.joinPath + "join", method: "POST", body: Data("{}".utf8))
        #expect(reply.status == 200)
        let setCookie = try #require(reply.headers["set-cookie"])
        return String(try #require(setCookie.split(separator: ";").first))
    }

    static func post(_ base: String, _ server: RoomServer, _ action: String, _ json: String, cookie: String?)
        async throws -> Reply
    {
        try await request(base + server.joinPath + action, method: "POST", cookie: cookie, body: Data(json.utf8))
    }

    @Test func withoutTheTokenEveryRequestIsTheSameEmpty404() async throws {
        try await Self.withRoom { server, base in
            let wrong = String(server.token.reversed())
            for path in ["/", "/\(wrong)/", "/\(wrong)/join", "/\(server.token.dropLast())/", "/\(server.token)"] {
                let reply = try await Self.request(base + path)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.body.isEmpty, "\(path)")
                #expect(reply.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true)
            }
            let page = try await Self.request(base + server.joinPath)
            #expect(page.status == 200)
            #expect(page.text.contains("<h1>Review room</h1>"))
            #expect(page.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true)
            #expect(page.headers["referrer-policy"] == "no-referrer")
            #expect(server.token.count >= 32)
        }
    }

    @Test func aPhoneVotesTakesBackAndIsHeldToItsAllowance() async throws {
        try await Self.withRoom { server, base in
            let cookie = try await Self.join(base, server)
            for _ in 0..<3 {
                let reply = try await Self.post(base, server, "vote", #"{"barrier":"fares","delta":1}"#, cookie: cookie)
                #expect(reply.status == 200)
            }
            let over = try await Self.post(base, server, "vote", #"{"barrier":"fares","delta":1}"#, cookie: cookie)
            #expect(over.status == 409)
            #expect((try over.json()["error"] as? String)?.contains("all 3") == true)
            let back = try await Self.post(base, server, "vote", #"{"barrier":"fares","delta":-1}"#, cookie: cookie)
            #expect(try back.json()["votesLeft"] as? Int == 1)
            let big = try await Self.post(base, server, "vote", #"{"barrier":"fares","delta":5}"#, cookie: cookie)
            #expect(big.status == 422)
            let unshown = try await Self.post(base, server, "vote", #"{"barrier":"other","delta":1}"#, cookie: cookie)
            #expect(unshown.status == 409)
            #expect(await server.hub.room.tally["fares"]?.votes == 2)
        }
    }

    @Test func forgedOrMissingParticipantIdsAreRefused() async throws {
        try await Self.withRoom { server, base in
            _ = try await Self.join(base, server)
            let vote = #"{"barrier":"fares","delta":1}"#
            #expect(try await Self.post(base, server, "vote", vote, cookie: nil).status == 403)
            let forged = "\(RoomResponder.cookie)=\(RoomHub.randomID())"
            #expect(try await Self.post(base, server, "vote", vote, cookie: forged).status == 403)
            #expect(try await Self.request(base + server.joinPath + "state", cookie: forged).status == 403)
            #expect(await server.hub.room.tally.isEmpty)
        }
    }

    @Test func oversizedBodiesInvalidUTF8AndControlCharactersAreRefused() async throws {
        try await Self.withRoom { server, base in
            let cookie = try await Self.join(base, server)
            let huge = #"{"text":""# + String(repeating: "a", count: 5000) + #""}"#
            #expect(try await Self.post(base, server, "note", huge, cookie: cookie).status == 413)
            var bad = Data(#"{"text":""#.utf8)
            bad.append(contentsOf: [0xFF, 0xFE, 0x41])
            bad.append(Data(#""}"#.utf8))
            let invalid = try await Self.request(
                base + server.joinPath + "note", method: "POST", cookie: cookie, body: bad)
            #expect(invalid.status == 400)
            let control = try await Self.post(base, server, "note", #"{"text":"a\u001b[2Jb"}"#, cookie: cookie)
            #expect(control.status == 422)
            let long = #"{"text":""# + String(repeating: "é", count: 501) + #""}"#
            #expect(try await Self.post(base, server, "note", long, cookie: cookie).status == 422)
            #expect(try await Self.post(base, server, "note", "not json", cookie: cookie).status == 400)
            #expect(await server.hub.room.items.isEmpty)
        }
    }

    @Test func markupIsKeptAsTextAndThePageNeverInsertsMarkup() async throws {
        try await Self.withRoom { server, base in
            let cookie = try await Self.join(base, server)
            let note = try await Self.post(
                base, server, "note", #"{"text":"<img src=x onerror=alert(1)>"}"#, cookie: cookie)
            #expect(note.status == 200)
            #expect(
                await server.hub.room.items.first?.kind == .note(barrier: "fares", text: "<img src=x onerror=alert(1)>")
            )
            let script = try await Self.request(base + server.joinPath + "room.js")
            #expect(script.status == 200)
            #expect(!script.text.contains("innerHTML"))
            #expect(!script.text.contains("insertAdjacentHTML"))
        }
    }

    @Test func theRoomHasAParticipantLimitAndAPerParticipantRequestLimit() async throws {
        var limits = Room.Limits()
        limits.participants = 2
        var serverLimits = RoomServer.Limits()
        serverLimits.requestsPerWindow = 5
        try await Self.withRoom(limits: limits, serverLimits: serverLimits) { server, base in
            let cookie = try await Self.join(base, server)
            _ = try await Self.join(base, server)
            let third = try await Self.request(base + server.joinPath + "join", method: "POST", body: Data("{}".utf8))
            #expect(third.status == 503)
            var statuses: [Int] = []
            for _ in 0..<6 {
                statuses.append(try await Self.request(base + server.joinPath + "state", cookie: cookie).status)
            }
            #expect(statuses == [200, 200, 200, 200, 200, 429])
        }
    }

    @Test func thePhoneSeesTheNewCardOverServerSentEvents() async throws {
        try await Self.withRoom { server, base in
            let cookie = try await Self.join(base, server)
            let portText = try #require(base.split(separator: ":").last)
            let port = try #require(Int(portText))
            let stream = try EventStream(port: port, path: server.joinPath + "events", cookie: cookie)
            let first = try #require(await stream.next())
            #expect(first.contains("Bus fares"))
            try await server.hub.show(RoomCard(id: "fares", label: "Fares again, relabelled"))
            let next = try #require(await stream.next())
            #expect(next.contains("Fares again, relabelled"))
            #expect(!next.contains("confidence"))
        }
    }
}

/// More of what a hostile phone might send: bodies with no length, every text field, votes sent all at
/// once, forged cookies at the door, paths and methods that are not the phone's.
@Suite(.timeLimit(.minutes(2))) struct RoomHostileRequestTests {
    typealias T = RoomServerTests

    static func port(_ base: String) throws -> Int {
        let text = try #require(base.split(separator: ":").last)
        return try #require(Int(text))
    }

    @Test func aChunkedBodyWithNoLengthIsCutOffAtTheLimit() async throws {
        try await T.withRoom { server, base in
            let cookie = try await T.join(base, server)
            let chunk = String(repeating: "a", count: 1000)
            var body = "\(String(6, radix: 16))\r\n{\"text\"\r\n"
            for _ in 0..<6 { body += "\(String(1000, radix: 16))\r\n\(chunk)\r\n" }
            body += "0\r\n\r\n"
            let request =
                "POST \(server.joinPath)note HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(cookie)\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body
            let reply = try await RawHTTP.send(port: try Self.port(base), request)
            #expect(reply.hasPrefix("HTTP/1.1 413"), "\(reply.prefix(200))")
            #expect(await server.hub.room.items.isEmpty)
        }
    }

    @Test func everyTextFieldRefusesControlsBidiOverridesInvalidUTF8AndTooMuch() async throws {
        try await T.withRoom { server, base in
            let cookie = try await T.join(base, server)
            let refused: [(String, String, Int)] = [
                ("suggest", #"{"label":"Stairs\u0007"}"#, 422),
                ("suggest", #"{"label":"Stairs","where":"\u001b]0;owned\u0007"}"#, 422),
                ("suggest", #"{"label":"Stairs","name":"\u202eevil"}"#, 422),
                ("suggest", #"{"label":"\u0085"}"#, 422),
                ("suggest", #"{"label":""}"#, 422),
                ("suggest", #"{"label":""# + String(repeating: "x", count: 201) + #""}"#, 422),
                ("suggest", #"{"label":"Stairs","communities":["nowhere"]}"#, 422),
                ("suggest", #"{"label":"Stairs","communities":"refugees"}"#, 400),
                ("note", #"{"text":"fine","name":""# + String(repeating: "n", count: 61) + #""}"#, 422),
                ("note", #"{"text":"\u200ftext\u202d"}"#, 422),
                ("vote", #"{"barrier":"fares","delta":"1"}"#, 400),
                ("vote", #"{"barrier":"fares","delta":0}"#, 422),
                ("vote", #"{"barrier":"fares","delta":9223372036854775807}"#, 422),
            ]
            for (action, json, status) in refused {
                let reply = try await T.post(base, server, action, json, cookie: cookie)
                #expect(reply.status == status, "\(action) \(json): \(reply.status) \(reply.text)")
                #expect(reply.headers["content-type"] == "application/json")
            }
            for action in ["suggest", "vote"] {
                var bad = Data(#"{"label":"a","barrier":""#.utf8)
                bad.append(contentsOf: [0xC3, 0x28])
                bad.append(Data(#"","delta":1}"#.utf8))
                let reply = try await T.request(
                    base + server.joinPath + action, method: "POST", cookie: cookie, body: bad)
                #expect(reply.status == 400, "\(action)")
            }
            #expect(await server.hub.room.items.isEmpty)
            #expect(await server.hub.room.tally.isEmpty)
        }
    }

    @Test func votesSentAllAtOnceStillStopAtTheAllowance() async throws {
        try await T.withRoom { server, base in
            let cookie = try await T.join(base, server)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await T.post(base, server, "vote", #"{"barrier":"fares","delta":1}"#, cookie: cookie).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 3, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 409 }.count == 9, "\(statuses.sorted())")
            #expect(await server.hub.room.tally["fares"]?.votes == 3)
        }
    }

    @Test func aForgedCookieAtTheDoorGetsANewIdentityNotTheForgedOne() async throws {
        try await T.withRoom { server, base in
            let forged = RoomHub.randomID()
            let reply = try await T.request(
                base + server.joinPath + "join", method: "POST", cookie: "\(RoomResponder.cookie)=\(forged)",
                body: Data("{}".utf8))
            #expect(reply.status == 200)
            let given = try #require(reply.headers["set-cookie"])
            #expect(!given.contains(forged))
            #expect(
                given.contains("HttpOnly") && given.contains("SameSite=Strict")
                    && given.contains("Path=\(server.joinPath)"))
            #expect(await !server.hub.isParticipant(forged))
            // Another participant's cookie under another name, or twice, is not theirs either.
            let ann = try await T.join(base, server)
            let annID = String(try #require(ann.split(separator: "=").last))
            for cookie in [
                "other=\(annID)", "\(RoomResponder.cookie)=\(annID)x", "\(RoomResponder.cookie)=\(annID.uppercased())",
            ] {
                #expect(
                    try await T.request(base + server.joinPath + "state", cookie: cookie).status == 403, "\(cookie)")
            }
            #expect(await server.hub.room.participants.count == 2)
        }
    }

    @Test func pathsAndMethodsThatAreNotThePhonesAreTheSameEmpty404() async throws {
        try await T.withRoom { server, base in
            let cookie = try await T.join(base, server)
            let token = server.token
            for (method, path) in [
                ("GET", "/\(token)/join"), ("POST", "/\(token)/"), ("DELETE", "/\(token)/vote"),
                ("GET", "/\(token)/vote"),
                ("GET", "/\(token)/state/"), ("GET", "/\(token)//state"),
                ("GET", "/\(token)/accept"), ("POST", "/\(token)/allowance"), ("GET", "/\(token)/journal"),
                ("GET", "/\(token.uppercased())/"), ("GET", "/\(token)%2Fstate"),
            ] {
                let reply = try await T.request(base + path, method: method, cookie: cookie)
                #expect(reply.status == 404, "\(method) \(path)")
                #expect(reply.body.isEmpty, "\(method) \(path)")
            }
        }
    }
}

/// One request on a plain socket, read to the end (the request asks the server to close).
enum RawHTTP {
    static func send(port: Int, _ request: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try exchange(port: port, request) })
            }
        }
    }

    static func exchange(port: Int, _ request: String) throws -> String {
        let fd = try LoopbackSocket.connect(port: port, timeoutSeconds: 10)
        defer { close(fd) }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }  // the server may answer and close before reading it all
            sent += n
        }
        var reply = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            reply.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: reply, as: UTF8.self)
    }
}

/// A Server-Sent Events reader on a plain socket (Foundation on Linux has no streaming client),
/// each read bounded by a 10-second timeout.
final class EventStream: @unchecked Sendable {
    private let fd: Int32
    private var pending = Data()

    init(port: Int, path: String, cookie: String) throws {
        fd = try LoopbackSocket.connect(port: port, timeoutSeconds: 10)
        let request =
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(cookie)\r\nAccept: text/event-stream\r\n\r\n"
        _ = request.withCString { write(fd, $0, strlen($0)) }
    }

    deinit { close(fd) }

    /// `nextData` on a thread of its own: a blocking read must not hold one of the few threads the
    /// server's tasks run on.
    func next() async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.nextData()) }
        }
    }

    /// The next `data:` line's payload, nil on timeout or close.
    func nextData() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                if let start = line.range(of: "data: ") { return String(line[start.upperBound...]) }
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { return nil }
            pending.append(contentsOf: buffer[0..<n])
        }
    }
}
