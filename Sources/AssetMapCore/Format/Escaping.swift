/// Text from a map never reaches a terminal raw: control characters (C0 but tab, DEL, C1) could clear
/// the screen, retitle the window or write the clipboard of whoever prints the map, and bidi controls
/// could make a line read as something else. They are shown escaped (`\x1b`, `\u{202E}`).
package enum Escaping {
    /// C0 other than tab, DEL, C1.
    @inline(__always) package static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09) || (value >= 0x7F && value <= 0x9F)
    }

    /// U+202A–U+202E and U+2066–U+2069 (embeddings, overrides, isolates).
    @inline(__always) package static func isBidiControl(_ value: UInt32) -> Bool {
        (value >= 0x202A && value <= 0x202E) || (value >= 0x2066 && value <= 0x2069)
    }

    /// Only bytes that cannot start a control or bidi character: nothing to escape.
    private static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isPlain($0) }
    }

    /// `isPlain` of UTF-8 bytes ("\n" is not plain). Eight bytes at a time: a word of printable ASCII and tabs
    /// passes without a look at its bytes.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        @inline(__always) func spread(_ b: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(b) }
        var i = 0
        while i + 8 <= bytes.count {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // Most words are printable ASCII: a byte below 0x20 or above 0x7E is looked for first (never missed;
            // a tab or a carry may send a plain word on to the exact test).
            let below = (x &- spread(0x20)) & ~x & spread(0x80), above = ((x &+ spread(0x01)) | x) & spread(0x80)
            if below | above != 0 {
                let control = Bytes.zeros(x & spread(0xE0)) & ~Bytes.zeros(x ^ spread(0x09))
                if control | (x & spread(0x80)) | Bytes.zeros(x ^ spread(0x7F)) != 0 {
                    for k in i..<(i + 8) where !isPlain(base[k]) { return false }
                }
            }
            i += 8
        }
        while i < bytes.count {
            if !isPlain(base[i]) { return false }
            i += 1
        }
        return true
    }

    /// Whether the UTF-8 bytes hold a control character (`isControl`) before a final "\r": C0 but tab, DEL,
    /// and C1, which UTF-8 writes as 0xC2 then 0x80–0x9F.
    static func hasControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let end = bytes.last == 0x0D ? bytes.count - 1 : bytes.count
        return (0..<end).contains { startsControl(base, at: $0, end: end) }
    }

    /// Whether the UTF-8 byte at `i` (of bytes ending at `end`) starts a control character: C0 but tab, DEL, or
    /// C1 (0xC2 then 0x80–0x9F). The line split notes lines by this too.
    @inline(__always) static func startsControl(_ base: UnsafePointer<UInt8>, at i: Int, end: Int) -> Bool {
        let b = base[i]
        return (b < 0x20 && b != 0x09) || b == 0x7F
            || (b == 0xC2 && i + 1 < end && base[i + 1] >= 0x80 && base[i + 1] <= 0x9F)
    }

    @inline(__always) private static func isPlain(_ byte: UInt8) -> Bool {
        (byte >= 0x20 && byte < 0x7F) || byte == 0x09 || (byte >= 0xC3 && byte != 0xE2) || (byte >= 0x80 && byte < 0xC0)
    }

    /// `text` with control and bidi characters escaped; line breaks too unless `keepingNewlines`.
    package static func visible(_ text: String, keepingNewlines: Bool = false) -> String {
        if isPlain(text) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x0A where keepingNewlines: out.append("\n")
            case 0x0A: out.append("\\n")
            case 0x0D: out.append("\\r")
            case _ where isControl(value): out.append("\\x" + hex(value, digits: 2))
            case _ where isBidiControl(value): out.append("\\u{" + hex(value, digits: 4) + "}")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// How text written for people (listings, diffs, reports, histories) keeps its shape while escaped.
    package enum Output: Sendable {
        /// Control and bidi characters as `visible` shows them; line breaks (LF, CRLF) and tabs kept.
        case text
        /// JSON: they become `\uXXXX` escapes, which mean the same characters (JSON's own syntax is ASCII).
        case json
    }

    /// `text` safe for a terminal (or a pager, or git's textconv), the one way every output is escaped.
    package static func forOutput(_ text: String, as kind: Output) -> String {
        if isPlain(text) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            let value = scalar.value
            if value == 0x0A || (kind == .json && (value == 0x0D || value == 0x09)) {
                out.unicodeScalars.append(scalar)
            } else if value == 0x0D {
                let next = scalars.next()
                out.append(next == "\n" ? "\r\n" : "\\r")
                if next != "\n" { pending = next }
            } else if isControl(value) || isBidiControl(value) {
                out.append(kind == .json ? "\\u" + hex(value, digits: 4) : visible(String(scalar)))
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A file name as a word a shell reads back as that name, for hints a user may paste (`assetmap resolve
    /// FILE`, `touch FILE`): quoted when it holds anything but safe characters, and `./` before a leading
    /// `-` so no program takes it for an option.
    package static func shellWord(_ name: String) -> String {
        let safe = name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil))
                || "@%+=:,./_-".unicodeScalars.contains($0)
        }
        let word = notAnOption(name)
        if safe && !name.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A path handed to another program (an editor, git): `./` before a leading `-`, so it is never an option.
    package static func notAnOption(_ path: String) -> String { path.hasPrefix("-") ? "./" + path : path }

    /// One line for a message: escaped, and cut with … past `limit` characters.
    package static func oneLine(_ text: String, limit: Int = 300) -> String {
        // Most messages: nothing to escape, and short even counted in bytes (never fewer than characters).
        if text.utf8.count <= limit && isPlain(text) { return text }
        let shown = visible(text)
        return shown.count <= limit ? shown : String(shown.prefix(limit - 1)) + "…"
    }

    /// True when `visible` would change nothing and there is no line break.
    package static func isPrintable(_ text: String) -> Bool {
        isPlain(text) || !text.unicodeScalars.contains { isControl($0.value) || isBidiControl($0.value) }
    }

    /// The first control character in a line of the file (a CRLF line's final CR is its ending, not
    /// content): its 1-based character column and its escaped form.
    package static func firstControl(inLine line: String) -> (column: Int, shown: String)? {
        if isPlain(line) { return nil }
        var column = 1
        let characters = line.utf8.last == 0x0D ? Substring(line).dropLast() : Substring(line)
        for character in characters {
            if let scalar = character.unicodeScalars.first(where: { isControl($0.value) }) {
                return (column, visible(String(scalar)))
            }
            column += 1
        }
        return nil
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
