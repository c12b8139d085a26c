/// Why the room refused what a phone sent; each has its HTTP status and a sentence a person reads.
package enum RoomRefusal: Error, Equatable, Sendable {
    case unknownParticipant
    case roomFull(limit: Int)
    case noVotesLeft(allowance: Int)
    case noVoteToTakeBack
    case notShown
    case badVote
    case emptyText
    case tooLong(limit: Int)
    case controlCharacter
    case unknownCommunity

    package var status: Int {
        switch self {
        case .unknownParticipant: return 403
        case .roomFull: return 503
        case .noVotesLeft, .noVoteToTakeBack, .notShown: return 409
        case .badVote, .emptyText, .tooLong, .controlCharacter, .unknownCommunity: return 422
        }
    }

    package var message: String {
        switch self {
        case .unknownParticipant: return "Open the join address again to take part."
        case .roomFull(let limit): return "The room is full (\(limit) people). Ask the facilitator."
        case .noVotesLeft(let allowance):
            return "You have used all \(allowance) of your votes. Take one back to move it."
        case .noVoteToTakeBack: return "You have no vote on this card to take back."
        case .notShown: return "Votes go on cards the facilitator has shown."
        case .badVote: return "A vote is added or taken back one at a time."
        case .emptyText: return "Write something first."
        case .tooLong(let limit): return "That is longer than \(limit) characters."
        case .controlCharacter: return "That text holds a control character."
        case .unknownCommunity: return "Choose communities from the list."
        }
    }
}
