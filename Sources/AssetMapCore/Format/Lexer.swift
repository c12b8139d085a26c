import Foundation

@inline(__always) func isLowerLetter(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
@inline(__always) func isKeyByte(_ b: UInt8) -> Bool {
    isLowerLetter(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
}

/// 1-based character columns from UTF-8 byte offsets.
enum TextColumn {
    static func column(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        let end = min(offset, bytes.count)
        guard let base = bytes.baseAddress else { return 1 }
        // ASCII (most lines): the column is the offset. Checked eight bytes at a time.
        var i = 0, ascii = true
        while i + 8 <= end && ascii {
            ascii = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            i += 8
        }
        while i < end && ascii {
            ascii = base[i] < 0x80
            i += 1
        }
        if ascii { return end + 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self).count + 1
    }
}

struct Token {
    enum Kind { case word, string, arrow }
    var kind: Kind
    /// Byte range in the line; a string's range includes its quotes.
    var offset: Int
    var end: Int
    var hasEscapes = false

    /// The token's text (a label unescaped), made only when a record needs it.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch kind {
        case .arrow: return "->"
        case .word: return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        case .string:
            let inside = UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<(end - 1)])
            guard hasEscapes else { return String(decoding: inside, as: UTF8.self) }
            var text: [UInt8] = []
            text.reserveCapacity(inside.count)
            var i = 0
            while i < inside.count {
                if inside[i] == UInt8(ascii: "\\") { i += 1 }
                text.append(inside[i])
                i += 1
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    /// The token's bytes (a label's without quotes; only meaningful for words and escape-free labels).
    func rawBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        kind == .string
            ? UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<(end - 1)])
            : UnsafeBufferPointer(rebasing: bytes[offset..<end])
    }
}

/// Splits a record line into words, quoted labels and `->`.
struct Lexer {
    struct Failure: Error { var offset: Int; var message: String }
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// Why `next` gave nil before the end of the line.
    private(set) var failure: Failure?

    /// The next token, or nil at the end of the line or at a mistake (then `failure` says which).
    mutating func next() -> Token? {
        position = Self.blanksEnd(bytes, from: position)
        guard position < bytes.count else { return nil }
        let start = position
        let byte = bytes[position]
        if Self.isArrow(bytes, at: position) {
            position += 2
            return Token(kind: .arrow, offset: start, end: position)
        }
        if byte == UInt8(ascii: "\"") { return quoted() }
        if Syntax.isIDStart(byte) {
            position = Self.wordEnd(bytes, from: position)
            return Token(kind: .word, offset: start, end: position)
        }
        let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        let ch = rest.first.map(String.init) ?? "?"
        let hint =
            byte == UInt8(ascii: "#")
            ? " (comments are whole lines starting with '#')"
            : byte == UInt8(ascii: "'") || rest.hasPrefix("“") || rest.hasPrefix("”")
                ? " (labels use straight double quotes \")"
                : byte == UInt8(ascii: ":")
                    ? " (attributes go on their own indented line: '  key: value')"
                    : " (ids use letters, digits, '_', '.' and '-'; labels go in double quotes)"
        return fail(start, "unexpected '\(ch)'\(hint)")
    }

    // The rules `UsualRecord` reads lines by too.

    /// Where the blanks (spaces, tabs) from `i` on end.
    @inline(__always) static func blanksEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var i = i
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
        return i
    }

    @inline(__always) static func isArrow(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 1 < bytes.count && bytes[i] == UInt8(ascii: "-") && bytes[i + 1] == UInt8(ascii: ">")
    }

    /// Where the word starting at `start` (with an id's first byte) ends: `a->b` without spaces stops before `->`.
    @inline(__always) static func wordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start + 1
        while i < bytes.count && Syntax.isIDByte(bytes[i]) && !isArrow(bytes, at: i) { i += 1 }
        return i
    }

    private mutating func fail(_ offset: Int, _ message: String) -> Token? {
        failure = Failure(offset: offset, message: message)
        return nil
    }

    private mutating func quoted() -> Token? {
        let start = position
        position += 1
        var hasEscapes = false
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return Token(kind: .string, offset: start, end: position, hasEscapes: hasEscapes)
            }
            if b == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { break }
                let escaped = bytes[position + 1]
                guard escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else {
                    return fail(
                        position,
                        "unknown escape '\\\(Character(Unicode.Scalar(escaped)))' in a label; only \\\" and \\\\ are allowed"
                    )
                }
                hasEscapes = true
                position += 2
                continue
            }
            position += 1
        }
        return fail(start, "this label has no closing double quote")
    }
}
