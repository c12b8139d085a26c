import AssetMapCore

/// How the room's accepted items and votes reach the map: through the one locked save
/// (`MapFile.edit`), as the review edits Core keeps for the room. Each landing first tells `intent`
/// the lines it adds (the hub journals them), inside the lock, before the save.
package enum RoomLanding {
    package typealias Intent = ([RoomLandingIntent.Mark]) throws -> Void

    /// Lands an accepted note or suggestion; returns what it did, in words.
    package static func land(
        _ item: RoomItem, in path: String, date: String = ReviewDate.today(), intent: Intent = { _ in }
    ) throws -> String {
        try MapFile.edit(path) { doc in
            let before = doc.graph
            switch item.kind {
            case .note(let barrier, let text):
                doc.apply(try doc.addRoomNote(barrier, text: text, date: date))
                try intent(RoomLandingIntent.marks(key: "review", records: [barrier], before: before, after: doc.graph))
                return "note on \(barrier)"
            case .suggestion(let label, let communities, let place):
                let (id, change) = try doc.addSuggestedBarrier(
                    label: label, communities: communities, place: place, date: date)
                doc.apply(change)
                try intent(RoomLandingIntent.marks(key: "history", records: [id], before: before, after: doc.graph))
                return "new barrier \(id)"
            }
        }
    }

    /// Lands the votes placed since the last landing, each barrier's with its history line.
    /// A barrier removed from the map meanwhile is skipped and named in the result.
    package static func landVotes(
        _ room: Room, in path: String, date: String = ReviewDate.today(), intent: Intent = { _ in }
    ) throws -> [String] {
        let changes = room.unlandedVotes
        guard !changes.isEmpty else { return [] }
        return try MapFile.edit(path) { doc in
            let before = doc.graph
            let (change, missing) = try doc.landRoomVotes(changes, date: date)
            doc.apply(change)
            let landed = changes.map(\.barrier).filter { !missing.contains($0) }
            if !landed.isEmpty {
                try intent(RoomLandingIntent.marks(key: "history", records: landed, before: before, after: doc.graph))
            }
            return missing
        }
    }

    /// After a crash: when the journal ends with a landing whose lines are in the map, the event it
    /// never got to write (so the item or the votes do not land twice); nil otherwise.
    package static func settle(_ events: [RoomEvent], mapPath: String) -> RoomEvent? {
        guard case .landing(let intent)? = events.last,
            let document = try? MapDocument(contentsOf: mapPath),
            intent.isLanded(in: document.graph)
        else { return nil }
        return intent.completion
    }
}
