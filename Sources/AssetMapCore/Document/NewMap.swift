import Foundation

/// A map of one's own: what `assetmap new` and the UI's offer for a missing file both start from.
extension MapDocument {
    /// The map's header with `title` and `area` (left out when empty), under one comment saying where the
    /// format is described, and no records: the examples stay in maps/template.map. Throws an `EditError`
    /// for an empty title, or a title or area that cannot be written (a line break in the title, a control
    /// character).
    package static func newMap(title: String, area: String) throws -> MapDocument {
        let title = title.trimmingCharacters(in: .whitespaces)
        let area = area.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { throw EditError("a map needs a title") }
        var document = MapDocument(
            text: "# The .map format: FORMAT.md in AssetMap's documentation; a commented example: maps/template.map\n")
        document.perform(try document.setTitle(title))
        if !area.isEmpty { document.perform(try document.setAttribute(.header, key: "area", value: area)) }
        return document
    }
}
