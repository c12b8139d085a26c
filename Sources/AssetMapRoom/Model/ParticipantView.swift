/// Everything one phone is told: the card on show, its own votes, and the communities it may
/// name. Never another participant's input.
package struct ParticipantView: Codable, Equatable, Sendable {
    package var card: RoomCard?
    package var allowance: Int
    package var votesLeft: Int
    /// This participant's votes on the card on show.
    package var votesHere: Int
    package var communities: [RoomCommunity]

    package init(_ room: Room, participant: String) {
        card = room.card
        allowance = room.allowance
        votesLeft = room.votesLeft(participant)
        votesHere = room.card.map { room.votes(of: participant, on: $0.id) } ?? 0
        communities = room.communities
    }
}
