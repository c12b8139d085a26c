/// Text from a phone, made safe to keep: line breaks and tabs become spaces, runs of spaces one,
/// and any other control character (C0, DEL, C1, bidirectional overrides) refuses it. Markup is
/// kept as the characters typed: the page and the map only ever show it as text.
package enum RoomText {
    package static func clean(_ text: String, limit: Int, optional: Bool = false) throws(RoomRefusal) -> String? {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x09 || v == 0x0A || v == 0x0D || v == 0x20 || v == 0xA0 || v == 0x2028 || v == 0x2029 {
                space = !out.isEmpty
                continue
            }
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0xFEFF
            {
                throw .controlCharacter
            }
            if space { out.unicodeScalars.append(" ") }
            space = false
            out.unicodeScalars.append(scalar)
        }
        if out.isEmpty {
            if optional { return nil }
            throw .emptyText
        }
        guard out.count <= limit else { throw .tooLong(limit: limit) }
        return out
    }
}
