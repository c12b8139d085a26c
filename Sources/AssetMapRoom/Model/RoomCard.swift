import AssetMapCore

/// What a phone is shown of a barrier: its label and the names of its neighbours, nothing else.
/// Built from a review card, which carries no `private-` attribute, so none can reach a phone.
package struct RoomCard: Codable, Equatable, Sendable {
    package var id: String
    package var label: String
    package var dimension: String?
    package var status: String
    package var communities: [String]
    package var places: [String]
    package var improvements: [String]

    package init(
        id: String, label: String, dimension: String? = nil, status: String = "open", communities: [String] = [],
        places: [String] = [], improvements: [String] = []
    ) {
        (self.id, self.label, self.dimension, self.status) = (id, label, dimension, status)
        (self.communities, self.places, self.improvements) = (communities, places, improvements)
    }

    package init(_ card: BarrierCard) {
        self.init(
            id: card.id, label: card.label, dimension: card.dimension, status: card.status,
            communities: card.communities.map(\.label), places: card.places.map(\.label),
            improvements: card.improvements.map(\.label))
    }
}

/// A community a phone may name when it suggests a barrier.
package struct RoomCommunity: Codable, Equatable, Sendable {
    package var id: String
    package var label: String

    package init(id: String, label: String) { (self.id, self.label) = (id, label) }
}
