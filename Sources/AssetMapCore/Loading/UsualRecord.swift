/// A record line in one of its two usual shapes, `KIND ID "LABEL"` and `FROM -> TO RELATION`, found straight
/// from its bytes: no tokens, no Strings. Any other line (a header, a kind declaration, an escape in a quoted
/// text, every mistake) is nil and goes to the lexer, which words the errors. Both ways must read every line the
/// same: `Parser.load(_:validate:partsFrom:usualShapes:)` can turn this one off, and the fuzzer compares.
struct UsualRecord {
    enum Shape { case node, edge }
    var shape: Shape
    /// Token ranges as the lexer gives them: a node's kind, id and label; an edge's from, to and relation. A
    /// quoted label or relation's range includes its quotes.
    var first: Range<Int>
    var second: Range<Int>
    var third: Range<Int>
    var thirdIsQuoted: Bool

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        guard let first = Self.word(bytes, &i) else { return nil }
        i = Lexer.blanksEnd(bytes, from: i)
        guard i < bytes.count else { return nil }
        let second: Range<Int>
        if Lexer.isArrow(bytes, at: i) {
            i += 2
            i = Lexer.blanksEnd(bytes, from: i)
            guard let to = Self.word(bytes, &i) else { return nil }
            i = Lexer.blanksEnd(bytes, from: i)
            shape = .edge
            second = to
        } else {
            guard let id = Self.word(bytes, &i) else { return nil }
            i = Lexer.blanksEnd(bytes, from: i)
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            shape = .node
            second = id
        }
        guard i < bytes.count else { return nil }
        let third: Range<Int>
        if bytes[i] == UInt8(ascii: "\"") {
            guard let quoted = Self.quoted(bytes, &i) else { return nil }
            third = quoted
        } else {
            guard let word = Self.word(bytes, &i) else { return nil }
            third = word
        }
        i = Lexer.blanksEnd(bytes, from: i)
        guard i == bytes.count else { return nil }
        self.first = first
        self.second = second
        self.third = third
        thirdIsQuoted = bytes[third.lowerBound] == UInt8(ascii: "\"")
    }

    /// Where the third token's text is: a quoted one's without its quotes (it holds no escape).
    var thirdText: Range<Int> { thirdIsQuoted ? (third.lowerBound + 1)..<(third.upperBound - 1) : third }

    /// An id or kind word as the lexer reads one.
    @inline(__always) private static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Range<Int>? {
        guard i < bytes.count, Syntax.isIDStart(bytes[i]) else { return nil }
        let start = i
        i = Lexer.wordEnd(bytes, from: i)
        return start..<i
    }

    /// A quoted text without escapes (one with an escape is the lexer's to read).
    @inline(__always) private static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Range<Int>? {
        let start = i
        i += 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                return start..<i
            case UInt8(ascii: "\\"): return nil
            default: i += 1
            }
        }
        return nil
    }
}
