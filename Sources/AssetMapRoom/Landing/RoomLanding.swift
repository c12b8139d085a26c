import AssetMapCore

/// How the room's accepted items and votes reach the map: through the one locked save
/// (`MapFile.edit`), as the review edits Core keeps for the room.
package enum RoomLanding {
    /// Lands an accepted note or suggestion; returns what it did, in words.
    package static func land(_ item: RoomItem, in path: String, date: String = ReviewDate.today()) throws -> String {
        try MapFile.edit(path) { doc in
            switch item.kind {
            case .note(let barrier, let text):
                doc.apply(try doc.addRoomNote(barrier, text: text, date: date))
                return "note on \(barrier)"
            case .suggestion(let label, let communities, let place):
                let (id, change) = try doc.addSuggestedBarrier(
                    label: label, communities: communities, place: place, date: date)
                doc.apply(change)
                return "new barrier \(id)"
            }
        }
    }

    /// Lands the votes placed since the last landing, each barrier's with its history line.
    /// A barrier removed from the map meanwhile is skipped and named in the result.
    package static func landVotes(_ room: Room, in path: String, date: String = ReviewDate.today()) throws -> [String] {
        let changes = room.unlandedVotes
        guard !changes.isEmpty else { return [] }
        return try MapFile.edit(path) { doc in
            let (change, missing) = try doc.landRoomVotes(changes, date: date)
            doc.apply(change)
            return missing
        }
    }
}
