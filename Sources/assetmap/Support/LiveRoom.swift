import AssetMapCore
import AssetMapRoom
import AssetMapUI
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The room while the UI runs (`assetmap FILE --room ADDRESS:PORT`): the server on its own tasks, the
/// join address in a sidecar beside the map (owner only) while it is open, and what the UI draws kept
/// as a snapshot it reads without waiting.
final class LiveRoom: RoomLink, @unchecked Sendable {
    let hub: RoomHub
    let joinAddress: String
    let sidecar: String
    private let lock = NSLock()
    private var snapshot = RoomStatus()
    private var serverTask: Task<Void, Never>?
    private var watcher: Task<Void, Never>?
    private var shower: Task<Void, Never>?
    private let cards: AsyncStream<BarrierCard>.Continuation

    /// "HOST:PORT", "[IPv6]:PORT".
    static func parse(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    /// Opens the room and waits until it listens; throws a sentence for the user when it cannot.
    init(mapPath: String, document: MapDocument, address: String, recovered: [RoomEvent]) throws {
        guard let (host, port) = Self.parse(address) else {
            throw OpenFailure(
                message: "assetmap: --room takes ADDRESS:PORT (e.g. 127.0.0.1:8080), not '\(address)'", status: 1)
        }
        let communities = document.graph.nodes.filter { $0.hasKind(.community) }.map {
            RoomCommunity(id: $0.id, label: $0.label)
        }
        do {
            hub = try RoomHub(mapPath: mapPath, communities: communities, recovered: recovered)
        } catch {
            throw OpenFailure(message: "assetmap: the room cannot open: \(error)", status: 1)
        }
        let server = RoomServer(hub: hub)
        let bound = BoundPort()
        serverTask = Task.detached {
            do {
                try await server.run(host: host, port: port) { bound.set(.success($0)) }
            } catch {
                bound.set(.failure(error))
            }
        }
        guard
            case .success(let actual) = bound.wait(seconds: 30)
                ?? .failure(OpenFailure(message: "timed out", status: 1))
        else {
            serverTask?.cancel()
            let why =
                bound.wait(seconds: 0).map { if case .failure(let e) = $0 { return "\(e)" } else { return "" } }
                ?? "timed out"
            throw OpenFailure(message: "assetmap: the room cannot listen on \(address): \(why)", status: 1)
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        joinAddress = "http://\(shownHost):\(actual)\(server.joinPath)"
        sidecar = ((try? AtomicWrite.resolve(mapPath)) ?? mapPath) + ".room-address"
        let (stream, continuation) = AsyncStream<BarrierCard>.makeStream()
        cards = continuation
        try writeSidecar()
        snapshot.address = joinAddress
        let hub = self.hub
        shower = Task.detached {
            for await card in stream { try? await hub.show(RoomCard(card)) }
        }
        watcher = Task.detached { [weak self] in
            let changes = await hub.facilitatorChanges()
            await self?.refresh()
            for await _ in changes { await self?.refresh() }
        }
    }

    private func writeSidecar() throws {
        unlink(sidecar)  // one left by a killed room: the journal's lock says no room is open now
        let fd = open(sidecar, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw OpenFailure(
                message: "assetmap: cannot write \(sidecar): \(String(cString: strerror(errno)))", status: 1)
        }
        defer { Glibc.close(fd) }
        try AtomicWrite.writeAll(fd, Data((joinAddress + "\n").utf8), sidecar)
    }

    private func refresh() async {
        let room = await hub.room
        let next = room.tally.mapValues { (votes: $0.votes, people: $0.participants) }
        lock.withLock {
            snapshot.version += 1
            snapshot.joined = room.participants.count
            snapshot.votes = next
            snapshot.waiting = room.pending.count
        }
    }

    var status: RoomStatus { lock.withLock { snapshot } }

    func show(_ card: BarrierCard) { cards.yield(card) }

    /// Stops the room. `land`: the votes land in the map first (a normal quit); a signal keeps them in the
    /// journal for the next start. Returns what the user should read.
    func close(land: Bool) -> String {
        cards.finish()
        watcher?.cancel()
        let hub = self.hub
        let result =
            (try? Blocking.run { () async -> String in
                guard land else { return "" }
                do {
                    try await hub.close()
                } catch {
                    return "the room's votes did not land (\(error)); they are kept in \(await hub.journalPath)"
                }
                let room = await hub.room
                let journal = await hub.journalPath
                return room.pending.isEmpty
                    ? ""
                    : "\(room.pending.count) notes and suggestions from the room wait in \(journal); reopen the room to decide them"
            }) ?? ""
        serverTask?.cancel()
        unlink(sidecar)
        return result
    }
}

/// The port the server bound, or why it could not.
private final class BoundPort: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Int, any Error>?

    func set(_ value: Result<Int, any Error>) {
        condition.withLock {
            if result == nil { result = value }
            condition.broadcast()
        }
    }

    func wait(seconds: Double) -> Result<Int, any Error>? {
        condition.withLock {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while result == nil, condition.wait(until: deadline) {}
            return result
        }
    }
}
