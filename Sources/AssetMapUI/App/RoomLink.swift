import AssetMapCore

/// The live review room as the UI sees it (issue 27): the UI tells it the card on show and reads
/// what the room looks like. The command line gives the real one (AssetMapRoom, on the network);
/// the UI stays free of networking.
package protocol RoomLink: AnyObject, Sendable {
    /// The card on the facilitator's screen, for the phones to follow.
    func show(_ card: BarrierCard)
    /// The room now; its `version` changes with every change worth drawing.
    var status: RoomStatus { get }
}

package struct RoomStatus: Equatable, Sendable {
    package var version = 0
    package var joined = 0
    /// Votes placed in the room so far, by barrier id, and how many people placed them.
    package var votes: [String: (votes: Int, people: Int)] = [:]
    /// Notes and suggestions waiting for the facilitator.
    package var waiting = 0
    /// Where phones join.
    package var address = ""

    package init() {}

    package static func == (a: RoomStatus, b: RoomStatus) -> Bool {
        a.version == b.version && a.joined == b.joined && a.waiting == b.waiting && a.address == b.address
            && a.votes.mapValues { [$0.votes, $0.people] } == b.votes.mapValues { [$0.votes, $0.people] }
    }
}
