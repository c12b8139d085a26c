import AssetMapCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The room on the network: a Hummingbird server that answers only under its join token, and only
/// the participant's actions (join, read the card, vote, note, suggest). Stops when its task is
/// cancelled (the room closing, the program ending).
package struct RoomServer: Sendable {
    package struct Limits: Sendable {
        package var bodyBytes = 4096
        /// Requests one participant may make in `window` seconds.
        package var requestsPerWindow = 120
        package var window: Double = 60
        package init() {}
    }

    package let hub: RoomHub
    /// At least 128 random bits, the first part of every path: without it, every request is a 404.
    package let token: String
    package var limits = Limits()

    package init(hub: RoomHub, token: String = RoomHub.randomID(bytes: 24), limits: Limits = Limits()) {
        self.hub = hub
        self.token = token
        self.limits = limits
    }

    /// The path a phone opens, after `http://ADDRESS:PORT`.
    package var joinPath: String { "/\(token)/" }

    /// Serves until cancelled; `listening` is told the port once it is bound.
    package func run(host: String, port: Int, listening: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        var logger = Logger(label: "assetmap-room")
        logger.logLevel = .critical  // the terminal belongs to the UI
        let responder = RoomResponder(hub: hub, token: token, limits: limits, meter: RequestMeter(limits: limits))
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await listening(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.run()
    }
}

/// Counts each participant's requests in a sliding window.
actor RequestMeter {
    let limits: RoomServer.Limits
    private var seen: [String: [Double]] = [:]

    init(limits: RoomServer.Limits) { self.limits = limits }

    func allow(_ participant: String, now: Double = Date().timeIntervalSince1970) -> Bool {
        var times = seen[participant, default: []].filter { now - $0 < limits.window }
        guard times.count < limits.requestsPerWindow else {
            seen[participant] = times
            return false
        }
        times.append(now)
        seen[participant] = times
        return true
    }
}
